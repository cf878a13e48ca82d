"""Learning journal: all my answers in one place, filterable, downloadable as Excel."""

import streamlit as st

from modules.exports.journal import journal_workbook
from modules.i18n import fmt_datetime
from modules.services import answers
from modules.services.summaries import summarise
from modules.ui import state
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()
program = svc.program
st.title(tr("journal.title"))

rows = state.run(answers.journal, svc, actor) or []
entries = []
for a in rows:
    module = program.module(a["module_id"])
    ex = module.exercise(a["exercise_id"]) if module else None
    if ex is None:
        continue
    entries.append(dict(module_id=a["module_id"], module=module.meta.title.get(lang), exercise=ex.title.get(lang),
                        kind=a["kind"], type=tr(f"type.{a['kind']}"), status=tr(f"status.{a['status']}"),
                        visibility=tr(f"visibility.{a['visibility']}"), updated=a["updated_at"],
                        answer=summarise(program, ex, a["data"], lang)))
if not entries:
    st.info(tr("journal.empty"))
    st.stop()

modules = sorted({(e["module_id"], e["module"]) for e in entries}, key=lambda m: m[1])
c1, c2 = st.columns(2)
pick_modules = c1.multiselect(tr("journal.filter_module"), [m[0] for m in modules], placeholder=tr("firsthour.all"),
                              format_func=lambda i: dict(modules)[i])
kinds = sorted({e["kind"] for e in entries})
pick_kinds = c2.multiselect(tr("journal.filter_type"), kinds, placeholder=tr("firsthour.all"),
                            format_func=lambda k: tr(f"type.{k}"))
shown = [e for e in entries if (not pick_modules or e["module_id"] in pick_modules)
         and (not pick_kinds or e["kind"] in pick_kinds)]

st.download_button(tr("journal.download"), journal_workbook(shown, lang), file_name="medled-journal.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   icon=":material/download:")
for e in shown:
    with st.container(border=True):
        st.markdown(f"**{e['exercise']}** · {e['module']}")
        st.caption(f"{e['type']} · {e['status']} · {e['visibility']} · {fmt_datetime(e['updated'], lang, 'short')}")
        st.text(e["answer"] or "–")
