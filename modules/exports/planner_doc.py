"""A filled planner as a self-contained, printable HTML document (escaped user text)."""

from __future__ import annotations

import datetime as dt
import html

from modules.i18n import fmt_date, t

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #444;padding-bottom:.3rem}
h2{font-size:1.05rem;margin:1.2rem 0 .3rem;text-transform:uppercase;letter-spacing:.04em;color:#444}
p.v{white-space:pre-wrap;margin:.2rem 0 .6rem} .muted{color:#777}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.95rem}
th,td{border:1px solid #999;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eee} footer{margin-top:2rem;font-size:.8rem;color:#777}
@media print{body{margin:0;max-width:none} h2{break-after:avoid} table{break-inside:auto} tr{break-inside:avoid}}
"""


def _value(field, value, lang: str) -> str:
    if value in (None, "", []):
        return '<p class="v muted">–</p>'
    if field.kind == "date":
        return f'<p class="v">{html.escape(fmt_date(dt.date.fromisoformat(value), lang, "long"))}</p>'
    if field.kind == "choice":
        return f'<p class="v">{html.escape(t(lang, "choice." + value))}</p>'
    return f'<p class="v">{html.escape(str(value))}</p>'


def _table(field, rows: list[dict], template: str, lang: str) -> str:
    if field.id == "raci":
        names = []
        for r in rows:
            names += [m for m in (r.get("cells") or {}) if m not in names]
        head = [t(lang, f"planner.{template}.raci.task"), *names]
        body = [[r.get("task", ""), *[(r.get("cells") or {}).get(m, "") for m in names]] for r in rows]
    else:
        head = [t(lang, f"planner.{template}.{field.id}.{c}") for c, _ in field.columns]
        body = [[r.get(c) if r.get(c) is not None else "" for c, _ in field.columns] for r in rows]
    th = "".join(f"<th>{html.escape(str(h))}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


def planner_document(title: str, spec, fields: dict, lang: str, label) -> bytes:
    parts = [f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>",
             f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    for field in spec.fields:
        parts.append(f"<h2>{html.escape(label(field))}</h2>")
        value = fields.get(field.id)
        parts.append(_table(field, value or [], spec.template, lang) if field.kind == "table"
                     else _value(field, value, lang))
    parts.append(f"<footer>Medled · {html.escape(fmt_date(dt.date.today(), lang, 'long'))}</footer></body></html>")
    return "".join(parts).encode("utf-8")
