"""The one privacy rule, at the level where each finding happened: services and export files.

Every test here failed on main before modules/services/privacy.py took over the decisions.
"""

from __future__ import annotations

import io
import shutil

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from modules.curriculum.loader import load_program
from modules.db.engine import unit_of_work
from modules.db.models import Answer
from modules.services import answers, dashboard, reports
from modules.services.context import Services
from tests.builders import World, make_participant
from tests.conftest import EXAMPLE_CONTENT

SECRET = "Hemlig plan om Lena"


FINAL = """  - id: final
    type: self_assessment
    title: {sv: "Slutläge", en: "Final"}
    repeats: example/baseline
"""


@pytest.fixture
def assessed(engine, svc, tmp_path):
    """The example program with a final self-assessment that repeats the baseline."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE_CONTENT, content)
    path = content / "01-example" / "module.yaml"
    text = path.read_text(encoding="utf-8").replace("try-it]", "try-it, final]")
    text = text.replace("\nrecall:", "\n" + FINAL.rstrip("\n") + "\nrecall:") if "\nrecall:" in text else text + FINAL
    path.write_text(text, encoding="utf-8")
    program = load_program(content)
    assert program.ok, program.problems
    return Services(engine=engine, settings=svc.settings, program=program)


def _commit(svc, who, cohort_id, what, visibility):
    answers.save_answer(svc, who, cohort_id, "example", "try-it",
                        {"what": what, "with_whom": "Lena i kassan", "due": "2026-01-01"},
                        submit=True, visibility=visibility)
    commitment = answers.my_commitments(svc, who)[-1]
    answers.follow_up(svc, who, commitment["id"], "partly", f"Uppföljning: {what}")


def _cells(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)


def _rate(svc, who, cohort_id, value):
    answers.save_answer(svc, who, cohort_id, "example", "baseline", {"ratings": {"purpose": value}}, submit=True)


def test_a_private_commitment_is_not_in_the_facilitators_or_admins_participant_detail(svc, world):
    _commit(svc, world.part_a, world.cohort_a, SECRET, "private")
    for staff in (world.fac_a, world.admin):
        assert dashboard.participant_commitments(svc, staff, world.cohort_a, world.part_a.id) == []


def test_a_commitment_shared_with_the_facilitator_shows_in_the_participant_detail(svc, world):
    _commit(svc, world.part_a, world.cohort_a, "Delad plan", "facilitator")
    rows = dashboard.participant_commitments(svc, world.fac_a, world.cohort_a, world.part_a.id)
    assert [r["what"] for r in rows] == ["Delad plan"]
    assert rows[0]["followup"] == "Uppföljning: Delad plan"


def test_a_private_commitment_its_partner_and_follow_up_are_in_no_export(svc, world):
    _commit(svc, world.part_a, world.cohort_a, SECRET, "private")
    for pseudonymise in (False, True):
        text = _cells(reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a, pseudonymise=pseudonymise))
        assert SECRET not in text
        assert "Lena i kassan" not in text
    org_text = _cells(reports.export_workbook(svc, world.admin, org_id=world.org_a))
    assert SECRET not in org_text


def test_a_shared_commitment_is_in_the_export(svc, world):
    _commit(svc, world.part_a, world.cohort_a, "Delad plan", "cohort")
    assert "Delad plan" in _cells(reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a))


def test_no_individual_self_assessment_score_reaches_the_report_named_or_pseudonymised(assessed):
    svc, world = assessed, World(assessed)
    _rate(svc, world.part_a, world.cohort_a, 2)
    report = reports.build_report(svc, world.fac_a, cohort_id=world.cohort_a)
    assert not hasattr(report, "assessments")  # a report cannot even carry individual scores
    wb = load_workbook(io.BytesIO(reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a,
                                                          pseudonymise=True)))
    sheet = wb["Självskattning"]
    values = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert 2 not in values and 2.0 not in values


def test_cohort_means_of_four_people_are_withheld_by_the_service(assessed):
    svc, world = assessed, World(assessed)
    for who in (world.part_a, world.part_a_other):
        _rate(svc, who, world.cohort_a, 4)
    rows = dashboard.overview(svc, world.fac_a, cohort_id=world.cohort_a)["assessment"]
    assert rows and all(r["baseline"] is None and r["final"] is None for r in rows)


def test_cohort_means_of_five_people_are_shown(assessed):
    svc, world = assessed, World(assessed)
    people = [world.part_a, world.part_a_other] + [make_participant(svc, world.fac_a, world.cohort_a, f"P{i}")
                                                    for i in range(3)]
    for who in people:
        _rate(svc, who, world.cohort_a, 4)
    rows = dashboard.overview(svc, world.fac_a, cohort_id=world.cohort_a)["assessment"]
    assert rows[0]["baseline"] == 4.0 and rows[0]["n_baseline"] == 5


def test_feedback_on_a_module_that_four_rated_is_neither_averaged_nor_quoted(svc, world):
    answers.rate_module(svc, world.part_a, world.cohort_a, "example", 1, "Kursledaren var otrevlig")
    fb = dashboard.overview(svc, world.fac_a, cohort_id=world.cohort_a)["feedback"]
    assert fb["averages"] == [] and fb["comments"] == []
    text = _cells(reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a))
    assert "Kursledaren var otrevlig" not in text


def test_feedback_of_five_is_shown_without_names(svc, world):
    people = [world.part_a, world.part_a_other] + [make_participant(svc, world.fac_a, world.cohort_a, f"P{i}")
                                                    for i in range(3)]
    for i, who in enumerate(people):
        answers.rate_module(svc, who, world.cohort_a, "example", 4, f"Kommentar {i}")
    fb = dashboard.overview(svc, world.fac_a, cohort_id=world.cohort_a)["feedback"]
    assert fb["averages"][0]["n"] == 5
    assert len(fb["comments"]) == 5
    assert all("Anna" not in str(c) for c in fb["comments"])


def test_a_scored_answer_marked_shared_in_the_database_still_reaches_nobody(svc, world):
    _rate(svc, world.part_a, world.cohort_a, 1)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(Answer).values(visibility="cohort"))
    assert dashboard.shared_answers(svc, world.fac_a, world.cohort_a) == []
    assert answers.cohort_shared(svc, world.part_a_other, world.cohort_a) == []
    report = reports.build_report(svc, world.fac_a, cohort_id=world.cohort_a)
    assert all(e.answer is None for e in report.exercises)
