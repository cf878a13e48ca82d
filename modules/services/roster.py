"""Roster import: preview with row-level problems, then the chosen rows in one transaction.

The facilitator either imports a clean file, or explicitly chooses to import the valid rows and
skip the rows listed with problems. Whatever is chosen is written all-or-nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment, utcnow
from modules.imports.roster import parse_roster
from modules.services.context import Actor, Services
from modules.services.errors import DomainError
from modules.services.permissions import require_cohort


@dataclass
class RosterPlan:
    rows: list = field(default_factory=list)  # new people to add
    skipped: list = field(default_factory=list)  # already on the roster
    problems: list = field(default_factory=list)
    file_error: str | None = None
    file_error_params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.file_error is None and not self.problems and bool(self.rows)

    @property
    def bad_rows(self) -> list[int]:
        """Row numbers (as in the file) that have at least one problem."""
        return sorted({p.row_number for p in self.problems if p.row_number is not None})


def _limits(svc: Services) -> dict:
    return dict(max_bytes=int(svc.settings.upload_max_mb * 1024 * 1024), max_rows=svc.settings.upload_max_rows)


def _emails_on_roster(db, cohort_id: int) -> set[str]:
    return set(db.scalars(select(func.lower(Enrolment.email)).where(
        Enrolment.cohort_id == cohort_id, Enrolment.email.is_not(None))))


def preview_roster(svc: Services, actor: Actor, cohort_id: int, filename: str, data: bytes) -> RosterPlan:
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        existing = _emails_on_roster(db, cohort_id)
    parsed = parse_roster(filename, data, **_limits(svc))
    plan = RosterPlan(problems=list(parsed.problems), file_error=parsed.file_error,
                      file_error_params=dict(parsed.file_error_params))
    for row in parsed.rows:
        (plan.skipped if row.email in existing else plan.rows).append(row)
    return plan


def import_plan(svc: Services, actor: Actor, cohort_id: int, plan: RosterPlan, *, skip_invalid: bool = False) -> int:
    """Adds the plan's valid rows to the roster; returns how many were added.

    A plan with problems is refused unless the facilitator chose skip_invalid. Rows that
    reached the roster since the preview are left alone; the rest are added together or not
    at all. No e-mail is sent: the people appear as invited until they join.
    """
    if plan.file_error:
        raise DomainError(plan.file_error, **plan.file_error_params)
    if plan.problems and not skip_invalid:
        raise DomainError("rosterui.fix_first", n=len(plan.bad_rows) or len(plan.problems))
    now = utcnow()
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        existing = _emails_on_roster(db, cohort_id)
        new = [row for row in plan.rows if row.email not in existing]
        for row in new:
            db.add(Enrolment(cohort_id=cohort_id, name=row.name, email=row.email, invited_at=now,
                             department=row.department or None))
    return len(new)


def import_roster(svc: Services, actor: Actor, cohort_id: int, filename: str, data: bytes,
                  *, skip_invalid: bool = False) -> int:
    """Parses and imports in one call: everyone in a clean file, or (skip_invalid) its valid rows."""
    return import_plan(svc, actor, cohort_id, preview_roster(svc, actor, cohort_id, filename, data),
                       skip_invalid=skip_invalid)
