"""AppTest: the module plan grid stores exactly what the facilitator set in it."""

import datetime as dt

import pytest

from modules.services import journey, planning
from tests.builders import World
from tests.ui.conftest import app, texts


def _dashboard_setup(at):
    at.run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _plan_editor(at, cohort_id):
    return next(e for e in at.data_editor if e.key == f"plan-{cohort_id}")


def _save_plan(at, cohort_id):
    next(b for b in at.button if b.key == f"save-plan-{cohort_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_date_set_on_a_new_cohorts_plan_is_stored_and_locks_the_module_until_then(ui_svc):
    w = World(ui_svc)
    assert all(p["unlock_date"] is None for p in planning.get_plan(ui_svc, w.fac_a, w.cohort_a))
    later = dt.date.today() + dt.timedelta(days=14)
    at = _dashboard_setup(app(w.fac_a))
    # What the browser sends when the facilitator picks a date in the grid's empty cell.
    at.session_state[f"plan-{w.cohort_a}"] = {"edited_rows": {0: {"unlock": later.isoformat()}},
                                              "added_rows": [], "deleted_rows": []}
    at.run()
    _save_plan(at, w.cohort_a)
    assert "Modulplanen är sparad." in texts(at)
    assert planning.get_plan(ui_svc, w.fac_a, w.cohort_a)[0]["unlock_date"] == later
    fresh = _dashboard_setup(app(w.fac_a))  # a reload: a new session reads the plan back
    shown = _plan_editor(fresh, w.cohort_a).value
    assert str(shown["unlock"].iloc[0])[:10] == later.isoformat()
    program = journey.program_for(ui_svc, w.part_a, w.cohort_a)
    assert program[0]["locked"] and program[0]["unlock_date"] == later


def test_clearing_a_date_in_the_plan_grid_opens_the_module_at_once(ui_svc):
    w = World(ui_svc)
    later = dt.date.today() + dt.timedelta(days=7)
    planning.set_plan(ui_svc, w.fac_a, w.cohort_a, [(p["module_id"], later)
                                                   for p in planning.get_plan(ui_svc, w.fac_a, w.cohort_a)])
    at = _dashboard_setup(app(w.fac_a))
    at.session_state[f"plan-{w.cohort_a}"] = {"edited_rows": {0: {"unlock": None}}, "added_rows": [],
                                              "deleted_rows": []}
    at.run()
    _save_plan(at, w.cohort_a)
    assert planning.get_plan(ui_svc, w.fac_a, w.cohort_a)[0]["unlock_date"] is None
    assert not journey.program_for(ui_svc, w.part_a, w.cohort_a)[0]["locked"]


def test_a_plan_cell_that_is_not_a_date_is_refused_rather_than_dropped():
    from modules.ui.components.dash_setup import grid_date

    assert grid_date("2026-12-01") == dt.date(2026, 12, 1)
    assert grid_date(float("nan")) is None
    with pytest.raises(ValueError):
        grid_date("next tuesday")
    with pytest.raises(ValueError):
        grid_date(42)
