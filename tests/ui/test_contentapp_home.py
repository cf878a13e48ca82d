"""AppTest: the home page offers due recall rounds, the follow-up and the manager guide."""

from sqlalchemy import select

from modules.curriculum.order import shuffled
from modules.db.engine import unit_of_work
from modules.db.models import PracticeFollowup, RecallAnswer
from tests.builders import World
from tests.contentapp_builders import RECALL_PICKS, finish_example
from tests.ui.conftest import app, texts


def recall_radio(at, w, qid):
    return at.radio(key=f"recall-{w.cohort_a}-example-1-{qid}")


def test_a_due_recall_round_is_offered_answered_and_then_gone(ui_svc):
    w = World(ui_svc)
    finish_example(ui_svc, w.part_a, w.cohort_a, days_ago=2)
    at = app(w.part_a).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Repetition: Exempelmodul" in texts(at)
    assert "Omgång 1 av 3" in texts(at)
    for qid, pick in RECALL_PICKS.items():
        recall_radio(at, w, qid).set_value(pick)
    next(b for b in at.button if b.label == "Rätta").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Repetition Exempelmodul: du hade 2 av 3 rätt." in texts(at)
    assert "Att börja i tid respekterar dem som kom." in texts(at)
    with unit_of_work(ui_svc.engine) as db:
        row = db.scalar(select(RecallAnswer).where(RecallAnswer.user_id == w.part_a.id))
        assert (row.round, row.correct, row.total) == (1, 2, 3)
    at.run()
    assert "Repetition: Exempelmodul" not in texts(at)


def test_recall_options_keep_the_participants_order_across_reruns(ui_svc):
    w = World(ui_svc)
    finish_example(ui_svc, w.part_a, w.cohort_a, days_ago=2)
    question = ui_svc.program.module("example").meta.recall[0]
    expected = [o.text.sv for o in shuffled(question.options, w.part_a.id, "example", "recall", question.id)]
    at = app(w.part_a).run()
    assert list(recall_radio(at, w, question.id).options) == expected
    at.run()
    assert list(recall_radio(at, w, question.id).options) == expected
    assert list(recall_radio(app(w.part_a).run(), w, question.id).options) == expected


def test_an_incomplete_recall_round_gets_a_message_and_nothing_is_stored(ui_svc):
    w = World(ui_svc)
    finish_example(ui_svc, w.part_a, w.cohort_a, days_ago=2)
    at = app(w.part_a).run()
    recall_radio(at, w, "late-start").set_value("start")
    next(b for b in at.button if b.label == "Rätta").click().run()
    assert not at.exception and at.error
    with unit_of_work(ui_svc.engine) as db:
        assert db.scalar(select(RecallAnswer.id)) is None


def test_nothing_is_offered_before_the_first_round_and_the_guide_is_there(ui_svc):
    w = World(ui_svc)
    finish_example(ui_svc, w.part_a, w.cohort_a, days_ago=1)
    at = app(w.part_a).run()
    assert not at.exception
    assert "Repetition:" not in texts(at)
    assert "Till din chef" in texts(at)
    assert "[:material/download: Ladda ner chefsguiden](/guide/manager-sv.html)" in texts(at)  # the HTTP route


def test_the_practice_followup_is_offered_after_six_weeks_and_stored(ui_svc):
    w = World(ui_svc)
    finish_example(ui_svc, w.part_a, w.cohort_a, days_ago=50)
    at = app(w.part_a).run()
    # one card at a time: the recall round that is also due comes first, the follow-up is counted
    assert "Repetition: Exempelmodul" in texts(at) and "Uppföljning: vad gör du nu?" not in texts(at)
    assert "Efter den här väntar 1 till." in texts(at)
    for qid, pick in RECALL_PICKS.items():
        next(r for r in at.radio if r.key.startswith(f"recall-{w.cohort_a}-example-")
             and r.key.endswith(f"-{qid}")).set_value(pick)
    next(b for b in at.button if b.label == "Rätta").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.run()
    assert "Uppföljning: vad gör du nu?" in texts(at) and "Efter den här väntar" not in texts(at)
    spec = ui_svc.program.extras.followup
    for item in spec.items:
        at.radio(key=f"followup-{w.cohort_a}-{item.id}").set_value(2)
    next(b for b in at.button if b.label == "Skicka uppföljningen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with unit_of_work(ui_svc.engine) as db:
        row = db.scalar(select(PracticeFollowup).where(PracticeFollowup.user_id == w.part_a.id))
        assert row.answers == {item.id: 2 for item in spec.items}
    assert "Uppföljning: vad gör du nu?" not in texts(at)
