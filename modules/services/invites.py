"""Personal invite codes: one per roster row; the only way a joining person takes over a row.

Joining with the cohort's code always makes a new member, even with an e-mail on the roster:
anyone can type someone else's address. A personal code (ten characters, the cohort code has
eight) matches its roster row once. Codes are shown to the facilitator and exported for a mail
merge, or e-mailed (send_invitations) when SMTP is configured.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from modules.db.engine import unit_of_work
from modules.db.models import Cohort, Enrolment
from modules.services import security
from modules.services.context import Actor, Services
from modules.services.permissions import require_cohort

INVITE_CODE_LENGTH = 10


def _unique_code(db) -> str:
    while True:
        code = security.new_code(INVITE_CODE_LENGTH)
        if not db.scalar(select(exists().where(Enrolment.invite_code == code))):
            return code


def invite_codes(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """Every roster row nobody has joined as yet, with its personal code (made where missing)."""
    with unit_of_work(svc.engine, write=True) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        rows = db.scalars(select(Enrolment).where(Enrolment.cohort_id == cohort_id, Enrolment.user_id.is_(None),
                                                  Enrolment.joined_at.is_(None))  # not a deleted participant's row
                          .order_by(Enrolment.name, Enrolment.id)).all()
        for row in rows:
            if row.invite_code is None:
                row.invite_code = _unique_code(db)
        return [dict(id=r.id, name=r.name, email=r.email or "", code=r.invite_code, cohort=cohort.name,
                     join_code=cohort.join_code) for r in rows]


def row_for_code(db, raw: str) -> tuple[Enrolment, Cohort] | tuple[None, None]:
    """The open roster row and its cohort for a normalised personal invite code."""
    if len(raw) != INVITE_CODE_LENGTH:
        return None, None
    found = db.execute(select(Enrolment, Cohort).join(Cohort, Cohort.id == Enrolment.cohort_id)
                       .where(Enrolment.invite_code == raw, Enrolment.user_id.is_(None),
                              Enrolment.joined_at.is_(None))).first()
    return (found[0], found[1]) if found else (None, None)


def send_invitations(svc: Services, actor: Actor, cohort_id: int, url: str) -> int:
    """Queue a personal invitation (in the cohort's language) for every open roster row with an
    e-mail address; a row is invited once per code. Returns how many were queued."""
    from modules.services import mail_messages, outbox
    from modules.services.errors import DomainError

    if not outbox.mail_enabled(svc):
        raise DomainError("distance.mail_off")
    rows = invite_codes(svc, actor, cohort_id)
    queued = 0
    with unit_of_work(svc.engine, write=True) as db:
        cohort = require_cohort(db, actor, cohort_id, manage=True)
        for r in rows:
            if not r["email"]:
                continue
            msg = mail_messages.compose("invite", cohort.language, name=r["name"], cohort=cohort.name, url=url,
                                        code=r["code"])
            queued += outbox.enqueue(db, kind="invite", dedupe_key=f"invite:{r['id']}:{r['code']}", to=r["email"],
                                     language=cohort.language, message=msg, cohort_id=cohort_id)
    return queued
