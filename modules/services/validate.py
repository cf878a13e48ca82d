"""Small input rules shared by services: trimmed, non-empty, bounded."""

from __future__ import annotations

import datetime as dt
import re

from modules.services.errors import DomainError

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
USERNAME = re.compile(r"^[\w.\-@+]{3,254}$", re.UNICODE)
NAME_MAX, LOGIN_MAX, TEXT_MAX, TITLE_MAX = 120, 254, 20000, 160


def text(value: str | None, field: str, max_len: int = NAME_MAX, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError("error.required", field=field)
    if len(value) > max_len:
        raise DomainError("error.too_long", field=field, n=max_len)
    if "\x00" in value:
        raise DomainError("error.invalid", field=field)
    return value


def email(value: str | None, field: str = "email", required: bool = True) -> str | None:
    value = (value or "").strip().lower()
    if not value and not required:
        return None
    text(value, field, LOGIN_MAX)
    if not EMAIL.match(value):
        raise DomainError("error.email_format")
    return value


def login_name(value: str | None) -> str:
    """An e-mail address or a username (3+ characters, no spaces)."""
    value = text(value, "login", LOGIN_MAX).lower()
    if "@" in value:
        return email(value, "login")
    if not USERNAME.match(value):
        raise DomainError("error.username_format")
    return value


def language(value: str) -> str:
    if value not in ("sv", "en"):
        raise DomainError("error.invalid", field="language")
    return value


def date_range(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise DomainError("error.required", field="dates")
    if end < start:
        raise DomainError("error.end_before_start")
    return start, end
