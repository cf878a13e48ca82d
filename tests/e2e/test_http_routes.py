"""Medled's own HTTP routes beside Streamlit (the calendar subscription, the manager guide),
against a running Medled server."""

import datetime as dt

import httpx
import icalendar
import pytest

from modules.services import calendar, planning
from tests.builders import make_cohort, make_facilitator, make_org

pytestmark = pytest.mark.e2e


def test_the_subscription_route_serves_text_calendar_for_the_right_token_only(server):
    svc, base = server["svc"], server["base"]
    from tests.builders import make_admin

    admin = make_admin(svc, "Cal Admin")
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    cohort = make_cohort(svc, fac, org, "Kalendergruppen")
    day = dt.date.today() + dt.timedelta(days=3)
    planning.save_session(svc, fac, cohort, "Första träffen", day, dt.time(13), dt.time(15), "Stora salen")
    token = calendar.feed_token(svc, fac, cohort)

    good = httpx.get(f"{base}/calendar/{token}.ics", timeout=30)
    assert good.status_code == 200
    assert good.headers["content-type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(good.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Första träffen"]

    wrong = httpx.get(f"{base}/calendar/{'x' * len(token)}.ics", timeout=30)
    assert wrong.status_code == 404 and b"BEGIN:VCALENDAR" not in wrong.content

    calendar.rotate_feed(svc, fac, cohort)
    revoked = httpx.get(f"{base}/calendar/{token}.ics", timeout=30)
    assert revoked.status_code == 404


def test_the_manager_guide_route_serves_the_guide_to_a_logged_in_user_only(server):
    from modules.services import auth
    from tests.builders import World

    svc, base = server["svc"], server["base"]
    w = World(svc)
    done = httpx.post(f"{base}/session/complete", data={"handoff": auth.start_session(svc, w.part_a).handoff},
                      headers={"Origin": base}, follow_redirects=False, timeout=30)
    cookie = {"medled_session": done.cookies["medled_session"]}

    for lang, title in (("sv", "chef"), ("en", "manager")):
        got = httpx.get(f"{base}/guide/manager-{lang}.html", cookies=cookie, timeout=30)
        assert got.status_code == 200, got.text
        assert got.headers["content-type"].startswith("text/html")
        assert got.headers["content-disposition"].startswith("attachment;")
        assert f"<html lang='{lang}'>" in got.text and title in got.text.lower()

    assert httpx.get(f"{base}/guide/manager-sv.html", timeout=30).status_code == 404  # not logged in
    assert httpx.get(f"{base}/guide/manager-sv.html", cookies={"medled_session": "x" * 43}, timeout=30).status_code == 404
    assert httpx.get(f"{base}/guide/manager-de.html", cookies=cookie, timeout=30).status_code == 404
