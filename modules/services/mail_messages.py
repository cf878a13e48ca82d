"""E-mail texts from the catalogs, in the recipient's language: plain text with an HTML alternative."""

from __future__ import annotations

import html
from dataclasses import dataclass

from modules.i18n import t

KINDS = ("invite", "reset", "module", "session", "nudge", "commitment", "recall")
ESSENTIAL = frozenset({"invite", "reset"})  # always sent; everything else can be turned off


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str


def _html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f'<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">{body}</body></html>'


def compose(kind: str, lang: str, **params: object) -> Composed:
    """Subject and body of a message; every user-given value is escaped in the HTML part."""
    if kind not in KINDS:
        raise ValueError(f"unknown message kind {kind!r}")
    values = {k: str(v) for k, v in params.items()}
    subject = t(lang, f"mail.{kind}.subject", **values).replace("\n", " ").strip()
    paragraphs = [t(lang, "mail.greeting", name=values.get("name", "")).strip()]
    paragraphs += [p.strip() for p in t(lang, f"mail.{kind}.body", **values).split("\n\n") if p.strip()]
    paragraphs.append(t(lang, "mail.footer" if kind in ESSENTIAL else "mail.footer_optout"))
    return Composed(subject=subject[:300], text="\n\n".join(paragraphs) + "\n", html=_html(paragraphs))
