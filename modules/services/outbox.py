"""The e-mail outbox: messages are queued in the database and sent by `python -m modules send-due`.

Exactly once: a run claims a row (queued -> sending) with one conditional UPDATE before it talks
to the SMTP server, so two runs at the same time never send the same row, and a reminder has a
dedupe key so it is never queued twice. A row left in `sending` by a crashed run is not sent
again (that could duplicate it); it is marked failed, and the facilitator sees it.
Temporary SMTP failures put the row back in the queue with a growing delay.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import smtplib

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from modules.db.engine import unit_of_work
from modules.db.models import MailPreference, OutboxMessage, User, utcnow
from modules.services.context import Services
from modules.services.mail_messages import ESSENTIAL, Composed

log = logging.getLogger("medled.mail")
BACKOFF = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=15), dt.timedelta(hours=1),
           dt.timedelta(hours=3), dt.timedelta(hours=6))
MAX_ATTEMPTS = 8
STALE_AFTER = dt.timedelta(minutes=15)


def mail_enabled(svc: Services) -> bool:
    return bool(svc.settings.smtp_host)


def address_of(user: User) -> str | None:
    for value in (user.email, user.login):
        if value and "@" in value:
            return value
    return None


def wants(db: Session, user_id: int | None, kind: str) -> bool:
    if kind in ESSENTIAL or user_id is None:
        return True
    pref = db.get(MailPreference, user_id)
    return pref is None or pref.reminders


def enqueue(db: Session, *, kind: str, dedupe_key: str, to: str, language: str, message: Composed,
            user_id: int | None = None, cohort_id: int | None = None, attachment: tuple[str, bytes] | None = None,
            not_before: dt.datetime | None = None) -> bool:
    """Queue a message in the caller's unit of work; False if already queued or not wanted."""
    if not to or not wants(db, user_id, kind):
        return False
    if db.scalar(select(exists().where(OutboxMessage.dedupe_key == dedupe_key))):
        return False
    row = OutboxMessage(kind=kind, dedupe_key=dedupe_key[:160], to_address=to, language=language,
                        subject=message.subject, body_text=message.text, body_html=message.html,
                        user_id=user_id, cohort_id=cohort_id, next_attempt_at=not_before or utcnow(),
                        attachment_name=attachment[0] if attachment else None,
                        attachment=attachment[1] if attachment else None, attempts=0, status="queued",
                        last_error="")
    try:
        with db.begin_nested():  # a concurrent run queued the same key: keep theirs
            db.add(row)
    except Exception as exc:  # noqa: BLE001 - IntegrityError from either database
        if "unique" in str(exc).lower() or "duplicate" in str(exc).lower():
            return False
        raise
    return True


def _fail_stale(svc: Services, now: dt.datetime) -> int:
    with unit_of_work(svc.engine, write=True) as db:
        result = db.execute(update(OutboxMessage)
                            .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - STALE_AFTER)
                            .values(status="failed", last_error="interrupted while sending; not resent"))
        return result.rowcount or 0


def _claim(svc: Services, message_id: int, now: dt.datetime) -> OutboxMessage | None:
    token = secrets.token_hex(8)
    with unit_of_work(svc.engine, write=True) as db:
        claimed = db.execute(update(OutboxMessage)
                             .where(OutboxMessage.id == message_id, OutboxMessage.status == "queued")
                             .values(status="sending", claim=token, claimed_at=now)).rowcount
        if claimed != 1:
            return None
        return db.get(OutboxMessage, message_id)


def _finish(svc: Services, row: OutboxMessage, error: Exception | None, now: dt.datetime) -> str:
    with unit_of_work(svc.engine, write=True) as db:
        values: dict
        if error is None:
            values, outcome = dict(status="sent", sent_at=now, last_error=""), "sent"
        else:
            attempts = row.attempts + 1
            permanent = isinstance(error, smtplib.SMTPRecipientsRefused) or attempts >= MAX_ATTEMPTS
            outcome = "failed" if permanent else "retry"
            values = dict(status="failed" if permanent else "queued", attempts=attempts,
                          last_error=f"{type(error).__name__}: {error}"[:300],
                          next_attempt_at=now + BACKOFF[min(attempts - 1, len(BACKOFF) - 1)])
        db.execute(update(OutboxMessage).where(OutboxMessage.id == row.id, OutboxMessage.claim == row.claim)
                   .values(**values))
        return outcome


def send_due(svc: Services, sender, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Send what is due. `sender.send(row)` raises on failure; `sender.close()` ends the batch."""
    now = now or utcnow()
    counts = {"sent": 0, "retry": 0, "failed": 0, "stale": _fail_stale(svc, now)}
    with unit_of_work(svc.engine) as db:
        due = list(db.scalars(select(OutboxMessage.id).where(OutboxMessage.status == "queued",
                                                             OutboxMessage.next_attempt_at <= now)
                              .order_by(OutboxMessage.id).limit(limit)))
    try:
        for message_id in due:
            row = _claim(svc, message_id, now)
            if row is None:
                continue  # another run has it
            try:
                sender.send(row)
                error = None
            except (smtplib.SMTPException, OSError) as exc:
                log.warning("mail %s to user %s not sent: %s", row.id, row.user_id, exc)
                error = exc
            counts[_finish(svc, row, error, now)] += 1
    finally:
        sender.close()
    return counts
