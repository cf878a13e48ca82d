"""Facilitator dashboards: per cohort and per organisation across its cohorts.

Everything is aggregated in a few grouped queries, so a dashboard for thousands of
participants stays well under half a second (see BENCHMARKS.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select

from modules.db.engine import unit_of_work
from modules.db.models import (
    Answer,
    Attendance,
    Cohort,
    CohortFacilitator,
    CohortSession,
    Commitment,
    Enrolment,
    Feedback,
    Organisation,
    PlanItem,
    SectionRead,
    User,
    utcnow,
)
from modules.services.context import Actor, Services
from modules.services.errors import PermissionDenied
from modules.services.exercise_rules import dimension_means
from modules.services.permissions import require_cohort, require_org


def visible_cohort_ids(db, actor: Actor, org_id: int) -> list[int]:
    """An admin sees every cohort of the organisation; a facilitator only the ones they run."""
    require_org(db, actor, org_id)
    q = select(Cohort.id).where(Cohort.org_id == org_id)
    if not actor.is_admin:
        q = q.join(CohortFacilitator, CohortFacilitator.cohort_id == Cohort.id).where(
            CohortFacilitator.user_id == actor.id)
    return list(db.scalars(q))


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


def participants_of(db, cohort_ids: list[int]) -> list[dict]:
    rows = db.execute(
        select(Enrolment.id, Enrolment.user_id, Enrolment.cohort_id, Cohort.name, Enrolment.name, Enrolment.email,
               Enrolment.joined_at, Enrolment.invited_at, User.last_active_at)
        .join(Cohort, Cohort.id == Enrolment.cohort_id)
        .outerjoin(User, User.id == Enrolment.user_id).where(Enrolment.cohort_id.in_(cohort_ids))
    ).all()
    return [dict(enrolment_id=eid, user_id=uid, cohort_id=cid, cohort=cname, name=name, email=email or "",
                 joined_at=joined, invited_at=invited, last_active=last)
            for eid, uid, cid, cname, name, email, joined, invited, last in rows]


def plans_of(db, svc: Services, cohort_ids: list[int]) -> dict[int, list]:
    plans: dict[int, list] = defaultdict(list)
    for item in db.scalars(select(PlanItem).where(PlanItem.cohort_id.in_(cohort_ids)).order_by(PlanItem.position)):
        module = svc.program.module(item.module_id)
        if module is not None:
            plans[item.cohort_id].append(module)
    return plans


def _counts(db, model, cohort_ids, extra=()) -> dict:
    q = select(model.cohort_id, model.user_id, model.module_id, func.count()).where(
        model.cohort_id.in_(cohort_ids), *extra).group_by(model.cohort_id, model.user_id, model.module_id)
    return {(c, u, m): n for c, u, m, n in db.execute(q)}


def progress_grid(db, svc, cohort_ids, people, plans) -> dict:
    """{(cohort_id, user_id): {module_id: share}} for joined participants."""
    reads = _counts(db, SectionRead, cohort_ids)
    done = _counts(db, Answer, cohort_ids, (Answer.status == "done",))
    grid = {}
    for p in people:
        if p["user_id"] is None:
            continue
        shares = {}
        for m in plans.get(p["cohort_id"], []):
            key = (p["cohort_id"], p["user_id"], m.id)
            units = len(m.meta.sections) + len(m.meta.exercises)
            shares[m.id] = min(1.0, (reads.get(key, 0) + done.get(key, 0)) / units) if units else 0.0
        grid[(p["cohort_id"], p["user_id"])] = shares
    return grid


def overview(svc: Services, actor: Actor, *, cohort_id: int | None = None, org_id: int | None = None) -> dict:
    """Headline figures, progress grid, nudges, assessment change and feedback."""
    with unit_of_work(svc.engine) as db:
        if cohort_id is not None:
            require_cohort(db, actor, cohort_id, manage=True)
            cohort_ids = [cohort_id]
        elif org_id is not None:
            cohort_ids = visible_cohort_ids(db, actor, org_id)
        else:
            raise PermissionDenied()
        people = participants_of(db, cohort_ids)
        plans = plans_of(db, svc, cohort_ids)
        grid = progress_grid(db, svc, cohort_ids, people, plans)
        overdue = dict(db.execute(
            select(Commitment.user_id, func.count()).where(
                Commitment.cohort_id.in_(cohort_ids), Commitment.followed_up_at.is_(None),
                Commitment.due_date < dt.date.today()).group_by(Commitment.user_id)).all())
        assessment = assessment_change(db, svc, cohort_ids)
        feedback = feedback_summary(db, svc, cohort_ids, actor.language)
    return _assemble(svc, actor, people, plans, grid, overdue, assessment, feedback)


def _assemble(svc, actor, people, plans, grid, overdue, assessment, feedback) -> dict:
    now = utcnow()
    week, idle = now - dt.timedelta(days=7), now - dt.timedelta(days=svc.settings.inactive_days)
    joined = [p for p in people if p["joined_at"] is not None]
    rows = []
    for p in joined:
        shares = grid.get((p["cohort_id"], p["user_id"]), {})
        completion = sum(shares.values()) / len(shares) if shares else 0.0
        reasons = []
        if p["last_active"] is None or p["last_active"] < idle:
            reasons.append("inactive")
        if overdue.get(p["user_id"]):
            reasons.append("overdue")
        if not any(shares.values()):
            reasons.append("not_started")
        rows.append(p | dict(shares=shares, completion=completion, nudge=reasons,
                             overdue=overdue.get(p["user_id"], 0)))
    modules = []
    for plan in plans.values():
        modules += [m for m in plan if m not in modules]
    return dict(
        invited=len(people), joined=len(joined),
        active_7d=sum(1 for p in joined if p["last_active"] and p["last_active"] >= week),
        completion=sum(r["completion"] for r in rows) / len(rows) if rows else 0.0,
        modules=[(m.id, m.meta.title.get(actor.language)) for m in modules],
        participants=rows, assessment=assessment, feedback=feedback, min_group=svc.settings.min_group_size,
    )


def assessment_change(db, svc: Services, cohort_ids: list[int]) -> list[dict]:
    """Cohort means per dimension, baseline and final, with the number who answered each."""
    out = []
    for bm, bx, fm, fx, base in assessment_pairs(svc.program):
        answers = db.execute(select(Answer.module_id, Answer.exercise_id, Answer.data).where(
            Answer.cohort_id.in_(cohort_ids), Answer.status == "done",
            ((Answer.module_id == bm) & (Answer.exercise_id == bx)) | ((Answer.module_id == fm) & (Answer.exercise_id == fx))
        )).all()
        per = {"baseline": defaultdict(list), "final": defaultdict(list)}
        counts = {"baseline": 0, "final": 0}
        for module_id, exercise_id, data in answers:
            phase = "baseline" if (module_id, exercise_id) == (bm, bx) else "final"
            counts[phase] += 1
            for dim, value in dimension_means(base.dimensions, (data or {}).get("ratings") or {}).items():
                if value is not None:
                    per[phase][dim].append(value)
        for d in base.dimensions:
            b, f = per["baseline"][d.id], per["final"][d.id]
            out.append(dict(dimension_id=d.id, title=d.title, n_baseline=counts["baseline"], n_final=counts["final"],
                            baseline=sum(b) / len(b) if b else None, final=sum(f) / len(f) if f else None))
    return out


def feedback_summary(db, svc: Services, cohort_ids: list[int], lang: str) -> dict:
    """Mean rating per module and per session (aggregated in SQL), and the written comments."""
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
    comments = [dict(kind=kind, target=title(kind, target), rating=rating, comment=comment, cohort=cname,
                     created=created)
                for kind, target, rating, comment, cname, created in db.execute(
                    select(Feedback.target_kind, Feedback.target_id, Feedback.rating, Feedback.comment, Cohort.name,
                           Feedback.created_at).join(Cohort)
                    .where(Feedback.cohort_id.in_(cohort_ids), Feedback.comment != "")
                    .order_by(Feedback.created_at.desc()))]
    averages = [dict(kind=k, target=t, n=n, mean=total / n) for (k, t), (n, total) in groups.items() if n]
    return dict(averages=averages, comments=comments)


def organisation_name(svc: Services, actor: Actor, org_id: int) -> str:
    with unit_of_work(svc.engine) as db:
        require_org(db, actor, org_id)
        return db.get(Organisation, org_id).name


def shared_answers(svc: Services, actor: Actor, cohort_id: int, module_id: str | None = None,
                   exercise_id: str | None = None, user_id: int | None = None) -> list[dict]:
    """What participants chose to share with the facilitator or the cohort — nothing else."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        q = (select(Answer, User.name).join(User, User.id == Answer.user_id)
             .where(Answer.cohort_id == cohort_id, Answer.visibility.in_(("facilitator", "cohort")))
             .order_by(Answer.updated_at.desc()))
        if module_id:
            q = q.where(Answer.module_id == module_id)
        if exercise_id:
            q = q.where(Answer.exercise_id == exercise_id)
        if user_id:
            q = q.where(Answer.user_id == user_id)
        return [dict(author=name, user_id=a.user_id, module_id=a.module_id, exercise_id=a.exercise_id,
                     kind=a.kind, data=a.data or {}, visibility=a.visibility, updated_at=a.updated_at)
                for a, name in db.execute(q).all()]


def participant_commitments(svc: Services, actor: Actor, cohort_id: int, user_id: int) -> list[dict]:
    """A participant's commitments in the cohort: what, when, how it went (for follow-up talks)."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.scalars(select(Commitment).where(Commitment.cohort_id == cohort_id, Commitment.user_id == user_id)
                          .order_by(Commitment.due_date))
        return [dict(what=c.what, with_whom=c.with_whom, due_date=c.due_date, outcome=c.outcome,
                     followup=c.followup) for c in rows]


def attendance(svc: Services, actor: Actor, cohort_id: int) -> dict:
    """{"marks": {(session id, enrolment id): present}} for the cohort's sessions."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = db.execute(select(Attendance.session_id, Attendance.enrolment_id, Attendance.present)
                          .join(CohortSession, CohortSession.id == Attendance.session_id)
                          .where(CohortSession.cohort_id == cohort_id)).all()
    return dict(marks={(sid, eid): present for sid, eid, present in rows})
