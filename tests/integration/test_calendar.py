"""Calendar files read back with icalendar: zone, stable UIDs, growing SEQUENCE, cancellations,
and the subscription token's life (right, wrong, revoked)."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from modules.services import calendar, cohorts, planning
from modules.services.errors import PermissionDenied

DAY = dt.date.today() + dt.timedelta(days=10)


def _events(data: bytes) -> list:
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk("VEVENT")]


def _by_title(data: bytes) -> dict:
    return {str(e["SUMMARY"]): e for e in _events(data)}


def _session(svc, world, title="Träff 1", start=dt.time(9, 0), place="Rum 3", module=None, session_id=None):
    return planning.save_session(svc, world.fac_a, world.cohort_a, title, DAY, start, dt.time(12, 0), place,
                                 module, session_id=session_id)


def test_a_session_keeps_its_time_in_the_cohorts_zone_with_a_vtimezone(svc, world):
    _session(svc, world)
    planning.set_timezone(svc, world.fac_a, world.cohort_a, "Europe/Helsinki")
    data = calendar.cohort_calendar(svc, world.part_a, world.cohort_a)
    cal = icalendar.Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    event = _by_title(data)["Träff 1"]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Helsinki" or event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert (start.hour, start.minute) == (9, 0)
    assert event.decoded("DTEND").hour == 12
    assert str(event["LOCATION"]) == "Rum 3"


def test_the_uid_is_stable_across_exports_and_the_sequence_grows_only_when_the_session_changes(svc, world):
    sid = _session(svc, world)
    first = _by_title(calendar.cohort_calendar(svc, world.fac_a, world.cohort_a))["Träff 1"]
    _session(svc, world, session_id=sid)  # saved again, unchanged
    same = _by_title(calendar.cohort_calendar(svc, world.fac_a, world.cohort_a))["Träff 1"]
    _session(svc, world, start=dt.time(10, 0), session_id=sid)
    moved = _by_title(calendar.cohort_calendar(svc, world.fac_a, world.cohort_a))["Träff 1"]
    assert str(first["UID"]) == str(same["UID"]) == str(moved["UID"])
    assert int(first["SEQUENCE"]) == int(same["SEQUENCE"]) == 0
    assert int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTSTART").hour == 10


def test_a_removed_session_is_published_as_cancelled_with_a_higher_sequence(svc, world):
    sid = _session(svc, world, title="Inställd träff")
    _session(svc, world, title="Träff 2")
    before = _by_title(calendar.cohort_calendar(svc, world.fac_a, world.cohort_a))["Inställd träff"]
    planning.delete_session(svc, world.fac_a, sid)
    after = _by_title(calendar.cohort_calendar(svc, world.fac_a, world.cohort_a))
    assert str(after["Inställd träff"]["STATUS"]) == "CANCELLED"
    assert str(after["Inställd träff"]["UID"]) == str(before["UID"])
    assert int(after["Inställd träff"]["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["Träff 2"]["STATUS"]) == "CONFIRMED"


def test_a_video_link_becomes_the_url_and_the_module_to_prepare_is_described(svc, world):
    module = svc.program.modules[0]
    _session(svc, world, place="https://meet.example.org/abc", module=module.id)
    event = _by_title(calendar.cohort_calendar(svc, world.part_a, world.cohort_a))["Träff 1"]
    assert str(event["URL"]) == "https://meet.example.org/abc"
    description = str(event["DESCRIPTION"])
    assert module.meta.title.get("sv") in description and "https://meet.example.org/abc" in description


def test_one_sessions_file_holds_only_that_session(svc, world):
    sid = _session(svc, world)
    _session(svc, world, title="Träff 2")
    events = _events(calendar.cohort_calendar(svc, world.part_a, world.cohort_a, sid))
    assert [str(e["SUMMARY"]) for e in events] == ["Träff 1"]


def test_people_outside_the_cohort_get_no_calendar(svc, world):
    _session(svc, world)
    for outsider in (world.part_b, world.fac_b):
        with pytest.raises(PermissionDenied):
            calendar.cohort_calendar(svc, outsider, world.cohort_a)
        with pytest.raises(PermissionDenied):
            calendar.feed_token(svc, outsider, world.cohort_a)


def test_the_subscription_token_serves_the_calendar_until_it_is_rotated(svc, world):
    _session(svc, world)
    token = calendar.feed_token(svc, world.part_a, world.cohort_a)
    assert calendar.feed_token(svc, world.fac_a, world.cohort_a) == token  # one address per cohort
    assert "Träff 1" in _by_title(calendar.calendar_for_token(svc, token))
    assert calendar.calendar_for_token(svc, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert calendar.calendar_for_token(svc, "") is None
    new = calendar.rotate_feed(svc, world.fac_a, world.cohort_a)
    assert new != token
    assert calendar.calendar_for_token(svc, token) is None
    assert "Träff 1" in _by_title(calendar.calendar_for_token(svc, new))


def test_a_participant_cannot_revoke_the_subscription_address(svc, world):
    calendar.feed_token(svc, world.part_a, world.cohort_a)
    with pytest.raises(PermissionDenied):
        calendar.rotate_feed(svc, world.part_a, world.cohort_a)


def test_the_feed_is_written_in_the_cohorts_language(svc, world):
    cohort_en = cohorts.create_cohort(svc, world.fac_a, world.org_a, "Spring", "en", DAY, DAY + dt.timedelta(days=60))
    module = svc.program.modules[0]
    planning.save_session(svc, world.fac_a, cohort_en, "Kick-off", DAY, dt.time(9), dt.time(11), "", module.id)
    data = calendar.calendar_for_token(svc, calendar.feed_token(svc, world.fac_a, cohort_en))
    assert "Prepare:" in str(_by_title(data)["Kick-off"]["DESCRIPTION"])
