"""What the projector shows: large type, high contrast, readable from the back of the room.

Every participant-written word is escaped before it reaches st.html; counts are numbers.
"""

from __future__ import annotations

import html

import altair as alt
import pandas as pd
import segno
import streamlit as st

from modules.ui.components.live_card import kind_label
from modules.ui.state import tr

STYLE = """<style>
.stApp, .stApp header {background:#000 !important; color:#fff !important;}
.stApp p, .stApp label, .stApp span, .stApp div {color:#fff;}
.pj-q {font-size:clamp(2rem,4.5vw,4rem); font-weight:700; line-height:1.15; margin:.2em 0 .4em 0;}
.pj-meta {font-size:clamp(1.3rem,2.4vw,2.2rem); color:#ffd60a !important;}
.pj-big {font-size:clamp(3rem,9vw,8rem); font-weight:800; font-family:monospace; letter-spacing:.12em;}
.pj-alert {font-size:clamp(1.6rem,3.5vw,3rem); font-weight:800; background:#ffd60a; color:#000 !important;
           padding:.2em .6em; border-radius:.3em; display:inline-block;}
.pj-alert * {color:#000 !important;}
.pj-words {display:flex; flex-wrap:wrap; gap:.4em 1em; align-items:baseline;}
.pj-word {font-weight:700; line-height:1.1;}
.pj-word small {color:#ffd60a; font-size:.55em; margin-left:.2em;}
.pj-hidden {font-size:clamp(1.6rem,3vw,2.6rem); color:#9ad1ff !important;}
</style>"""


def style() -> None:
    st.html(STYLE)


def join_view(code: str, address: str) -> None:
    """The join code, the address to open and a QR code of the address."""
    qr = segno.make(address, error="m")
    uri = qr.svg_data_uri(scale=10, dark="#000", light="#fff", border=2)
    st.html(
        '<div style="display:flex;gap:3rem;align-items:center;flex-wrap:wrap">'
        f'<img src="{uri}" alt="QR" style="width:min(38vw,420px);background:#fff">'
        f'<div><div class="pj-meta">{html.escape(tr("live.projector.open_address"))}</div>'
        f'<div class="pj-q">{html.escape(address.split("?", 1)[0])}</div>'
        f'<div class="pj-meta">{html.escape(tr("live.projector.code"))}</div>'
        f'<div class="pj-big">{html.escape(code[:4] + " " + code[4:])}</div></div></div>'
    )


def activity_view(res: dict) -> None:
    status = tr(f"live.status.{res['status']}")
    st.html(f'<div class="pj-meta">{html.escape(kind_label(res["kind"]))} · {html.escape(status)} · '
            f'{html.escape(tr("live.projector.answered", answered=res["answered"], present=res["present"]))}</div>'
            f'<div class="pj-q">{html.escape(res["question"])}</div>')
    if "counts" not in res:
        st.html(f'<div class="pj-hidden">{html.escape(tr("live.projector.hidden"))}</div>')
        return
    if res["kind"] in ("checkin", "open"):
        _words(res["counts"])
        return
    if res["kind"] == "fist":
        st.html(f'<div class="pj-alert">{html.escape(tr("live.projector.under_three", n=res["under_three"]))}'
                "</div>")
    _bars(res["counts"], highlight_under_three=res["kind"] == "fist")


def _words(counts: list[tuple[str, int]]) -> None:
    if not counts:
        return
    top = max(n for _, n in counts)
    parts = []
    for word, n in counts[:60]:
        size = 1.6 + 2.6 * (n / top)
        parts.append(f'<span class="pj-word" style="font-size:{size:.2f}rem">{html.escape(word)}'
                     f"<small>{n}</small></span>")
    st.html(f'<div class="pj-words">{"".join(parts)}</div>')


def _bars(counts: list[tuple[str, int]], highlight_under_three: bool) -> None:
    df = pd.DataFrame([{"answer": a, "count": n, "order": i, "low": highlight_under_three and a in ("0", "1", "2")}
                       for i, (a, n) in enumerate(counts)])
    base = alt.Chart(df).encode(
        y=alt.Y("answer:N", sort=alt.SortField("order"), title=None,
                axis=alt.Axis(labelFontSize=30, labelColor="#fff", labelLimit=600)),
        x=alt.X("count:Q", title=None, axis=None))
    bars = base.mark_bar(height=48).encode(
        color=alt.condition(alt.datum.low, alt.value("#ffd60a"), alt.value("#4cc9f0")))
    labels = base.mark_text(align="left", dx=8, fontSize=34, fontWeight="bold", color="#fff").encode(text="count:Q")
    chart = (bars + labels).properties(height=70 * len(counts) + 20, background="#000").configure_view(stroke=None)
    st.altair_chart(chart, width="stretch")
