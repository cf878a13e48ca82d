"""Planner templates as forms; tables as editable grids; results as chart and document."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from modules.exports.planner_doc import planner_document
from modules.services.planners import (
    CHOICES,
    LINE_MAX,
    RACI_LETTERS,
    TEXT_MAX,
    members,
    quadrant,
    raci_problems,
    spec_for,
)
from modules.ui.components.autosave import autosave_text_area, autosave_value
from modules.ui.state import tr


def _label(ctx, spec, field) -> str:
    return ctx.text(field.label) if field.label is not None else tr(f"planner.{spec.template}.{field.id}")


def _table_frame(field, rows: list[dict], member_names: list[str]) -> pd.DataFrame:
    if field.id == "raci":
        data = [{"task": r.get("task", ""), **{m: (r.get("cells") or {}).get(m, "") for m in member_names}}
                for r in rows]
        return pd.DataFrame(data, columns=["task", *member_names])
    cols = [c for c, _ in field.columns]
    text = {c for c, kind in field.columns if kind in ("line", "text")}  # empty text is "", never None
    return pd.DataFrame([{c: (r.get(c) or "") if c in text else r.get(c) for c in cols} for r in rows], columns=cols)


def _column_config(ctx, spec, field, member_names):
    cfg = {}
    for cid, kind in field.columns:
        label = tr(f"planner.{spec.template}.{field.id}.{cid}")
        if kind == "int":
            cfg[cid] = st.column_config.NumberColumn(label, min_value=1, max_value=5, step=1)
        elif kind.startswith("choice:"):
            opts = list(CHOICES[kind.split(":")[1]])
            cfg[cid] = st.column_config.SelectboxColumn(label, options=opts)
        elif kind == "raci":
            for m in member_names:
                cfg[m] = st.column_config.SelectboxColumn(m, options=list(RACI_LETTERS))
        else:
            cfg[cid] = st.column_config.TextColumn(label, max_chars=300)
    return cfg


def _rows_from_frame(field, df: pd.DataFrame, member_names) -> list[dict]:
    df = df.astype(object).where(pd.notna(df), None)
    if field.id == "raci":
        return [{"task": r.get("task") or "", "cells": {m: r.get(m) or "" for m in member_names}}
                for r in df.to_dict("records")]
    return df.to_dict("records")


def _collect(ctx, spec, member_names) -> dict:
    out = {}
    for f in spec.fields:
        value = st.session_state.get(ctx.key(f.id))
        if f.kind == "table":
            frame = st.session_state.get(ctx.key(f.id + ":frame"))
            out[f.id] = _rows_from_frame(f, frame, member_names) if frame is not None else ctx.data.get("fields", {}).get(f.id, [])
        elif f.kind == "date":
            out[f.id] = value.isoformat() if isinstance(value, dt.date) else None
        elif f.kind in ("text", "line"):
            out[f.id] = autosave_value(ctx.key(f.id), ctx.data.get("fields", {}).get(f.id) or "")
        else:
            out[f.id] = value if value is not None else ctx.data.get("fields", {}).get(f.id)
    return {"fields": out}


def render_planner(ctx) -> None:
    spec = spec_for(ctx.ex)
    stored = ctx.data.get("fields") or {}
    member_names = members(autosave_value(ctx.key("members"), stored.get("members") or ""))
    save = lambda *_: ctx.save(_collect(ctx, spec, member_names))  # noqa: E731
    for f in spec.fields:
        label, key, value = _label(ctx, spec, f), ctx.key(f.id), stored.get(f.id)
        hint = ctx.text(f.help) if f.help is not None else None
        if f.kind in ("text", "line"):
            long = f.kind == "text"
            autosave_text_area(label, key=key, value=value or "", on_save=save, max_chars=TEXT_MAX if long else LINE_MAX,
                               height=100 if long else 40, help=hint, store=ctx.store(f.id),
                               single_line=not long, isolated=f.id != "members")
        elif f.kind == "date":
            st.date_input(label, value=dt.date.fromisoformat(value) if value else None, key=key,
                          format="YYYY-MM-DD", on_change=save, help=hint)
        elif f.kind == "choice":
            opts = list(f.options)
            st.selectbox(label, opts, index=opts.index(value) if value in opts else None, key=key,
                         placeholder=tr("firsthour.choose_one"), format_func=lambda v: tr(f"choice.{v}"),
                         on_change=save)
        elif f.kind == "table":
            st.markdown(f"**{label}**")
            frame = _table_frame(f, value or [], member_names)
            edited = st.data_editor(frame, num_rows="dynamic", key=key, width="stretch", hide_index=True,
                                    column_config=_column_config(ctx, spec, f, member_names))
            st.session_state[ctx.key(f.id + ":frame")] = edited
    if st.button(tr("planner.save"), key=ctx.key("submit"), type="primary"):
        if ctx.save(_collect(ctx, spec, member_names), submit=True):
            st.toast(tr("exercise.saved"))
            st.rerun()
    if ctx.done:
        _results(ctx, spec, stored)


def _results(ctx, spec, fields: dict) -> None:
    if spec.template == "stakeholder_map":
        _stakeholder_chart(fields.get("stakeholders") or [])
    if spec.template == "team_charter":
        problems = raci_problems(fields)
        for i, key in problems:
            task = (fields["raci"][i].get("task") or f"#{i + 1}")
            st.warning(tr(key, task=task))
        if fields.get("raci") and not problems:
            st.success(tr("planner.raci_ok"))
    title = ctx.text(ctx.ex.title)
    doc = planner_document(title, spec, fields, ctx.lang, lambda f: _label(ctx, spec, f))
    st.download_button(tr("planner.download"), doc, file_name=f"{ctx.ex.id}.html", mime="text/html",
                       key=ctx.key("download"), icon=":material/print:")
    st.caption(tr("planner.download_help"))


def _stakeholder_chart(rows: list[dict]) -> None:
    data = [r for r in rows if r.get("name") and r.get("power") and r.get("interest")]
    if not data:
        return
    df = pd.DataFrame([{"name": r["name"], "power": r["power"], "interest": r["interest"],
                        "disposition": r.get("disposition") or "0",
                        "quadrant": tr(f"quadrant.{quadrant(r['power'], r['interest'])}")} for r in data])
    base = alt.Chart(df).encode(
        x=alt.X("interest:Q", scale=alt.Scale(domain=[0.5, 5.5]), title=tr("planner.interest")),
        y=alt.Y("power:Q", scale=alt.Scale(domain=[0.5, 5.5]), title=tr("planner.power")))
    points = base.mark_circle(size=220).encode(
        color=alt.Color("disposition:N", scale=alt.Scale(domain=["+", "0", "-"], range=["#2e7d32", "#9e9e9e", "#c62828"])),
        tooltip=["name", "quadrant", "disposition"])
    labels = base.mark_text(dy=-14).encode(text="name")
    rules = alt.Chart(pd.DataFrame({"v": [2.5]})).mark_rule(strokeDash=[4, 4]).encode(x="v:Q") + \
        alt.Chart(pd.DataFrame({"v": [2.5]})).mark_rule(strokeDash=[4, 4]).encode(y="v:Q")
    st.altair_chart((rules + points + labels).properties(height=380), width="stretch")
    st.caption(tr("planner.grid_help"))
