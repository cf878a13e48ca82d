"""Logging in and out, login sessions behind the cookie, passwords and language.

A login is an AuthSession row from the moment the password is right. The Streamlit session
keeps only its id and re-validates it on every script run (one primary-key query), so a
logout, a password change, a deletion or an admin's revocation ends every open tab at its
next interaction, on every server. The browser gets the cookie through a single-use handoff
that stays pending on the login session until /session/complete uses it or it expires.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from modules.db.engine import unit_of_work
from modules.db.models import AuthDevice, AuthSession, User, utcnow
from modules.services import security, validate
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, Throttled

log = logging.getLogger(__name__)
HANDOFF_SECONDS = 120
ACTIVE_TOUCH = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Login:
    """A started login: the session id the Streamlit session keeps, and the handoff for the cookie."""

    session_id: int
    handoff: str


@dataclass(frozen=True)
class ResetNotice:
    by: str
    at: dt.datetime


def to_actor(user: User) -> Actor:
    return Actor(id=user.id, name=user.name, role=user.role, language=user.language, login=user.login)


def _known_device(db, user: User | None, device: str | None) -> AuthDevice | None:
    if user is None or not device:
        return None
    return db.scalar(select(AuthDevice).where(AuthDevice.token_hash == security.sha256(device),
                                              AuthDevice.user_id == user.id))


def authenticate(svc: Services, login: str, password: str, client: str | None, device: str | None = None) -> Actor:
    """Check a login and password. No session yet.

    Failures count per account (or, from a browser that logged in to this account before, per
    device cookie) and per client address. An attacker's failures therefore throttle unknown
    clients only: the account's owner on a known device still gets in with the right password."""
    s = svc.settings
    name = (login or "").strip().lower()
    with unit_of_work(svc.engine, write=True) as db:
        user = db.scalar(select(User).where(User.login == name))
        known = _known_device(db, user, device)
        account_key = ("device", known.token_hash) if known else ("account", name)
        throttled, reserved = security.reserve(db, [account_key], s)
        client_keys = [("client", client)] if client else []
        throttled = throttled or security.is_throttled(db, client_keys, s)
        security.prune_attempts(db, s.throttle_window_minutes)
    if throttled:
        raise Throttled()
    ok = security.verify_password(user.password_hash if user else None, password or "")
    with unit_of_work(svc.engine, write=True) as db:
        if not ok:
            security.record_failure(db, client_keys)
            log.info("failed login attempt")
        else:
            security.release(db, reserved)
            security.clear_failures(db, *account_key)
            db.execute(update(User).where(User.id == user.id).values(last_active_at=utcnow()))
    if not ok:
        raise DomainError("error.login_failed")
    return to_actor(user)


def start_session(svc: Services, actor: Actor) -> Login:
    """The login session, and its single-use handoff (valid two minutes) for /session/complete."""
    handoff, now = security.new_token(), utcnow()
    with unit_of_work(svc.engine, write=True) as db:
        row = AuthSession(
            token_hash=security.sha256(security.new_token()),  # replaced when the handoff is used
            user_id=actor.id,
            expires_at=now + dt.timedelta(hours=svc.settings.session_hours),
            handoff_hash=security.sha256(handoff),
            handoff_expires_at=now + dt.timedelta(seconds=HANDOFF_SECONDS),
        )
        db.add(row)
        db.flush()
        return Login(session_id=row.id, handoff=handoff)


def exchange_handoff(svc: Services, handoff: str) -> str | None:
    """Single use: returns the token for the cookie of the handoff's login session, or None."""
    now = utcnow()
    with unit_of_work(svc.engine, write=True) as db:
        row = db.scalar(select(AuthSession).where(AuthSession.handoff_hash == security.sha256(handoff or "")))
        if row is None or row.revoked_at is not None or row.handoff_expires_at < now or row.expires_at < now:
            return None
        token = security.new_token()
        row.token_hash, row.handoff_hash, row.handoff_expires_at = security.sha256(token), None, None
    return token


def handoff_pending(svc: Services, session_id: int) -> bool:
    """True while the login's handoff can still become the cookie."""
    with unit_of_work(svc.engine) as db:
        row = db.get(AuthSession, session_id)
        return bool(row and row.handoff_hash and row.revoked_at is None and row.handoff_expires_at >= utcnow())


