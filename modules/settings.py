"""One place for every configuration option.

Each option has a default, a help line and an environment variable. README lists
them all (tests/unit/test_settings_documented.py checks that it does).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _opt(default, env: str, help: str):  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    database_url: str = _opt(
        f"sqlite:///{ROOT / 'data' / 'medled.db'}",
        "DATABASE_URL",
        "SQLAlchemy URL. SQLite file by default; postgresql://… switches to PostgreSQL (psycopg 3).",
    )
    content_dir: str = _opt(str(ROOT / "content"), "MEDLED_CONTENT_DIR", "Folder with the program modules.")
    session_hours: int = _opt(12, "MEDLED_SESSION_HOURS", "How long a login lasts without logging out.")
    cookie_secure: bool = _opt(
        False, "MEDLED_COOKIE_SECURE", "Send the login cookie only over HTTPS (turn on behind TLS)."
    )
    throttle_max_failures: int = _opt(5, "MEDLED_THROTTLE_FAILURES", "Failed logins/join attempts allowed per window.")
    throttle_client_failures: int = _opt(
        60,
        "MEDLED_THROTTLE_CLIENT_FAILURES",
        "Failed attempts allowed per window from one client address (a whole workshop may share one).",
    )
    trusted_proxies: str = _opt(
        "",
        "MEDLED_TRUSTED_PROXIES",
        "Comma-separated addresses/networks of reverse proxies whose X-Forwarded-For is believed.",
    )
    throttle_window_minutes: int = _opt(15, "MEDLED_THROTTLE_MINUTES", "Length of the throttle window in minutes.")
    invite_days: int = _opt(7, "MEDLED_INVITE_DAYS", "How long a facilitator invite code is valid, in days.")
    reset_hours: int = _opt(24, "MEDLED_RESET_HOURS", "How long a password reset code is valid, in hours.")
    upload_max_mb: float = _opt(5.0, "MEDLED_UPLOAD_MAX_MB", "Largest roster upload accepted, in megabytes.")
    upload_max_rows: int = _opt(5000, "MEDLED_UPLOAD_MAX_ROWS", "Most rows accepted in one roster upload.")
    inactive_days: int = _opt(7, "MEDLED_INACTIVE_DAYS", "Days without activity before a participant needs a nudge.")
    min_group_size: int = _opt(
        5, "MEDLED_MIN_GROUP", "Fewest answers before aggregated self-assessment results are shown."
    )
    retention_days: int = _opt(
        365, "MEDLED_RETENTION_DAYS",
        "Days after a cohort's end before administrators see it listed for deletion (and purge may delete it).",
    )
    trusted_origins: str = _opt(
        "",
        "MEDLED_TRUSTED_ORIGINS",
        "Extra comma-separated origins allowed to post the login form (e.g. https://medled.example.org).",
    )
    public_url: str = _opt(
        "",
        "MEDLED_PUBLIC_URL",
        "The address participants open, shown with the join code and in e-mail (e.g. https://medled.example.org); "
        "empty: the address in the user's browser.",
    )
    smtp_host: str = _opt("", "MEDLED_SMTP_HOST", "SMTP server for e-mail; empty: e-mail is off.")
    smtp_port: int = _opt(587, "MEDLED_SMTP_PORT", "SMTP port (587 for STARTTLS, 465 for TLS).")
    smtp_user: str = _opt("", "MEDLED_SMTP_USER", "SMTP user name; empty: no login.")
    smtp_password: str = _opt("", "MEDLED_SMTP_PASSWORD", "SMTP password.")
    smtp_security: str = _opt("starttls", "MEDLED_SMTP_SECURITY", "starttls, tls or none.")
    mail_from: str = _opt("", "MEDLED_MAIL_FROM", "Sender address of Medled's e-mail, e.g. Medled <noreply@example.org>.")
    log_level: str = _opt("INFO", "MEDLED_LOG_LEVEL", "Python logging level.")
    live_poll_seconds: float = _opt(
        3.0, "MEDLED_LIVE_POLL_SECONDS", "How often a participant's live card and the projector look for changes."
    )


def _convert(raw: str, default):
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from the environment; unknown or bad values raise ValueError."""
    env = os.environ if env is None else env
    values = {}
    for f in fields(Settings):
        name = f.metadata["env"]
        if name in env and env[name] != "":
            try:
                values[f.name] = _convert(env[name], f.default)
            except ValueError as exc:
                raise ValueError(f"{name}: {env[name]!r} is not a valid value") from exc
    return Settings(**values)


def documented_options() -> list[tuple[str, str, object, str]]:
    """(field, env var, default, help) for every option, for README and --help."""
    return [(f.name, f.metadata["env"], f.default, f.metadata["help"]) for f in fields(Settings)]
