"""Who may see and change what. Used by every service; tested as a matrix."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from modules.db.models import Cohort, CohortFacilitator, Enrolment, OrgMember
from modules.services.context import Actor
from modules.services.errors import NotFound, PermissionDenied


def facilitates(db: Session, actor: Actor, cohort_id: int) -> bool:
    if actor.is_admin:
        return True
    if not actor.is_facilitator:
        return False
    return bool(
        db.scalar(
            select(
                exists().where(CohortFacilitator.cohort_id == cohort_id, CohortFacilitator.user_id == actor.id)
            )
        )
    )


def member_of_org(db: Session, actor: Actor, org_id: int) -> bool:
    if actor.is_admin:
        return True
    if not actor.is_facilitator:
        return False
    return bool(db.scalar(select(exists().where(OrgMember.org_id == org_id, OrgMember.user_id == actor.id))))


def enrolled(db: Session, user_id: int, cohort_id: int) -> bool:
    return bool(
        db.scalar(
            select(
                exists().where(
                    Enrolment.cohort_id == cohort_id, Enrolment.user_id == user_id, Enrolment.joined_at.is_not(None)
                )
            )
        )
    )


def require_cohort(db: Session, actor: Actor, cohort_id: int, *, manage: bool = False) -> Cohort:
    """The cohort if the actor may see it (manage=True: facilitate it); else an error."""
    cohort = db.get(Cohort, cohort_id)
    if cohort is None:
        raise NotFound()
    if facilitates(db, actor, cohort_id):
        return cohort
    if not manage and actor.role == "participant" and enrolled(db, actor.id, cohort_id):
        return cohort
    raise PermissionDenied()


def require_org(db: Session, actor: Actor, org_id: int) -> None:
    if not member_of_org(db, actor, org_id):
        raise PermissionDenied()


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise PermissionDenied()


def require_staff(actor: Actor) -> None:
    if actor.role not in ("admin", "facilitator"):
        raise PermissionDenied()
