"""Personal invite codes: one per roster row; the only way a joining person takes over a row.

Joining with the cohort's code always makes a new member, even with an e-mail on the roster:
anyone can type someone else's address. A personal code (ten characters, the cohort code has
eight) matches its roster row once. Codes are shown to the facilitator and exported for a mail
merge; e-mailing them needs SMTP, which Medled does not have yet.
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
        rows = db.scalars(select(Enrolment).where(Enrolment.cohort_id == cohort_id, Enrolment.user_id.is_(None))
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
                       .where(Enrolment.invite_code == raw, Enrolment.user_id.is_(None))).first()
    return (found[0], found[1]) if found else (None, None)
