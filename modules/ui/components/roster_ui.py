"""Roster upload: preview with row-level problems, then import a clean file or, by explicit
choice, the valid rows only. The file is parsed once per upload, not on every rerun."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules.i18n import fmt_number
from modules.services import outbox, roster
from modules.ui import state
from modules.ui.state import tr


def roster_import(actor, cohort) -> None:
    svc, cid = state.services(), cohort["id"]
    done = st.session_state.pop(f"roster-done-{cid}", None)
    if done is not None:
        st.success(tr("rosterui.imported", n=done))
    limits = _limits(svc)
    st.caption(tr("rosterui.help", **limits))
    generation = st.session_state.get(f"roster-gen-{cid}", 0)
    upload = st.file_uploader(tr("rosterui.upload"), type=["xlsx", "csv"], key=f"roster-{cid}-{generation}")
    if upload is None:
        st.session_state.pop(f"roster-plan-{cid}", None)
        return
    plan = _parsed_once(actor, cid, upload)
    if plan is None:
        return
    if plan.file_error:
        st.error(tr(plan.file_error, **limits))
        return
    _preview(plan)
    if not plan.rows:
        st.info(tr("rosterui.nothing_new"))
        return
    if plan.problems:
        label = tr("firsthour.roster_import_valid", n=len(plan.rows), m=len(plan.bad_rows))
        if st.button(label, key=f"import-valid-{cid}-{generation}"):
            _import(actor, cid, plan, skip_invalid=True)
        return
    st.caption(tr("distance.roster_mail_on" if outbox.mail_enabled(svc) else "firsthour.roster_no_email"))
    if st.button(tr("rosterui.import", n=len(plan.rows)), type="primary", key=f"import-{cid}-{generation}"):
        _import(actor, cid, plan, skip_invalid=False)


def _limits(svc) -> dict[str, str]:
    """The upload limits as the user's locale writes numbers."""
    lang, mb = state.lang(), svc.settings.upload_max_mb
    return dict(mb=fmt_number(mb, lang, 0 if float(mb).is_integer() else 1),
                rows=fmt_number(svc.settings.upload_max_rows, lang, 0))


def _parsed_once(actor, cid: int, upload) -> roster.RosterPlan | None:
    """The preview of this upload, parsed on its first run and kept for the reruns after it."""
    ident = (upload.file_id, upload.size)
    cached = st.session_state.get(f"roster-plan-{cid}")
    if cached and cached[0] == ident:
        return cached[1]
    plan = state.run(roster.preview_roster, state.services(), actor, cid, upload.name, upload.getvalue())
    if plan is not None:
        st.session_state[f"roster-plan-{cid}"] = (ident, plan)
    return plan


def _preview(plan: roster.RosterPlan) -> None:
    st.dataframe(pd.DataFrame([{tr("rosterui.row"): r.row_number, tr("field.name"): r.name, tr("field.email"): r.email}
                               for r in plan.rows]), hide_index=True, width="stretch")
    if plan.skipped:
        st.info(tr("rosterui.skipped", n=len(plan.skipped)))
    if plan.problems:
        st.error(tr("rosterui.problems", n=len(plan.bad_rows)))
        st.dataframe(pd.DataFrame([{tr("rosterui.row"): str(p.row_number or "–"),
                                    tr("rosterui.problem"): tr(p.key, **p.params)} for p in plan.problems]),
                     hide_index=True, width="stretch")


def _import(actor, cid: int, plan: roster.RosterPlan, *, skip_invalid: bool) -> None:
    ok, count = state.call(roster.import_plan, state.services(), actor, cid, plan, skip_invalid=skip_invalid)
    if ok:
        st.session_state.pop(f"roster-plan-{cid}", None)
        st.session_state[f"roster-gen-{cid}"] = st.session_state.get(f"roster-gen-{cid}", 0) + 1  # a fresh uploader
        st.session_state[f"roster-done-{cid}"] = count
        st.rerun()
