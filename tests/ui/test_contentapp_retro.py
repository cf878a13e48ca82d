"""AppTest: the retrospective assessment asks "before (looking back)" and "now" and shows both
beside the baseline."""

import pytest

from modules.services import answers
from modules.ui import resources, state
from tests.builders import World
from tests.conftest import ROOT
from tests.ui.conftest import app, texts


@pytest.fixture
def retro_svc(app_env, monkeypatch):
    monkeypatch.setenv("MEDLED_CONTENT_DIR", str(ROOT / "tests" / "fixtures" / "content" / "retro"))
    resources.reset()
    return state.services()


def key(w, name):
    return f"ex:{w.cohort_a}:example:final:{name}"


def test_a_participant_rates_before_and_now_and_sees_them_beside_the_baseline(retro_svc):
    w = World(retro_svc)
    answers.save_answer(retro_svc, w.part_a, w.cohort_a, "example", "baseline", {"ratings": {"purpose": 3}},
                        submit=True)
    at = app(w.part_a).run()
    at.session_state["reader"] = {"cohort": w.cohort_a, "module": "example"}
    at.session_state[f"step:{w.cohort_a}:example"] = "practice"  # the step with the final self-assessment
    at = at.switch_page("modules/ui/pages/module.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key=key(w, "before:purpose")).label == "Före programmet (i efterhand)"
    at.radio(key=key(w, "before:purpose")).set_value(2).run()
    at.radio(key=key(w, "ratings:purpose")).set_value(5).run()
    at.button(key=key(w, "submit")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    stored = {a["exercise_id"]: a for a in answers.journal(retro_svc, w.part_a)}["final"]
    assert stored["status"] == "done" and stored["data"] == {"ratings": {"purpose": 5}, "before": {"purpose": 2}}
    assert "Möten: utgångsläge 3,0 · före, i efterhand 2,0 · nu 5,0" in texts(at)
