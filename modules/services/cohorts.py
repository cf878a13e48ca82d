"""Organisations, cohorts, join codes and joining."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from modules.db.engine import unit_of_work
from modules.db.models import Cohort, CohortFacilitator, Enrolment, Organisation, OrgMember, PlanItem, User, utcnow
from modules.services import invites, security, validate
from modules.services.accounts import new_user
from modules.services.auth import to_actor
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound, PermissionDenied, Throttled
from modules.services.permissions import require_admin, require_cohort, require_org


def create_organisation(svc: Services, actor: Actor, name: str) -> int:
    require_admin(actor)
    name = validate.text(name, "name")
    try:
        with unit_of_work(svc.engine, write=True) as db:
            if db.scalar(select(exists().where(func.lower(Organisation.name) == name.lower()))):
                raise DomainError("error.org_exists")
            org = Organisation(name=name)
            db.add(org)
            db.flush()
            return org.id
    except IntegrityError as exc:
        raise DomainError("error.org_exists") from exc


def list_organisations(svc: Services, actor: Actor) -> list[dict]:
    """Admins see all organisations; a facilitator sees the ones they belong to."""
    with unit_of_work(svc.engine) as db:
        q = select(Organisation).order_by(func.lower(Organisation.name))
        if not actor.is_admin:
            if not actor.is_facilitator:
                raise PermissionDenied()
            q = q.join(OrgMember, OrgMember.org_id == Organisation.id).where(OrgMember.user_id == actor.id)
        return [dict(id=o.id, name=o.name) for o in db.scalars(q)]


def add_facilitator_to_org(svc: Services, actor: Actor, org_id: int, user_id: int) -> None:
    require_admin(actor)
    with unit_of_work(svc.engine, write=True) as db:
        user = db.get(User, user_id)
        if user is None or user.role != "facilitator" or db.get(Organisation, org_id) is None:
            raise NotFound()
        if db.get(OrgMember, (org_id, user_id)) is None:
            db.add(OrgMember(org_id=org_id, user_id=user_id))


def unique_join_code(db) -> str:
    while True:
        code = security.new_code(8)
        if not db.scalar(select(exists().where(Cohort.join_code == code))):
            return code


def create_cohort(svc: Services, actor: Actor, org_id: int, name: str, language: str,
                  start: dt.date, end: dt.date, timezone: str = "Europe/Stockholm") -> int:
    name, language = validate.text(name, "name"), validate.language(language)
    start, end = validate.date_range(start, end)
    with unit_of_work(svc.engine, write=True) as db:
        require_org(db, actor, org_id)
        cohort = Cohort(org_id=org_id, name=name, language=language, start_date=start, end_date=end,
                        timezone=timezone, join_code=unique_join_code(db), join_open=True)
        db.add(cohort)
        db.flush()
        if actor.is_facilitator:
            db.add(CohortFacilitator(cohort_id=cohort.id, user_id=actor.id))
        for pos, module in enumerate(svc.program.modules):
            db.add(PlanItem(cohort_id=cohort.id, module_id=module.id, position=pos))
        return cohort.id


def _cohort_dict(c: Cohort, org_name: str, counts: dict | None = None) -> dict:
    counts = counts or {}
    return dict(id=c.id, name=c.name, org_id=c.org_id, organisation=org_name, language=c.language,
                start_date=c.start_date, end_date=c.end_date, timezone=c.timezone, join_code=c.join_code,
                join_open=c.join_open, invited=counts.get("invited", 0), joined=counts.get("joined", 0))


def list_cohorts(svc: Services, actor: Actor, org_id: int | None = None) -> list[dict]:
    """The cohorts the actor facilitates (admins: all), with invited/joined counts."""
    with unit_of_work(svc.engine) as db:
        q = select(Cohort, Organisation.name).join(Organisation).order_by(Cohort.start_date.desc(), Cohort.name)
        if not actor.is_admin:
            if not actor.is_facilitator:
                raise PermissionDenied()
            q = q.join(CohortFacilitator, CohortFacilitator.cohort_id == Cohort.id).where(
                CohortFacilitator.user_id == actor.id)
        if org_id is not None:
            q = q.where(Cohort.org_id == org_id)
        rows = db.execute(q).all()
        ids = [c.id for c, _ in rows]
        counts: dict[int, dict] = {i: {"invited": 0, "joined": 0} for i in ids}
        for cid, joined, n in db.execute(
            select(Enrolment.cohort_id, Enrolment.joined_at.is_not(None), func.count())
            .where(Enrolment.cohort_id.in_(ids)).group_by(Enrolment.cohort_id, Enrolment.joined_at.is_not(None))
        ):
            counts[cid]["joined" if joined else "invited"] += n
        for c in counts.values():
            c["invited"] += c["joined"]
        return [_cohort_dict(c, org, counts[c.id]) for c, org in rows]


def get_cohort(svc: Services, actor: Actor, cohort_id: int) -> dict:
    with unit_of_work(svc.engine) as db:
        cohort = require_cohort(db, actor, cohort_id)
        return _cohort_dict(cohort, db.get(Organisation, cohort.org_id).name)


def rotate_join_code(svc: Services, actor: Actor, cohort_id: int) -> str:
    with unit_of_work(svc.engine, write=True) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        cohort.join_code = unique_join_code(db)
        return cohort.join_code


def set_join_open(svc: Services, actor: Actor, cohort_id: int, is_open: bool) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True).join_open = bool(is_open)


def assign_facilitator(svc: Services, actor: Actor, cohort_id: int, user_id: int) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        user = db.get(User, user_id)
        if user is None or user.role != "facilitator":
            raise NotFound()
        if not db.get(OrgMember, (cohort.org_id, user_id)):
            raise DomainError("error.not_in_org")
        if db.get(CohortFacilitator, (cohort_id, user_id)) is None:
            db.add(CohortFacilitator(cohort_id=cohort_id, user_id=user_id))


def _open_cohort_for_code(db, svc: Services, code: str,
                          client: str | None) -> tuple[Cohort | None, list, Enrolment | None]:
    """The open cohort for a cohort code, or for a personal invite code with its roster row."""
    s = svc.settings
    raw = security.normalise_code(code)
    keys = [("code", raw)] + ([("client", client)] if client else [])
    if security.is_throttled(db, keys, s):
        raise Throttled()
    invited, cohort = invites.row_for_code(db, raw)
    if cohort is None and len(raw) == 8:
        cohort = db.scalar(select(Cohort).where(Cohort.join_code == raw))
    if cohort is None or not cohort.join_open or cohort.end_date < dt.date.today():
        return None, keys, None
    return cohort, keys, invited


def check_join_code(svc: Services, code: str, client: str | None) -> dict:
    """Step one of joining: is the code valid and open? Failures count towards throttling."""
    with unit_of_work(svc.engine, write=True) as db:
        cohort, keys, invited = _open_cohort_for_code(db, svc, code, client)
        if cohort is None:
            security.record_failure(db, keys)
    if cohort is None:
        raise DomainError("error.join_code")
    return dict(id=cohort.id, name=cohort.name, language=cohort.language, invited=invited is not None)


def _enrol(db, cohort: Cohort, user: User, invited: Enrolment | None) -> None:
    """A roster row is taken over only through its personal invite code, never by e-mail."""
    existing = db.scalar(select(Enrolment).where(Enrolment.cohort_id == cohort.id, Enrolment.user_id == user.id))
    row = existing or invited or Enrolment(cohort_id=cohort.id, name=user.name, email=user.email)
    row.user_id = user.id
    row.joined_at = row.joined_at or utcnow()
    if row is invited:
        row.invite_code = None  # single use
    db.add(row)


def join_new(svc: Services, code: str, name: str, login: str, password: str, repeat: str,
             client: str | None, language: str = "sv") -> Actor:
    """Join a cohort with its code (or a personal invite code) as a new participant account."""
    name, login = validate.text(name, "name"), validate.login_name(login)
    if password != repeat:
        raise DomainError("error.password_mismatch")
    security.check_password_rules(password)
    with unit_of_work(svc.engine, write=True) as db:
        cohort, keys, invited = _open_cohort_for_code(db, svc, code, client)
        if cohort is not None:
            user = new_user(db, name, login, password, "participant", validate.language(language))
            _enrol(db, cohort, user, invited)
            return to_actor(user)
        security.record_failure(db, keys)
    raise DomainError("error.join_code")


def join_existing(svc: Services, actor: Actor, code: str, client: str | None) -> int:
    """A logged-in participant joins one more cohort."""
    if actor.role != "participant":
        raise PermissionDenied("error.join_participants_only")
    with unit_of_work(svc.engine, write=True) as db:
        cohort, keys, invited = _open_cohort_for_code(db, svc, code, client)
        if cohort is not None:
            _enrol(db, cohort, db.get(User, actor.id), invited)
            return cohort.id
        security.record_failure(db, keys)
    raise DomainError("error.join_code")


def my_cohorts(svc: Services, actor: Actor) -> list[dict]:
    with unit_of_work(svc.engine) as db:
        rows = db.execute(
            select(Cohort, Organisation.name).join(Organisation).join(Enrolment, Enrolment.cohort_id == Cohort.id)
            .where(Enrolment.user_id == actor.id, Enrolment.joined_at.is_not(None))
            .order_by(Cohort.start_date.desc())
        ).all()
        return [_cohort_dict(c, org) for c, org in rows]


def roster(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.scalars(select(Enrolment).where(Enrolment.cohort_id == cohort_id)).all()
        return [dict(id=e.id, user_id=e.user_id, name=e.name, email=e.email or "", invited_at=e.invited_at,
                     joined_at=e.joined_at, deleted=e.user_id is None and e.joined_at is not None) for e in rows]


def facilitators(svc: Services, actor: Actor, cohort_id: int) -> dict:
    """The cohort's facilitators, and the organisation's other facilitators who could be added."""
    with unit_of_work(svc.engine) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        current = set(db.scalars(select(CohortFacilitator.user_id).where(CohortFacilitator.cohort_id == cohort_id)))
        rows = db.execute(select(User.id, User.name).join(OrgMember, OrgMember.user_id == User.id)
                          .where(OrgMember.org_id == cohort.org_id).order_by(User.name)).all()
    return dict(current=[dict(id=i, name=n) for i, n in rows if i in current],
                available=[dict(id=i, name=n) for i, n in rows if i not in current])
