"""A retrospective final assessment stores "before (looking back)" and "now" for every statement."""

import pytest

from modules.curriculum.loader import load_program
from modules.services import answers, journey
from modules.services.context import Services
from modules.services.errors import DomainError
from modules.settings import load_settings
from tests.builders import World
from tests.conftest import ROOT


@pytest.fixture
def retro(engine):
    program = load_program(ROOT / "tests" / "fixtures" / "content" / "retro")
    assert program.ok, program.problems
    svc = Services(engine=engine, settings=load_settings({}), program=program)
    return svc, World(svc)


def save(svc, w, data, submit):
    return answers.save_answer(svc, w.part_a, w.cohort_a, "example", "final", data, submit=submit)


def test_both_ratings_are_stored_and_reopened(retro):
    svc, w = retro
    save(svc, w, {"ratings": {"purpose": 4}, "before": {"purpose": 2}}, submit=True)
    stored = journey.open_module(svc, w.part_a, w.cohort_a, "example")["answers"]["final"]
    assert stored["status"] == "done"
    assert stored["data"] == {"ratings": {"purpose": 4}, "before": {"purpose": 2}}


def test_a_retrospective_cannot_be_finished_without_the_looking_back_rating(retro):
    svc, w = retro
    save(svc, w, {"ratings": {"purpose": 4}}, submit=False)  # a draft may be half
    with pytest.raises(DomainError, match="error.rate_all"):
        save(svc, w, {"ratings": {"purpose": 4}}, submit=True)
    with pytest.raises(DomainError, match="error.invalid"):
        save(svc, w, {"ratings": {"purpose": 4}, "before": {"purpose": 9}}, submit=True)


def test_an_ordinary_assessment_ignores_a_before_part(retro):
    svc, w = retro
    answer = answers.save_answer(svc, w.part_a, w.cohort_a, "example", "baseline",
                                 {"ratings": {"purpose": 3}, "before": {"purpose": 1}}, submit=True)
    assert answer["data"] == {"ratings": {"purpose": 3}}
