"""Options are shuffled per participant, the same way every time."""

from modules.curriculum.order import shuffled

OPTIONS = ["a", "b", "c", "d", "e"]


def test_the_same_participant_and_question_always_get_the_same_order():
    assert shuffled(OPTIONS, 7, "mod", "quiz", "q1") == shuffled(OPTIONS, 7, "mod", "quiz", "q1")


def test_the_order_is_a_permutation_of_the_options():
    assert sorted(shuffled(OPTIONS, 7, "mod", "quiz", "q1")) == OPTIONS


def test_participants_and_questions_get_different_orders():
    by_user = {tuple(shuffled(OPTIONS, uid, "mod", "quiz", "q1")) for uid in range(1, 30)}
    by_question = {tuple(shuffled(OPTIONS, 7, "mod", "quiz", f"q{i}")) for i in range(1, 30)}
    assert len(by_user) > 10 and len(by_question) > 10


def test_the_correct_option_lands_in_every_position_across_participants():
    positions = {shuffled(OPTIONS, uid, "mod", "quiz", "q1").index("a") for uid in range(1, 60)}
    assert positions == set(range(len(OPTIONS)))
