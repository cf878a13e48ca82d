"""Admin: the export log (who exported what, when)."""

import pandas as pd
import streamlit as st

from modules.i18n import fmt_datetime
from modules.services import reports
from modules.ui import state
from modules.ui.state import tr

PRIVACY_LOG = {w: f"privacy.log.{w}" for w in ("own_data", "delete_account", "delete_cohort", "purge")}
actor = state.current_actor()
lang = state.lang()
st.title(tr("nav.admin_log"))
rows = state.run(reports.export_log, state.services(), actor)
if rows is not None:
    if not rows:
        st.info(tr("log.empty"))
    else:
        st.dataframe(pd.DataFrame([{tr("log.when"): fmt_datetime(r["when"], lang, "short"), tr("log.who"): r["who"],
                                    tr("log.what"): tr(PRIVACY_LOG.get(r["what"], f"log.what.{r['what']}")),
                                    "ID": "" if r["target_id"] is None else str(r["target_id"]),
                                    tr("log.detail"): r["detail"]} for r in rows]), hide_index=True, width="stretch")
