"""Facilitator workspace on a real database: roster import, dashboard figures computed by hand,
the n<5 rule, copying a cohort, attendance, the export read back and the CLI's permissions."""

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, update

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment, ExportLog, User
from modules.exports.excel import build_report_workbook
from modules.services import answers, cohorts, dashboard, planning, reports, roster
from modules.services.errors import DomainError, NotFound
from tests.builders import make_participant

ROOT = Path(__file__).resolve().parents[2]
GOOD_CSV = "namn;e-post\nÅsa Öberg;asa@example.se\nPer Ek;per@example.se\n".encode("cp1252")
BAD_CSV = "namn;e-post\nÅsa Öberg;asa@example.se\nUtan Post;\n".encode("cp1252")


def enrolments(svc, cohort_id):
    with unit_of_work(svc.engine) as db:
        return db.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.cohort_id == cohort_id))


def test_a_swedish_excel_csv_is_previewed_then_imported_as_invited(svc, world):
    plan = roster.preview_roster(svc, world.fac_a, world.cohort_a, "lista.csv", GOOD_CSV)
    assert plan.ok and [r.name for r in plan.rows] == ["Åsa Öberg", "Per Ek"]
    before = enrolments(svc, world.cohort_a)
    assert roster.import_roster(svc, world.fac_a, world.cohort_a, "lista.csv", GOOD_CSV) == 2
    people = {p["email"]: p for p in cohorts.roster(svc, world.fac_a, world.cohort_a)}
    assert people["asa@example.se"]["joined_at"] is None and people["asa@example.se"]["invited_at"]
    assert enrolments(svc, world.cohort_a) == before + 2
    again = roster.preview_roster(svc, world.fac_a, world.cohort_a, "lista.csv", GOOD_CSV)
    assert len(again.skipped) == 2 and not again.rows


def test_a_file_with_a_bad_row_imports_nothing(svc, world):
    before = enrolments(svc, world.cohort_a)
    plan = roster.preview_roster(svc, world.fac_a, world.cohort_a, "lista.csv", BAD_CSV)
    assert [(p.row_number, p.key) for p in plan.problems] == [(3, "roster.missing_email")]
    with pytest.raises(DomainError):
        roster.import_roster(svc, world.fac_a, world.cohort_a, "lista.csv", BAD_CSV)
    assert enrolments(svc, world.cohort_a) == before


def test_a_corrupt_or_too_large_file_gets_a_file_error(svc, world):
    plan = roster.preview_roster(svc, world.fac_a, world.cohort_a, "lista.xlsx", b"PK\x03\x04 not really")
    assert plan.file_error == "roster.corrupt"
    big = b"namn;e-post\n" + b"x" * (6 * 1024 * 1024)
    assert roster.preview_roster(svc, world.fac_a, world.cohort_a, "lista.csv", big).file_error == \
        "roster.file_too_large"


def test_dashboard_figures_match_a_small_cohort_computed_by_hand(svc, world):
    # Cohort A: Anna and Åke joined; one more invited by roster; Anna read 1 of 2 sections and did 2 of 7.
    roster.import_roster(svc, world.fac_a, world.cohort_a, "l.csv", b"namn;e-post\nIda;ida@example.se\n")
    from modules.services import journey

    journey.mark_read(svc, world.part_a, world.cohort_a, "example", "intro")
    answers.save_answer(svc, world.part_a, world.cohort_a, "example", "first-thoughts", {"text": "x"}, submit=True)
    answers.save_answer(svc, world.part_a, world.cohort_a, "example", "ready", {"ticked": []}, submit=True)
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(User).where(User.id == world.part_a_other.id).values(
            last_active_at=dt.datetime(2020, 1, 1)))
    data = dashboard.overview(svc, world.fac_a, cohort_id=world.cohort_a)
    assert (data["invited"], data["joined"]) == (3, 2)
    assert data["active_7d"] == 1
    anna = next(p for p in data["participants"] if p["name"] == "Anna A")
    assert anna["shares"]["example"] == pytest.approx(3 / 9)
    assert data["completion"] == pytest.approx((3 / 9 + 0) / 2)
    ake = next(p for p in data["participants"] if p["name"] == "Åke A")
    assert set(ake["nudge"]) == {"inactive", "not_started"}


