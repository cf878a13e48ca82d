"""Group figures for facilitators and admins: self-assessment means and feedback.

Individual values never leave this module; each figure is shown only where the privacy rule's
minimum group contributed (modules/services/privacy.py).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from modules.db.models import Answer, Cohort, CohortSession, Feedback
from modules.services import privacy
from modules.services.context import Services
from modules.services.exercise_rules import dimension_means


def assessment_pairs(program) -> list[tuple[str, str, str, str, object]]:
    """(baseline module, baseline exercise, final module, final exercise, baseline exercise obj)."""
    out = []
    for m in program.modules:
        for ex in m.meta.exercises:
            if ex.type == "self_assessment" and ex.repeats:
                bm, bx = ex.repeats.split("/")
                base = program.module(bm).exercise(bx) if program.module(bm) else None
                if base is not None:
                    out.append((bm, bx, m.id, ex.id, base))
    return out


def assessment_change(db, svc: Services, cohort_ids: list[int]) -> list[dict]:
    """Group means per dimension, baseline and final; a mean is None below the minimum group."""
    out = []
    min_group = svc.settings.min_group_size
    for bm, bx, fm, fx, base in assessment_pairs(svc.program):
        answers = db.execute(select(Answer.module_id, Answer.exercise_id, Answer.data).where(
            Answer.cohort_id.in_(cohort_ids), Answer.status == "done",
            ((Answer.module_id == bm) & (Answer.exercise_id == bx)) | ((Answer.module_id == fm) & (Answer.exercise_id == fx))
        )).all()
        per = {"baseline": defaultdict(list), "final": defaultdict(list)}
        for module_id, exercise_id, data in answers:
            phase = "baseline" if (module_id, exercise_id) == (bm, bx) else "final"
            for dim, value in dimension_means(base.dimensions, (data or {}).get("ratings") or {}).items():
                if value is not None:
                    per[phase][dim].append(value)
        for d in base.dimensions:
            n_b, mean_b = privacy.mean_if_group(per["baseline"][d.id], min_group)
            n_f, mean_f = privacy.mean_if_group(per["final"][d.id], min_group)
            out.append(dict(dimension_id=d.id, title=d.title, n_baseline=n_b, n_final=n_f,
                            baseline=mean_b, final=mean_f))
    return out


def feedback_summary(db, svc: Services, cohort_ids: list[int], lang: str) -> dict:
    """Mean rating and the comments per module and per session, without names, and only for
    targets on which at least the minimum group gave feedback."""
    sessions = {str(s.id): s for s in db.scalars(select(CohortSession).where(CohortSession.cohort_id.in_(cohort_ids)))}

    def title(kind: str, target: str) -> str:
        if kind == "module":
            module = svc.program.module(target)
            return module.meta.title.get(lang) if module else target
        s = sessions.get(target)
        return f"{s.title} ({s.date.isoformat()})" if s else target

    groups: dict = defaultdict(lambda: [0, 0.0])
    for kind, target, n, total in db.execute(
        select(Feedback.target_kind, Feedback.target_id, func.count(), func.sum(Feedback.rating))
        .where(Feedback.cohort_id.in_(cohort_ids)).group_by(Feedback.target_kind, Feedback.target_id)
    ):
        g = groups[(kind, title(kind, target))]  # sessions of different cohorts may share a title
        g[0] += n
        g[1] += float(total or 0)
    big = {key for key, (n, _total) in groups.items() if privacy.group_large_enough(n, svc.settings.min_group_size)}
    comments = [dict(kind=kind, target=title(kind, target), rating=rating, comment=comment, cohort=cname,
                     created=created)
                for kind, target, rating, comment, cname, created in db.execute(
                    select(Feedback.target_kind, Feedback.target_id, Feedback.rating, Feedback.comment, Cohort.name,
                           Feedback.created_at).join(Cohort)
                    .where(Feedback.cohort_id.in_(cohort_ids), Feedback.comment != "")
                    .order_by(Feedback.created_at.desc()))
                if (kind, title(kind, target)) in big]
    averages = [dict(kind=k, target=t, n=n, mean=total / n) for (k, t), (n, total) in groups.items() if (k, t) in big]
    return dict(averages=averages, comments=comments)
