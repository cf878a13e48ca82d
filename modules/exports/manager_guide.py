"""The manager guide (content/_program/manager-guide.<lang>.md) as a printable HTML page.

The guide is authored content in a small Markdown subset: `#`/`##` headings, paragraphs,
`- ` lists and `**bold**`. Everything is escaped first, so no HTML passes through.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from modules.exports.planner_doc import CSS
from modules.i18n import fmt_date

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text.strip()))


def markdown_to_html(text: str) -> tuple[str, str]:
    """(title, body HTML) from the Markdown subset; the first `# ` heading is the title."""
    title, parts, items, para = "", [], [], []

    def flush() -> None:
        if para:
            parts.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if items:
            parts.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("# ") and not title:
            flush()
            title = stripped[2:].strip()
        elif stripped.startswith("#"):
            flush()
            parts.append(f"<h2>{_inline(stripped.lstrip('#'))}</h2>")
        elif stripped.startswith("- "):
            if para:
                flush()
            items.append(stripped[2:])
        elif items and line.startswith("  "):
            items[-1] += " " + stripped
        else:
            para.append(stripped)
    flush()
    return title, "".join(parts)


def manager_guide_document(markdown: str, lang: str, program_name: str = "") -> bytes:
    title, body = markdown_to_html(markdown)
    sub = f'<p class="muted">{html.escape(program_name)}</p>' if program_name else ""
    page = (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS} li{{margin:.15rem 0}} h2{{text-transform:none;letter-spacing:0}}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>{sub}{body}"
            f"<footer>Medled · {html.escape(fmt_date(dt.date.today(), lang, 'long'))}</footer></body></html>")
    return page.encode("utf-8")
