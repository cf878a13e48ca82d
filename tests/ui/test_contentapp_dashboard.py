"""AppTest: the cohort dashboard shows the share of recall rounds answered and the follow-up
only in aggregate, and only from the minimum group size."""

import datetime as dt

from modules.services import practice_followup, retrieval
from tests.builders import World, make_participant
from tests.contentapp_builders import RECALL_PICKS, finish_example
from tests.ui.conftest import app, texts

ANSWERS = {"check-in": 3, "agreement": 1, "sbi-feedback": 2, "fifteen-percent": 4, "answer-first": 0,
           "manager-talk": 1}


def dashboard(actor):
    at = app(actor).run()
    return at.switch_page("modules/ui/pages/dashboard.py").run()


def test_the_dashboard_shows_the_recall_share_and_hides_a_small_followup(ui_svc):
    w = World(ui_svc)
    finish_example(ui_svc, w.part_a, w.cohort_a, days_ago=50)
    finish_example(ui_svc, w.part_a_other, w.cohort_a, days_ago=2)
    retrieval.answer_recall(ui_svc, w.part_a, w.cohort_a, "example", 3, RECALL_PICKS)
    practice_followup.save_followup(ui_svc, w.part_a, w.cohort_a, ANSWERS)
    at = dashboard(w.fac_a)
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "1 av 4 repetitionsomgångar som har kommit är besvarade (25 %)." in shown.replace("\xa0", " ")
    assert "1 har svarat. Resultatet visas när minst 5 har svarat." in shown
    assert "Jag har inlett ett möte" not in shown


def test_from_five_answers_the_dashboard_shows_the_followup_table(ui_svc):
    w = World(ui_svc)
    people = [w.part_a, w.part_a_other] + [make_participant(ui_svc, w.fac_a, w.cohort_a, f"D {i}") for i in range(3)]
    for p in people:
        done = finish_example(ui_svc, p, w.cohort_a, days_ago=50)
        practice_followup.save_followup(ui_svc, p, w.cohort_a, ANSWERS, done + dt.timedelta(days=50))
    at = dashboard(w.fac_a)
    assert not at.exception, [e.value for e in at.exception]
    assert "5 har svarat. Antal svar per alternativ:" in texts(at)
    table = next(df.value for df in at.dataframe if "Arbetssätt" in df.value.columns)
    assert len(table) == 6 and "Anna A" not in table.to_string()
