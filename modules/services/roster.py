"""Roster import: preview with row-level problems, then all rows in one transaction."""

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
    rows: list = field(default_factory=list)  # new people to invite
    skipped: list = field(default_factory=list)  # already on the roster
    problems: list = field(default_factory=list)
    file_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.file_error is None and not self.problems and bool(self.rows)


def _limits(svc: Services) -> dict:
    return dict(max_bytes=int(svc.settings.upload_max_mb * 1024 * 1024), max_rows=svc.settings.upload_max_rows)


def preview_roster(svc: Services, actor: Actor, cohort_id: int, filename: str, data: bytes) -> RosterPlan:
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        existing = {e for e in db.scalars(select(func.lower(Enrolment.email)).where(
            Enrolment.cohort_id == cohort_id, Enrolment.email.is_not(None)))}
    parsed = parse_roster(filename, data, **_limits(svc))
    plan = RosterPlan(problems=list(parsed.problems), file_error=parsed.file_error)
    for row in parsed.rows:
        (plan.skipped if row.email in existing else plan.rows).append(row)
    return plan


def import_roster(svc: Services, actor: Actor, cohort_id: int, filename: str, data: bytes) -> int:
    """Invites everyone in the file, or nobody: any problem refuses the whole file."""
    plan = preview_roster(svc, actor, cohort_id, filename, data)
    if plan.file_error:
        raise DomainError(plan.file_error)
    if plan.problems:
        raise DomainError("rosterui.fix_first", n=len(plan.problems))
    now = utcnow()
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        for row in plan.rows:
            db.add(Enrolment(cohort_id=cohort_id, name=row.name, email=row.email, invited_at=now))
    return len(plan.rows)
