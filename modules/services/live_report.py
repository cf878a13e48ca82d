"""Live results and meeting roles for the cohort/organisation report (counts only for live answers)."""

from __future__ import annotations

from sqlalchemy import select

from modules.db.engine import unit_of_work
from modules.db.models import CohortSession, LiveActivity, LiveAnswer, RoleAssignment
from modules.exports import report as R
from modules.i18n import t
from modules.services.context import Services
from modules.services.live import tally
from modules.services.roles import describe


def fill(svc: Services, report: R.Report, cohort_names: dict[int, str], keys: dict, lang: str) -> None:
    """Called by build_report after its permission checks, for the cohorts in its scope."""
    ids = list(cohort_names)
    with unit_of_work(svc.engine) as db:
        acts = list(db.execute(select(LiveActivity, CohortSession.title, CohortSession.date)
                               .outerjoin(CohortSession, CohortSession.id == LiveActivity.session_id)
                               .where(LiveActivity.cohort_id.in_(ids), LiveActivity.status != "ready")
                               .order_by(LiveActivity.cohort_id, LiveActivity.opened_at, LiveActivity.id)))
        values: dict[int, list[str]] = {}
        for aid, v in db.execute(select(LiveAnswer.activity_id, LiveAnswer.value)
                                 .where(LiveAnswer.activity_id.in_([a.id for a, *_ in acts]))):
            values.setdefault(aid, []).append(v)
        roles = db.execute(select(CohortSession.cohort_id, CohortSession.title, CohortSession.date,
                                  RoleAssignment.user_id, RoleAssignment.role)
                           .join(RoleAssignment, RoleAssignment.session_id == CohortSession.id)
                           .where(CohortSession.cohort_id.in_(ids))
                           .order_by(CohortSession.date, RoleAssignment.id)).all()
    adhoc = t(lang, "live.adhoc")
    for a, title, date in acts:
        vals = values.get(a.id, [])
        for label, n in tally(a, vals)["counts"]:
            report.live_results.append(R.LiveResultRow(cohort_names[a.cohort_id], title or adhoc, date,
                                                       t(lang, f"live.kind.{a.kind}"), a.question, len(vals),
                                                       label, n))
    for cid, title, date, uid, role in roles:
        if (cid, uid) in keys:
            d = describe(role, lang)
            report.roles.append(R.RoleRow(keys[(cid, uid)], title, date, d["name"], d["description"]))
