"""Accounts: the first administrator, facilitators and their invites, one-time reset codes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from modules.db.engine import unit_of_work
from modules.db.models import CohortFacilitator, Enrolment, OneTimeCode, Organisation, OrgMember, User, utcnow
from modules.services import security, validate
from modules.services.auth import revoke_all, to_actor
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound, PermissionDenied, Throttled
from modules.services.permissions import require_admin, require_staff


def needs_first_admin(svc: Services) -> bool:
    with unit_of_work(svc.engine) as db:
        return not db.scalar(select(exists().where(User.role == "admin")))


def new_user(db, name: str, login: str, password: str | None, role: str, language: str = "sv") -> User:
    if db.scalar(select(exists().where(User.login == login))):
        raise DomainError("error.login_taken")
    user = User(
        name=name,
        login=login,
        email=login if "@" in login else None,
        password_hash=security.hash_password(password) if password else None,
        role=role,
        language=language,
    )
    db.add(user)
    db.flush()
    return user


def create_first_admin(svc: Services, name: str, email: str, password: str, repeat: str) -> Actor:
    name, email = validate.text(name, "name"), validate.email(email)
    if password != repeat:
        raise DomainError("error.password_mismatch")
    security.check_password_rules(password)
    with unit_of_work(svc.engine, write=True) as db:
        if db.scalar(select(exists().where(User.role == "admin"))):
            raise PermissionDenied("error.admin_exists")
        return to_actor(new_user(db, name, email, password, "admin"))


def create_admin(svc: Services, name: str, email: str, password: str) -> Actor:
    """For scripts (python -m modules create-admin): no actor, run by whoever has the server."""
    name, email = validate.text(name, "name"), validate.email(email)
    security.check_password_rules(password)
    try:
        with unit_of_work(svc.engine, write=True) as db:
            return to_actor(new_user(db, name, email, password, "admin"))
    except IntegrityError as exc:
        raise DomainError("error.login_taken") from exc


def _issue_code(db, user_id: int, purpose: str, lifetime: dt.timedelta, by: int | None) -> str:
    for old in db.scalars(
        select(OneTimeCode).where(OneTimeCode.user_id == user_id, OneTimeCode.purpose == purpose,
                                  OneTimeCode.used_at.is_(None))
    ):
        old.used_at = utcnow()  # only the newest code works
    code = security.new_code(10)
    db.add(OneTimeCode(user_id=user_id, purpose=purpose, code_hash=security.sha256(code),
                       created_by=by, expires_at=utcnow() + lifetime))
    return code


def create_facilitator(svc: Services, actor: Actor, name: str, email: str, org_ids: list[int]) -> str:
    """Creates the account and returns a one-time invite code (valid invite_days)."""
    require_admin(actor)
    name, email = validate.text(name, "name"), validate.email(email)
    with unit_of_work(svc.engine, write=True) as db:
        user = new_user(db, name, email, None, "facilitator")
        for org_id in org_ids:
            if db.get(Organisation, org_id) is None:
                raise NotFound()
            db.add(OrgMember(org_id=org_id, user_id=user.id))
        return _issue_code(db, user.id, "invite", dt.timedelta(days=svc.settings.invite_days), actor.id)


def reissue_invite(svc: Services, actor: Actor, user_id: int) -> str:
    require_admin(actor)
    with unit_of_work(svc.engine, write=True) as db:
        user = db.get(User, user_id)
        if user is None or user.role != "facilitator":
            raise NotFound()
        return _issue_code(db, user.id, "invite", dt.timedelta(days=svc.settings.invite_days), actor.id)


def _may_reset(db, actor: Actor, target: User) -> bool:
    if actor.is_admin:
        return target.id != actor.id
    if actor.is_facilitator and target.role == "participant":
        # Only a participant all of whose enrolments are in cohorts this facilitator facilitates:
        # otherwise a facilitator could take over someone another organisation also enrols.
        mine = select(CohortFacilitator.cohort_id).where(CohortFacilitator.user_id == actor.id)
        enrolled = exists().where(Enrolment.user_id == target.id)
        elsewhere = exists().where(Enrolment.user_id == target.id, Enrolment.cohort_id.not_in(mine))
        return bool(db.scalar(select(enrolled & ~elsewhere)))
    return False


def create_reset_code(svc: Services, actor: Actor, user_id: int) -> str:
    """A facilitator resets a participant of their cohorts; an admin resets anyone else."""
    require_staff(actor)
    with unit_of_work(svc.engine, write=True) as db:
        target = db.get(User, user_id)
        if target is None or not _may_reset(db, actor, target):
            raise PermissionDenied()
        return _issue_code(db, target.id, "reset", dt.timedelta(hours=svc.settings.reset_hours), actor.id)


def redeem_code(svc: Services, code: str, password: str, repeat: str, client: str | None) -> Actor:
    """An invite or reset code sets a new password; all earlier logins are revoked."""
    s = svc.settings
    raw = security.normalise_code(code)
    keys = [("code", raw)] + ([("client", client)] if client else [])
    if password != repeat:
        raise DomainError("error.password_mismatch")
    security.check_password_rules(password)
    with unit_of_work(svc.engine, write=True) as db:
        if security.is_throttled(db, keys, s):
            raise Throttled()
        row = db.scalar(select(OneTimeCode).where(OneTimeCode.code_hash == security.sha256(raw),
                                                  OneTimeCode.purpose.in_(("invite", "reset"))))
        valid = row is not None and row.used_at is None and row.expires_at >= utcnow()
        if not valid:
            security.record_failure(db, keys)
        else:
            row.used_at = utcnow()
            user = db.get(User, row.user_id)
            user.password_hash = security.hash_password(password)
            revoke_all(db, user.id)
            if row.purpose == "reset":
                by = db.get(User, row.created_by) if row.created_by else None
                user.reset_by_name, user.reset_at = (by.name if by else "?"), row.used_at
            actor = to_actor(user)
    if not valid:
        raise DomainError("error.code_invalid")
    return actor


def revoke_sessions(svc: Services, actor: Actor, user_id: int) -> None:
    """An admin logs a user out everywhere: every open tab, at its next interaction."""
    require_admin(actor)
    with unit_of_work(svc.engine, write=True) as db:
        if db.get(User, user_id) is None:
            raise NotFound()
        revoke_all(db, user_id)


def list_users(svc: Services, actor: Actor, role: str | None = None) -> list[dict]:
    require_admin(actor)
    with unit_of_work(svc.engine) as db:
        q = select(User).order_by(func.lower(User.name))
        if role:
            q = q.where(User.role == role)
        users = db.scalars(q).all()
        orgs = {}
        for m, o in db.execute(select(OrgMember, Organisation).join(Organisation)).all():
            orgs.setdefault(m.user_id, []).append(o.name)
        pending = set(db.scalars(select(OneTimeCode.user_id).where(
            OneTimeCode.purpose == "invite", OneTimeCode.used_at.is_(None))))
        return [dict(id=u.id, name=u.name, login=u.login, role=u.role, organisations=orgs.get(u.id, []),
                     has_password=u.password_hash is not None, invite_pending=u.id in pending,
                     last_active=u.last_active_at) for u in users]