def _assess(svc, w, who, cohort, value, exercise="baseline"):
    answers.save_answer(svc, who, cohort, "example", exercise, {"ratings": {"purpose": value}}, submit=True)


def test_self_assessment_means_are_hidden_below_five_and_shown_from_five(svc, world):
    program = svc.program  # the example has no repeated assessment; pair baseline with itself via a copy
    assert dashboard.assessment_pairs(program) == []
    people = [world.part_a, world.part_a_other] + [make_participant(svc, world.fac_a, world.cohort_a, f"P{i}")
                                                   for i in range(3)]
    for i, p in enumerate(people[:4]):
        _assess(svc, world, p, world.cohort_a, 2 + i % 3)
    from modules.services import aggregates
    from modules.services import dashboard as d

    original = aggregates.assessment_pairs
    base = program.module("example").exercise("baseline")
    aggregates.assessment_pairs = lambda prog: [("example", "baseline", "example", "final-x", base)]
    try:
        rows = d.overview(svc, world.fac_a, cohort_id=world.cohort_a)["assessment"]
        assert rows[0]["n_baseline"] == 4  # the UI and the export hide it: fewer than 5
        report = reports.build_report(svc, world.fac_a, cohort_id=world.cohort_a)
        wb = openpyxl.load_workbook(io.BytesIO(build_report_workbook(report)))
        values = [c for row in wb["Självskattning"].iter_rows(values_only=True) for c in row]
        assert any(isinstance(v, str) and "färre än 5" in v for v in values)
        _assess(svc, world, people[4], world.cohort_a, 5)
        rows = d.overview(svc, world.fac_a, cohort_id=world.cohort_a)["assessment"]
        assert rows[0]["n_baseline"] == 5 and rows[0]["baseline"] == pytest.approx((2 + 3 + 4 + 2 + 5) / 5)
    finally:
        aggregates.assessment_pairs = original


def test_a_copied_cohort_shifts_the_plan_and_schedule_to_the_new_start(svc, world):
    start = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["start_date"]
    planning.set_plan(svc, world.fac_a, world.cohort_a, [("example", start + dt.timedelta(days=7))])
    planning.save_session(svc, world.fac_a, world.cohort_a, "Träff 1", start + dt.timedelta(days=14),
                          dt.time(9), dt.time(12), "Rum Ekan", "example")
    new_start = start + dt.timedelta(days=100)
    new = planning.copy_cohort(svc, world.fac_a, world.cohort_a, "Hösten", new_start, new_start + dt.timedelta(days=90))
    assert planning.get_plan(svc, world.fac_a, new)[0]["unlock_date"] == new_start + dt.timedelta(days=7)
    session = planning.list_sessions(svc, world.fac_a, new)[0]
    assert (session["date"], session["place"]) == (new_start + dt.timedelta(days=14), "Rum Ekan")
    assert cohorts.roster(svc, world.fac_a, new) == []


def test_bad_session_times_are_refused(svc, world):
    with pytest.raises(DomainError):
        planning.save_session(svc, world.fac_a, world.cohort_a, "Träff", dt.date(2026, 3, 1), dt.time(12), dt.time(9))


