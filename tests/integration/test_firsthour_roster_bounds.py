"""Roster uploads are bounded by the limits, not by what a file declares; bad rows can be skipped
by choice, never silently."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment
from modules.imports import roster as parser
from modules.imports.roster import parse_roster
from modules.services import roster
from modules.services.errors import DomainError
from tests import roster_files

LIMITS = {"max_bytes": 5 * 2**20, "max_rows": 5000}
MIXED = b"namn;e-post\nIda;ida@example.se\nUtan;\nOla;ola@example.se\n"


def test_a_few_people_and_a_stray_cell_in_the_sheets_last_row_is_too_many_rows():
    preview = parse_roster("a.xlsx", roster_files.huge_dimension(), **LIMITS)
    assert (preview.file_error, preview.file_error_params) == ("roster.too_many_rows", {"rows": 5000})


def test_blank_rows_beyond_the_limit_count_towards_it():
    preview = parse_roster("a.xlsx", roster_files.blank_rows_beyond(100), max_bytes=2**20, max_rows=100)
    assert preview.file_error == "roster.too_many_rows"


def test_rows_with_a_cell_in_the_last_column_are_read_only_as_wide_as_medleds_columns():
    data = roster_files.wide_rows(people=3, stray_rows=500)
    widths = {len(values) for _, values in parser._xlsx_rows(data, LIMITS["max_bytes"], LIMITS["max_rows"])}
    assert widths == {parser.MAX_COLUMNS}
    preview = parse_roster("a.xlsx", data, **LIMITS)
    assert [r.email for r in preview.rows] == ["p0@exempel.se", "p1@exempel.se", "p2@exempel.se"]


def test_name_and_email_far_to_the_right_of_many_columns_are_not_read():
    assert parse_roster("a.xlsx", roster_files.many_columns(), **LIMITS).file_error == "roster.no_usable_columns"


def test_an_xlsx_that_unpacks_to_more_than_the_upload_limit_is_refused():
    data = roster_files.wide_rows(people=3, stray_rows=6000)
    assert len(data) < 2**20
    assert parse_roster("a.xlsx", data, max_bytes=2**18, max_rows=5000).file_error == "roster.file_too_large"


def test_the_largest_accepted_rosters_are_read_in_full():
    rows = LIMITS["max_rows"]
    assert len(parse_roster("a.xlsx", roster_files.largest_people_xlsx(rows), **LIMITS).rows) == rows
    assert len(parse_roster("a.csv", roster_files.largest_people_csv(rows), **LIMITS).rows) == rows
    assert parse_roster("a.csv", roster_files.largest_people_csv(rows + 1), **LIMITS).file_error == \
        "roster.too_many_rows"


def _count(svc, cohort_id):
    with unit_of_work(svc.engine) as db:
        return db.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.cohort_id == cohort_id))


def test_a_file_with_bad_rows_is_refused_unless_the_facilitator_chooses_to_skip_them(svc, world):
    before = _count(svc, world.cohort_a)
    plan = roster.preview_roster(svc, world.fac_a, world.cohort_a, "l.csv", MIXED)
    assert plan.bad_rows == [3] and len(plan.rows) == 2
    with pytest.raises(DomainError):
        roster.import_plan(svc, world.fac_a, world.cohort_a, plan)
    assert _count(svc, world.cohort_a) == before
    assert roster.import_plan(svc, world.fac_a, world.cohort_a, plan, skip_invalid=True) == 2
    assert _count(svc, world.cohort_a) == before + 2


def test_rows_that_reached_the_roster_after_the_preview_are_not_added_twice(svc, world):
    plan = roster.preview_roster(svc, world.fac_a, world.cohort_a, "l.csv", MIXED)
    roster.import_roster(svc, world.fac_a, world.cohort_a, "l.csv", b"namn;e-post\nIda;ida@example.se\n")
    assert roster.import_plan(svc, world.fac_a, world.cohort_a, plan, skip_invalid=True) == 1


def test_a_file_error_is_never_imported_even_when_skipping_bad_rows(svc, world):
    with pytest.raises(DomainError):
        roster.import_roster(svc, world.fac_a, world.cohort_a, "l.xlsx", roster_files.huge_dimension(),
                             skip_invalid=True)


def test_another_organisations_facilitator_cannot_import_a_preview_into_the_cohort(svc, world):
    plan = roster.preview_roster(svc, world.fac_a, world.cohort_a, "l.csv", MIXED)
    with pytest.raises(DomainError):
        roster.import_plan(svc, world.fac_b, world.cohort_a, plan, skip_invalid=True)
