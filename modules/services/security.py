"""Password hashing (argon2id), random tokens and codes, and database-backed throttling."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from modules.db.models import Attempt, utcnow
from modules.services.errors import DomainError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when an account does not exist, so timing does not reveal it.
    Made on first use, not at import: hashing takes ~0.5 s of every server start otherwise."""
    return _hasher.hash("medled-dummy-password")


JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
PASSWORD_MIN, PASSWORD_MAX = 10, 200


def check_password_rules(password: str) -> None:
    if len(password or "") < PASSWORD_MIN:
        raise DomainError("error.password_short", n=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise DomainError("error.too_long", field="password", n=PASSWORD_MAX)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


# --- throttling -------------------------------------------------------------------------


def _window_start(window_minutes: int) -> dt.datetime:
    return utcnow() - dt.timedelta(minutes=window_minutes)


def is_throttled(session: Session, keys: list[tuple[str, str]], max_failures: int, window_minutes: int) -> bool:
    since = _window_start(window_minutes)
    for scope, key in keys:
        count = session.scalar(
            select(func.count()).select_from(Attempt).where(
                Attempt.scope == scope, Attempt.key == sha256(key), Attempt.at >= since
            )
        )
        if count >= max_failures:
            return True
    return False


def record_failure(session: Session, keys: list[tuple[str, str]]) -> None:
    for scope, key in keys:
        session.add(Attempt(scope=scope, key=sha256(key)))


def clear_failures(session: Session, scope: str, key: str) -> None:
    session.execute(delete(Attempt).where(Attempt.scope == scope, Attempt.key == sha256(key)))


def prune_attempts(session: Session, window_minutes: int) -> None:
    session.execute(delete(Attempt).where(Attempt.at < _window_start(window_minutes * 4)))
