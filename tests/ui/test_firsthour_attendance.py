"""AppTest: attendance for the whole roster, and removing a session that has attendance."""

import datetime as dt

from modules.services import cohorts, dashboard, planning, roster
from tests.builders import World
from tests.ui.conftest import app, texts


def _dashboard(actor):
    at = app(actor).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _invite(svc, w) -> int:
    roster.import_roster(svc, w.fac_a, w.cohort_a, "l.csv", b"namn;e-post\nIda Inbjuden;ida@example.se\n")
    return next(p["id"] for p in cohorts.roster(svc, w.fac_a, w.cohort_a) if p["email"] == "ida@example.se")


def test_a_person_invited_but_not_joined_can_be_marked_present(ui_svc):
    w = World(ui_svc)
    ida = _invite(ui_svc, w)
    sid = planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Uppstart", dt.date.today(), dt.time(9), dt.time(12))
    at = _dashboard(w.fac_a)
    box = next(c for c in at.checkbox if c.label == "Ida Inbjuden (inbjuden, har inte gått med än)")
    box.check()
    next(b for b in at.button if b.label == "Spara närvaro").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert dashboard.attendance(ui_svc, w.fac_a, w.cohort_a)["marks"][(sid, ida)] is True


def test_removing_a_session_with_attendance_asks_first_and_names_the_session(ui_svc):
    w = World(ui_svc)
    ida = _invite(ui_svc, w)
    sid = planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Uppstart", dt.date(2026, 3, 2), dt.time(9), dt.time(12))
    planning.set_attendance(ui_svc, w.fac_a, sid, {ida})
    at = _dashboard(w.fac_a)
    next(b for b in at.button if b.key == f"del-s-{sid}").click().run()
    assert planning.list_sessions(ui_svc, w.fac_a, w.cohort_a), "nothing removed before the confirmation"
    warning = next(x.value for x in at.warning if "Uppstart" in x.value)
    assert "2026" in warning and "närvaron" in warning
    next(b for b in at.button if b.label == "Avbryt").click().run()
    assert planning.list_sessions(ui_svc, w.fac_a, w.cohort_a) and "Uppstart" not in "".join(x.value for x in at.warning)
    next(b for b in at.button if b.key == f"del-s-{sid}").click().run()
    next(b for b in at.button if b.label == "Ja, ta bort träffen och dess närvaro").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert planning.list_sessions(ui_svc, w.fac_a, w.cohort_a) == []


def test_a_session_without_attendance_is_removed_at_once(ui_svc):
    w = World(ui_svc)
    sid = planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Uppstart", dt.date(2026, 3, 2), dt.time(9), dt.time(12))
    at = _dashboard(w.fac_a)
    next(b for b in at.button if b.key == f"del-s-{sid}").click().run()
    assert planning.list_sessions(ui_svc, w.fac_a, w.cohort_a) == []
    assert "Uppstart" not in texts(at)
