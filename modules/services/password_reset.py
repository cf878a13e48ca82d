"""Self-service "forgot password": a reset code by e-mail, when SMTP is configured.

The answer is the same whether or not an account exists (no account enumeration). Requests
are throttled per address and per client, in their own scope so that they never count against
logging in. The code is redeemed on the existing code page; redeeming it ends every session of
the account, and the next login shows that the password was reset (by the account's owner)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from sqlalchemy import or_, select

from modules.db.engine import unit_of_work
from modules.db.models import User
from modules.services import accounts, security, validate
from modules.services.context import Services
from modules.services.errors import DomainError, Throttled
from modules.services.mail_messages import compose
from modules.services.outbox import address_of, enqueue, mail_enabled


def request_reset(svc: Services, login_or_email: str, client: str | None, url: str) -> None:
    value = validate.text(login_or_email, "login", validate.LOGIN_MAX).lower()
    if not mail_enabled(svc):
        raise DomainError("distance.mail_off")
    keys = [("reset", value)] + ([("client", client)] if client else [])
    with unit_of_work(svc.engine, write=True) as db:
        throttled, _ids = security.reserve(db, keys, svc.settings)  # every request counts, atomically
        if throttled:
            raise Throttled()
        user = db.scalar(select(User).where(or_(User.login == value, User.email == value)))
        to = address_of(user) if user is not None else None
        if to is None:
            return
        hours = svc.settings.reset_hours
        code = accounts._issue_code(db, user.id, "reset", dt.timedelta(hours=hours), by=user.id)
        link = f"{url.rstrip('/')}/code?{urlencode({'code': code})}"
        msg = compose("reset", user.language, name=user.name, url=link, code=code, hours=hours)
        enqueue(db, kind="reset", dedupe_key=f"reset:{user.id}:{security.sha256(code)[:32]}", to=to,
                language=user.language, message=msg, user_id=user.id)
