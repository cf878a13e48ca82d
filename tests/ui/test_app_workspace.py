"""AppTest: the facilitator's pages with data in them."""

import datetime as dt

from modules.services import answers, planning
from tests.builders import World
from tests.ui.conftest import app, texts


def test_the_cohort_dashboard_shows_figures_grid_nudges_and_shared_answers(ui_svc):
    w = World(ui_svc)
    answers.save_answer(ui_svc, w.part_a, w.cohort_a, "example", "first-thoughts",
                        {"text": "<b>Delad</b> reflektion"}, submit=True, visibility="facilitator")
    planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Träff 1", dt.date.today(), dt.time(9), dt.time(12))
    at = app(w.fac_a).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Inbjudna"] == "2" and metrics["Har gått med"] == "2"
    assert "Behöver en påminnelse (1)" in texts(at)
    assert "<b>Delad</b> reflektion" in [t.value for t in at.text]
    assert at.dataframe, "the progress grid is shown"


def test_the_cohorts_page_shows_the_join_code_and_the_roster(ui_svc):
    w = World(ui_svc)
    at = app(w.fac_a).run()
    assert not at.exception
    assert at.title[0].value == "Grupper"
    assert any("Gå med på Medled med koden" in str(h.proto) for h in at.get("html"))  # the first tab: the code
    assert not at.dataframe  # the roster's tab is not open, so it is not drawn
    at.session_state["cohort-tabs"] = "Deltagare"
    at.run()
    assert any("Anna A" in str(d.value) for d in at.dataframe)  # the roster is one plain-text table


def test_the_organisation_dashboard_renders_for_an_admin(ui_svc):
    w = World(ui_svc)
    at = app(w.admin)
    at.session_state["dash_scope"] = "organisation"
    at.run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert {m.label: m.value for m in at.metric}["Har gått med"] in {"2", "1"}


def test_a_participant_rates_a_held_session_from_home(ui_svc):
    w = World(ui_svc)
    sid = planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Träff 1", dt.date.today(), dt.time(9), dt.time(12))
    at = app(w.part_a).run()
    assert not any(b.label == "Skicka" for b in at.button)  # the folded list of sessions is not drawn
    at.session_state[f"sessions-{w.cohort_a}"] = True  # the participant opens it
    at.run()
    next(r for r in at.radio if r.label.startswith("Hur värdefull")).set_value(5)
    next(b for b in at.button if b.label == "Skicka").click().run()
    assert not at.exception
    assert answers.my_feedback(ui_svc, w.part_a, w.cohort_a, "session", sid)["rating"] == 5
