"""Admin: organisations, facilitators and their invite codes."""

import streamlit as st

from modules.i18n import fmt_datetime
from modules.services import accounts, cohorts
from modules.ui import state
from modules.ui.components.user_text import esc
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()
st.title(tr("admin.orgs_title"))

with st.form("new_org", clear_on_submit=True):
    name = st.text_input(tr("field.org_name"), max_chars=120)
    if st.form_submit_button(tr("admin.create_org")) and state.run(cohorts.create_organisation, svc, actor, name):
        st.success(tr("admin.org_created"))
orgs = state.run(cohorts.list_organisations, svc, actor) or []
st.dataframe([{tr("field.organisation"): o["name"]} for o in orgs], hide_index=True, width="stretch")

st.subheader(tr("admin.new_facilitator"))
with st.form("new_facilitator", clear_on_submit=True):
    fname = st.text_input(tr("field.name"), max_chars=120)
    email = st.text_input(tr("field.email"), max_chars=254)
    chosen = st.multiselect(tr("field.organisations"), [o["id"] for o in orgs], placeholder=tr("firsthour.choose"),
                            format_func=lambda i: next(o["name"] for o in orgs if o["id"] == i))
    if st.form_submit_button(tr("admin.create_facilitator"), type="primary"):
        code = state.run(accounts.create_facilitator, svc, actor, fname, email, chosen)
        if code:
            st.success(tr("admin.invite_created"))
            st.code(code)

facilitators = [u for u in (state.run(accounts.list_users, svc, actor, "facilitator") or [])]
if orgs and facilitators:
    with st.form("add_to_org", clear_on_submit=True):
        st.markdown(f"**{tr('admin.add_to_org')}**")
        who = st.selectbox(tr("role.facilitator").capitalize(), [u["id"] for u in facilitators],
                           format_func=lambda i: next(f"{u['name']} · {u['login']}" for u in facilitators if u["id"] == i))
        where = st.selectbox(tr("field.organisation"), [o["id"] for o in orgs],
                             format_func=lambda i: next(o["name"] for o in orgs if o["id"] == i))
        if st.form_submit_button(tr("admin.add")):
            if state.call(cohorts.add_facilitator_to_org, svc, actor, where, who)[0]:
                st.success(tr("admin.added"))

st.subheader(tr("admin.users"))
users = state.run(accounts.list_users, svc, actor) or []
for u in users:
    c1, c2 = st.columns([4, 2])
    c1.text(f"{u['name']} · {u['login']} · {tr('role.' + u['role'])}")
    c1.caption(", ".join(esc(o) for o in u["organisations"]) + (" · " + tr("admin.last_active", when=fmt_datetime(u["last_active"], lang, "short")) if u["last_active"] else ""))
    if u["id"] == actor.id:
        continue
    if u["role"] == "facilitator" and not u["has_password"]:
        if c2.button(tr("admin.reissue"), key=f"inv-{u['id']}"):
            code = state.run(accounts.reissue_invite, svc, actor, u["id"])
            if code:
                c2.code(code)
    elif c2.button(tr("cohorts.reset"), key=f"rst-{u['id']}"):
        code = state.run(accounts.create_reset_code, svc, actor, u["id"])
        if code:
            c2.code(code)
    if c2.button(tr("auth.logout_everywhere"), key=f"out-{u['id']}"):
        if state.call(accounts.revoke_sessions, svc, actor, u["id"])[0]:
            c2.success(tr("auth.logged_out_everywhere"))
