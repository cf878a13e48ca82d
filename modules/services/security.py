"""Password hashing (argon2id), random tokens and codes, and database-backed throttling."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import ipaddress
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, text
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
# At most this many argon2 hashes/verifications run at once in a process: each takes a core
# for tens of milliseconds, and a login flood must not starve everyone else's page runs.
# One slot still verifies 10-20 passwords a second, far more than a workshop's logins; on the
# two-core reference machine it kept a page run within 1.6x under a flood of six clients where
# two slots gave 2.3x (bench/login_flood_bench.py, BENCHMARKS.md).
HASH_SLOTS = 1
_hash_slots = threading.BoundedSemaphore(HASH_SLOTS)


def check_password_rules(password: str) -> None:
    if len(password or "") < PASSWORD_MIN:
        raise DomainError("error.password_short", n=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise DomainError("error.too_long", field="password", n=PASSWORD_MAX)


def hash_password(password: str) -> str:
    with _hash_slots:
        return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    with _hash_slots:
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


# --- client address ---------------------------------------------------------------------


def _networks(spec: str) -> list:
    nets = []
    for part in (spec or "").split(","):
        if part.strip():
            nets.append(ipaddress.ip_network(part.strip(), strict=False))
    return nets


def _in(address: str, nets: list) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in nets)


def client_address(peer: str | None, forwarded_for: str | None, trusted_proxies: str) -> str | None:
    """The client's address for throttling.

    X-Forwarded-For counts only when the direct peer is a trusted proxy; then the right-most
    address that is not itself a trusted proxy is the client. Loopback is a client like any other."""
    if not peer:
        return None
    nets = _networks(trusted_proxies)
    if not forwarded_for or not _in(peer, nets):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, nets):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a garbled header from behind the proxy: fall back to the proxy itself
    return hops[0] if hops else peer


# --- throttling -------------------------------------------------------------------------


def _window_start(window_minutes: int) -> dt.datetime:
    return utcnow() - dt.timedelta(minutes=window_minutes)


def limit_for(scope: str, settings) -> int:
    """A shared address (venue Wi-Fi, a proxy) gets a generous limit; accounts and codes a strict one."""
    return settings.throttle_client_failures if scope == "client" else settings.throttle_max_failures


def _lock_keys(session: Session, keys: list[tuple[str, str]]) -> None:
    """Serialise counting per key. SQLite's BEGIN IMMEDIATE already serialises every writer."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for scope, key in sorted(keys):
        lock_id = int.from_bytes(bytes.fromhex(sha256(f"{scope}:{key}"))[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_id})


def _count(session: Session, scope: str, key: str, since: dt.datetime) -> int:
    return session.scalar(select(func.count()).select_from(Attempt).where(
        Attempt.scope == scope, Attempt.key == sha256(key), Attempt.at >= since))


def reserve(session: Session, keys: list[tuple[str, str]], settings) -> tuple[bool, list[int]]:
    """Count this attempt as a failure before the password is checked, atomically per key.

    Returns (throttled, ids of the rows just added); a successful attempt deletes its rows with
    release(). So 20 parallel wrong passwords are 20 failures, and at most the limit of them
    ever reach the password check."""
    _lock_keys(session, keys)
    since = _window_start(settings.throttle_window_minutes)
    throttled = any(_count(session, scope, key, since) >= limit_for(scope, settings) for scope, key in keys)
    rows = [Attempt(scope=scope, key=sha256(key)) for scope, key in keys]
    session.add_all(rows)
    session.flush()
    return throttled, [r.id for r in rows]


def release(session: Session, ids: list[int]) -> None:
    if ids:
        session.execute(delete(Attempt).where(Attempt.id.in_(ids)))


def is_throttled(session: Session, keys: list[tuple[str, str]], settings) -> bool:
    since = _window_start(settings.throttle_window_minutes)
    return any(_count(session, scope, key, since) >= limit_for(scope, settings) for scope, key in keys)


def record_failure(session: Session, keys: list[tuple[str, str]]) -> None:
    for scope, key in keys:
        session.add(Attempt(scope=scope, key=sha256(key)))


def clear_failures(session: Session, scope: str, key: str) -> None:
    session.execute(delete(Attempt).where(Attempt.scope == scope, Attempt.key == sha256(key)))


def prune_attempts(session: Session, window_minutes: int) -> None:
    """Failures older than the window no longer count for anything: delete them."""
    session.execute(delete(Attempt).where(Attempt.at < _window_start(window_minutes)))
