"""My data: everything Medled holds about me, who can see each part; download it; delete my account."""

import pandas as pd
import streamlit as st

from modules.exports.mydata import my_data_json, my_data_workbook
from modules.services import mydata
from modules.ui import state
from modules.ui.components import my_data_ui
from modules.ui.state import tr

actor = state.current_actor()
svc = state.services()
lang = state.lang()
st.title(tr("privacy.title"))
st.caption(tr("privacy.intro"))
data = state.run(mydata.my_data, svc, actor)
if data is not None:
    for group, items in data.items():
        with st.expander(f"{tr(f'privacy.group.{group}')} ({len(items)})", expanded=group == "account"):
            if not items:
                st.caption(tr("privacy.empty"))
                continue
            st.dataframe(pd.DataFrame(my_data_ui.rows(group, items, lang)), hide_index=True, width="stretch")

    st.subheader(tr("privacy.download_title"))
    c1, c2 = st.columns(2)
    c1.download_button(tr("privacy.download_excel"), my_data_workbook(data, lang), file_name="medled-my-data.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", key="own-xlsx",
                       on_click=lambda: state.run(mydata.log_own_download, svc, actor, "xlsx"))
    c2.download_button(tr("privacy.download_json"), my_data_json(data, lang), file_name="medled-my-data.json",
                       mime="application/json", icon=":material/download:", key="own-json",
                       on_click=lambda: state.run(mydata.log_own_download, svc, actor, "json"))

    my_data_ui.delete_account(actor)