def test_attendance_rates_per_participant(svc, world):
    s1 = planning.save_session(svc, world.fac_a, world.cohort_a, "Träff 1", dt.date(2026, 2, 1), dt.time(9), dt.time(12))
    s2 = planning.save_session(svc, world.fac_a, world.cohort_a, "Träff 2", dt.date(2026, 3, 1), dt.time(9), dt.time(12))
    row = {p["user_id"]: p["id"] for p in cohorts.roster(svc, world.fac_a, world.cohort_a)}
    planning.set_attendance(svc, world.fac_a, s1, {row[world.part_a.id], row[world.part_a_other.id]})
    planning.set_attendance(svc, world.fac_a, s2, {row[world.part_a.id]})
    report = reports.build_report(svc, world.fac_a, cohort_id=world.cohort_a)
    rates = {p.name: p.attendance_rate for p in report.participants}
    assert rates == {"Anna A": 1.0, "Åke A": 0.5}
    other = cohorts.roster(svc, world.fac_b, world.cohort_b)[0]["id"]
    with pytest.raises(NotFound):
        planning.set_attendance(svc, world.fac_a, s1, {other})


def test_the_cohort_export_reads_back_cell_by_cell(svc, world):
    formula_name = make_participant(svc, world.fac_a, world.cohort_a, "=HYPERLINK(\"http://x\",\"klick\")")
    answers.save_answer(svc, formula_name, world.cohort_a, "example", "first-thoughts",
                        {"text": "+46 70 123 45 67 och @alla"}, submit=True, visibility="facilitator")
    answers.save_answer(svc, world.part_a, world.cohort_a, "example", "first-thoughts",
                        {"text": "hemligt"}, submit=True)  # private: must not appear
    data = reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:4] == ["Sammanfattning", "Deltagare", "Framsteg", "Övningar"]
    people = wb["Deltagare"]
    names = {row[0].value: row for row in people.iter_rows(min_row=2)}
    assert names["=HYPERLINK(\"http://x\",\"klick\")"][0].data_type == "s"
    assert "Åke A" in names and names["Åke A"][4].is_date
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert any(c.value == "+46 70 123 45 67 och @alla" and c.data_type == "s" for c in cells)
    assert not any(c.value == "hemligt" for c in cells)
    assert not any(c.data_type == "f" for c in cells)
    with unit_of_work(svc.engine) as db:
        log = db.scalars(select(ExportLog)).all()
    assert [(e.user_id, e.what, e.target_id) for e in log] == [(world.fac_a.id, "cohort", world.cohort_a)]
    assert reports.export_log(svc, world.admin)[0]["who"] == "Fia A"


def test_pseudonyms_are_stable_and_hide_names(svc, world):
    a = reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a, pseudonymise=True)
    b = reports.export_workbook(svc, world.fac_a, cohort_id=world.cohort_a, pseudonymise=True)
    def values(data):
        wb = openpyxl.load_workbook(io.BytesIO(data))
        return [c for ws in wb for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    va, vb = values(a), values(b)
    assert not any("Anna A" in v or world.part_a.login in v for v in va)
    assert sorted(v for v in va if v.startswith("P-")) == sorted(v for v in vb if v.startswith("P-"))


def test_the_cli_export_refuses_a_facilitator_of_another_organisation(tmp_path, example_program):
    from modules.db.engine import make_engine, migrate
    from modules.services.context import Services
    from modules.settings import load_settings
    from tests.builders import World

    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    migrate(engine)
    world = World(Services(engine=engine, settings=load_settings({}), program=example_program))
    env = {"DATABASE_URL": str(engine.url), "MEDLED_CONTENT_DIR": str(ROOT / "tests/fixtures/content/valid"),
           "PATH": "/usr/bin:/bin"}
    out = tmp_path / "a.xlsx"
    denied = subprocess.run([sys.executable, "-m", "modules", "export", "--cohort", str(world.cohort_a), "--out",
                             str(out), "--as", world.fac_b.login], cwd=ROOT, env=env, capture_output=True, text=True)
    assert denied.returncode != 0 and not out.exists()
    assert "You do not have access" in denied.stderr
    allowed = subprocess.run([sys.executable, "-m", "modules", "export", "--organisation", str(world.org_a),
                              "--out", str(out), "--as", world.fac_a.login], cwd=ROOT, env=env, capture_output=True,
                             text=True)
    assert allowed.returncode == 0, allowed.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == "Sammanfattning"
