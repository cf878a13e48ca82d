"""AppTest: knowledge-check and scenario options appear in the participant's own stable order."""

from modules.curriculum.order import shuffled
from tests.builders import World, make_participant
from tests.ui.conftest import app


def open_reader(actor, cohort_id):
    at = app(actor).run()
    at.session_state["reader"] = {"cohort": cohort_id, "module": "example"}
    at.session_state[f"step:{cohort_id}:example"] = "practice"  # the step with the quiz and the scenario
    return at.switch_page("modules/ui/pages/module.py").run()


def quiz_labels(at, cohort_id):
    return list(at.radio(key=f"ex:{cohort_id}:example:quiz:q1").options)


def scenario_order(at, cohort_id):
    prefix = f"ex:{cohort_id}:example:choose:s1:"
    return [b.key.removeprefix(prefix) for b in at.button if (b.key or "").startswith(prefix)]


def test_options_follow_the_participants_shuffled_order_and_a_rerun_or_reload_keeps_it(ui_svc):
    w = World(ui_svc)
    quiz = ui_svc.program.module("example").exercise("quiz").questions[0]
    scene = ui_svc.program.module("example").exercise("choose").steps[0]
    people = [w.part_a]
    while all(shuffled(quiz.options, p.id, "example", "quiz", "q1") == list(quiz.options)
              or shuffled(scene.options, p.id, "example", "choose", "s1") == list(scene.options) for p in people):
        people.append(make_participant(ui_svc, w.fac_a, w.cohort_a, f"Deltagare {len(people)}"))
    for person in (people[0], people[-1]):  # the last one sees both in another order than written
        expected_quiz = [o.text.sv for o in shuffled(quiz.options, person.id, "example", "quiz", "q1")]
        expected_scene = [o.id for o in shuffled(scene.options, person.id, "example", "choose", "s1")]
        at = open_reader(person, w.cohort_a)
        assert not at.exception
        assert quiz_labels(at, w.cohort_a) == expected_quiz
        assert scenario_order(at, w.cohort_a) == expected_scene
        at.run()
        assert quiz_labels(at, w.cohort_a) == expected_quiz
        reloaded = open_reader(person, w.cohort_a)
        assert quiz_labels(reloaded, w.cohort_a) == expected_quiz
        assert scenario_order(reloaded, w.cohort_a) == expected_scene


def test_some_participants_see_the_options_in_another_order_than_written(ui_svc):
    quiz = ui_svc.program.module("example").exercise("quiz").questions[0]
    orders = {tuple(o.id for o in shuffled(quiz.options, uid, "example", "quiz", "q1")) for uid in range(1, 20)}
    assert ("b", "a") in orders and ("a", "b") in orders
