"""Logging in and out, login sessions behind the cookie, passwords and language."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update

from modules.db.engine import unit_of_work
from modules.db.models import AuthSession, OneTimeCode, User, utcnow
from modules.services import security, validate
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, Throttled

log = logging.getLogger(__name__)
HANDOFF_SECONDS = 120
ACTIVE_TOUCH = dt.timedelta(minutes=2)


def to_actor(user: User) -> Actor:
    return Actor(id=user.id, name=user.name, role=user.role, language=user.language, login=user.login)


def _throttle_keys(login: str, client: str | None) -> list[tuple[str, str]]:
    keys = [("account", login.strip().lower())]
    if client:
        keys.append(("client", client))
    return keys


def authenticate(svc: Services, login: str, password: str, client: str | None) -> Actor:
    """Check a login and password; throttled per account and per client. No session yet."""
    s = svc.settings
    keys = _throttle_keys(login or "", client)
    with unit_of_work(svc.engine, write=True) as db:
        if security.is_throttled(db, keys, s.throttle_max_failures, s.throttle_window_minutes):
            raise Throttled()
        user = db.scalar(select(User).where(User.login == (login or "").strip().lower()))
        ok = security.verify_password(user.password_hash if user else None, password or "")
        if not ok:
            security.record_failure(db, keys)
            log.info("failed login attempt")
    if not ok:
        raise DomainError("error.login_failed")
    with unit_of_work(svc.engine, write=True) as db:
        security.clear_failures(db, "account", user.login)
        db.execute(update(User).where(User.id == user.id).values(last_active_at=utcnow()))
    return to_actor(user)


def start_session(svc: Services, actor: Actor) -> str:
    """A one-time handoff token; /auth/complete exchanges it for the login cookie."""
    token = security.new_token()
    with unit_of_work(svc.engine, write=True) as db:
        db.add(
            OneTimeCode(
                user_id=actor.id,
                purpose="handoff",
                code_hash=security.sha256(token),
                expires_at=utcnow() + dt.timedelta(seconds=HANDOFF_SECONDS),
            )
        )
    return token


def exchange_handoff(svc: Services, handoff: str) -> str | None:
    """Single use: returns a fresh session token for the cookie, or None."""
    now = utcnow()
    with unit_of_work(svc.engine, write=True) as db:
        code = db.scalar(
            select(OneTimeCode).where(
                OneTimeCode.code_hash == security.sha256(handoff or ""), OneTimeCode.purpose == "handoff"
            )
        )
        if code is None or code.used_at is not None or code.expires_at < now:
            return None
        code.used_at = now
        token = security.new_token()
        db.add(
            AuthSession(
                token_hash=security.sha256(token),
                user_id=code.user_id,
                expires_at=now + dt.timedelta(hours=svc.settings.session_hours),
            )
        )
    return token


def actor_for_token(svc: Services, token: str | None) -> Actor | None:
    if not token:
        return None
    now = utcnow()
    with unit_of_work(svc.engine) as db:
        row = db.execute(
            select(AuthSession, User)
            .join(User, User.id == AuthSession.user_id)
            .where(AuthSession.token_hash == security.sha256(token))
        ).first()
    if row is None:
        return None
    sess, user = row
    if sess.revoked_at is not None or sess.expires_at < now:
        return None
    if user.last_active_at is None or now - user.last_active_at > ACTIVE_TOUCH:
        touch(svc, user.id)
    return to_actor(user)


def touch(svc: Services, user_id: int) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(User).where(User.id == user_id).values(last_active_at=utcnow()))


def logout(svc: Services, token: str | None) -> None:
    if not token:
        return
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(
            update(AuthSession)
            .where(AuthSession.token_hash == security.sha256(token), AuthSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def revoke_all(db, user_id: int) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
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