def _live_actor(svc: Services, row, now: dt.datetime) -> Actor | None:
    """The user of a (revoked_at, expires_at, User) row if that login is neither revoked nor expired."""
    if row is None or row.revoked_at is not None or row.expires_at < now:
        return None
    user = row.User
    if user.last_active_at is None or now - user.last_active_at > ACTIVE_TOUCH:
        touch(svc, user.id)
    return to_actor(user)


def session_actor(svc: Services, session_id: int | None) -> Actor | None:
    """The user of a login session if it is neither revoked nor expired: one indexed query."""
    if session_id is None:
        return None
    now = utcnow()
    with unit_of_work(svc.engine) as db:
        row = db.execute(
            select(AuthSession.revoked_at, AuthSession.expires_at, User)
            .join(User, User.id == AuthSession.user_id)
            .where(AuthSession.id == session_id)
        ).first()
    return _live_actor(svc, row, now)


def session_for_token(svc: Services, token: str | None) -> tuple[int, Actor] | None:
    """(session id, user) for the cookie's token, if the login is still valid: one indexed query
    (it runs on every first page of a browser session)."""
    if not token:
        return None
    now = utcnow()
    with unit_of_work(svc.engine) as db:
        row = db.execute(
            select(AuthSession.id, AuthSession.revoked_at, AuthSession.expires_at, User)
            .join(User, User.id == AuthSession.user_id)
            .where(AuthSession.token_hash == security.sha256(token))
        ).first()
    actor = _live_actor(svc, row, now)
    return (row.id, actor) if actor else None


def actor_for_token(svc: Services, token: str | None) -> Actor | None:
    found = session_for_token(svc, token)
    return found[1] if found else None


def touch(svc: Services, user_id: int) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(User).where(User.id == user_id).values(last_active_at=utcnow()))


def logout(svc: Services, token: str | None) -> None:
    """Ends the login behind a cookie."""
    if not token:
        return
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(
            update(AuthSession)
            .where(AuthSession.token_hash == security.sha256(token), AuthSession.revoked_at.is_(None))
            .values(revoked_at=utcnow(), handoff_hash=None)
        )


def end_session(svc: Services, session_id: int | None) -> None:
    """Ends a login by its id: every tab holding it is logged out at its next run."""
    if session_id is None:
        return
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(AuthSession).where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
                   .values(revoked_at=utcnow(), handoff_hash=None))


def revoke_all(db, user_id: int) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow(), handoff_hash=None)
    )


def change_password(svc: Services, actor: Actor, old: str, new: str, repeat: str) -> None:
    """Changes the password and revokes every login of the user (they log in again)."""
    if new != repeat:
        raise DomainError("error.password_mismatch")
    security.check_password_rules(new)
    with unit_of_work(svc.engine, write=True) as db:
        user = db.get(User, actor.id)
        if user is None or not security.verify_password(user.password_hash, old or ""):
            raise DomainError("error.old_password")
        user.password_hash = security.hash_password(new)
        revoke_all(db, user.id)


def set_language(svc: Services, actor: Actor, lang: str) -> Actor:
    lang = validate.language(lang)
    with unit_of_work(svc.engine, write=True) as db:
        user = db.get(User, actor.id)
        user.language = lang
        return to_actor(user)


# --- device cookies and the reset notice ---------------------------------------------------


def remember_device(svc: Services, session_token: str, device: str | None) -> str | None:
    """After the cookie is set: the device cookie for this browser and account (new or kept)."""
    with unit_of_work(svc.engine, write=True) as db:
        user_id = db.scalar(select(AuthSession.user_id).where(AuthSession.token_hash == security.sha256(session_token)))
        if user_id is None:
            return None
        if device:
            row = db.scalar(select(AuthDevice).where(AuthDevice.token_hash == security.sha256(device),
                                                     AuthDevice.user_id == user_id))
            if row is not None:
                row.last_used_at = utcnow()
                return device
        device = security.new_token()
        db.add(AuthDevice(user_id=user_id, token_hash=security.sha256(device), last_used_at=utcnow()))
        return device


def forget_devices(db, user_id: int) -> None:
    db.execute(delete(AuthDevice).where(AuthDevice.user_id == user_id))


def reset_notice(svc: Services, actor: Actor) -> ResetNotice | None:
    """Who reset my password with a reset code, and when (shown until I dismiss it)."""
    with unit_of_work(svc.engine) as db:
        user = db.get(User, actor.id)
        if user is None or user.reset_at is None:
            return None
        return ResetNotice(by=user.reset_by_name or "?", at=user.reset_at)


def dismiss_reset_notice(svc: Services, actor: Actor) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(User).where(User.id == actor.id).values(reset_by_name=None, reset_at=None))
