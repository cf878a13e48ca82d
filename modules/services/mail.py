"""E-mail as facilitators and participants meet it: status and failures per participant,
nudges previewed before sending, and a participant's choice to receive reminders."""

from __future__ import annotations

from sqlalchemy import func, select

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment, MailPreference, OutboxMessage, User, utcnow
from modules.services import validate
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, PermissionDenied
from modules.services.mail_messages import Composed, compose
from modules.services.outbox import address_of, enqueue, mail_enabled
from modules.services.permissions import require_cohort

NOTE_MAX = 1000


def status(svc: Services, actor: Actor, cohort_id: int) -> dict:
    """Facilitators: is e-mail on, how many messages wait or went out, and which failed for whom."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        counts = dict(db.execute(select(OutboxMessage.status, func.count()).where(OutboxMessage.cohort_id == cohort_id)
                                 .group_by(OutboxMessage.status)).all())
        who = func.coalesce(User.name, OutboxMessage.to_address).label("name")  # an invitee has no account yet
        failed = db.execute(select(who, OutboxMessage.kind, OutboxMessage.last_error, OutboxMessage.created_at,
                                   OutboxMessage.attempts, OutboxMessage.status)
                            .outerjoin(User, User.id == OutboxMessage.user_id)
                            .where(OutboxMessage.cohort_id == cohort_id,
                                   (OutboxMessage.status == "failed") | (OutboxMessage.attempts > 0))
                            .order_by(OutboxMessage.created_at.desc()).limit(200)).all()
        return dict(enabled=mail_enabled(svc), queued=counts.get("queued", 0), sent=counts.get("sent", 0),
                    failed=counts.get("failed", 0),
                    problems=[dict(name=r.name, kind=r.kind, error=r.last_error, at=r.created_at, attempts=r.attempts,
                                   final=r.status == "failed") for r in failed])


def _members(db, cohort_id: int, user_ids: list[int]) -> list[User]:
    users = list(db.scalars(select(User).join(Enrolment, Enrolment.user_id == User.id)
                            .where(Enrolment.cohort_id == cohort_id, Enrolment.joined_at.is_not(None),
                                   User.id.in_(user_ids))))
    if len(users) != len(set(user_ids)):
        raise PermissionDenied()
    return users


def nudge_preview(svc: Services, actor: Actor, cohort_id: int, note: str, language: str) -> Composed:
    note = validate.text(note, "note", NOTE_MAX, required=False)
    with unit_of_work(svc.engine) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        return compose("nudge", language, name="…", cohort=cohort.name, note=note or "", sender=actor.name)


def send_nudges(svc: Services, actor: Actor, cohort_id: int, user_ids: list[int], note: str) -> int:
    """Queue a nudge for each chosen participant (at most one per participant and day)."""
    note = validate.text(note, "note", NOTE_MAX, required=False)
    if not user_ids:
        raise DomainError("error.required", field="recipients")
    if not mail_enabled(svc):
        raise DomainError("distance.mail_off")
    today = utcnow().date()
    queued = 0
    with unit_of_work(svc.engine, write=True) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        for user in _members(db, cohort_id, user_ids):
            msg = compose("nudge", user.language, name=user.name, cohort=cohort.name, note=note or "",
                          sender=actor.name)
            queued += enqueue(db, kind="nudge", dedupe_key=f"nudge:{cohort_id}:{user.id}:{today}",
                              to=address_of(user), language=user.language, message=msg, user_id=user.id,
                              cohort_id=cohort_id)
    return queued


def reminders_on(svc: Services, actor: Actor) -> bool:
    with unit_of_work(svc.engine) as db:
        pref = db.get(MailPreference, actor.id)
        return pref is None or pref.reminders


def set_reminders(svc: Services, actor: Actor, on: bool) -> None:
    """Anyone may turn their own reminders on or off; invitations and resets are always sent."""
    with unit_of_work(svc.engine, write=True) as db:
        pref = db.get(MailPreference, actor.id) or MailPreference(user_id=actor.id)
        pref.reminders = bool(on)
        db.add(pref)
