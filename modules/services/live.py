"""Live activities in the room: check-in, poll, 1-5 scale, fist-of-five, open question.

Facilitators create, open, hide/reveal, close and step to the next activity. Participants
answer the open activity of their cohort and may change the answer until it closes.
Answers are anonymous: every read for others returns counts only, never who answered what
(the privacy rule's row for live-activity answers).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from modules.curriculum.live_templates import KINDS, templates
from modules.db.engine import unit_of_work
from modules.db.models import Attendance, CohortSession, Enrolment, LiveActivity, LiveAnswer, utcnow
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound
from modules.services.journey import require_participant
from modules.services.permissions import require_cohort

ANSWER_MAX = 120
SCALES = {"scale": range(1, 6), "fist": range(0, 6)}


def clean_text(value, max_len: int) -> str:
    """Required free text, trimmed; errors carry the live catalog's keys."""
    value = str(value or "").strip()
    if not value:
        raise DomainError("live.error.required")
    if len(value) > max_len or "\x00" in value:
        raise DomainError("live.error.too_long", n=max_len)
    return value


def activity_templates(lang: str) -> list[dict]:
    """The program's templates (module 05's check-ins and closing rounds) in one language."""
    return [dict(id=t.id, kind=t.kind, question=t.question.get(lang), options=t.options_for(lang))
            for t in templates().activities]


def _activity(db, actor: Actor, activity_id: int, manage: bool) -> LiveActivity:
    row = db.get(LiveActivity, activity_id)
    if row is None:
        raise NotFound()
    require_cohort(db, actor, row.cohort_id, manage=manage)
    return row


def _dict(a: LiveActivity) -> dict:
    return dict(id=a.id, cohort_id=a.cohort_id, session_id=a.session_id, kind=a.kind, question=a.question,
                options=list(a.options or []), status=a.status, results_visible=a.results_visible,
                opened_at=a.opened_at, closed_at=a.closed_at)


def create_activity(svc: Services, actor: Actor, cohort_id: int, kind: str, question: str,
                    options: list[str] | None = None, session_id: int | None = None, open_now: bool = False) -> int:
    if kind not in KINDS:
        raise DomainError("live.error.invalid")
    question = clean_text(question, 300)
    options = [clean_text(o, ANSWER_MAX) for o in (options or []) if str(o or "").strip()]
    if kind == "poll" and not 2 <= len(options) <= 8:
        raise DomainError("live.error.poll_options")
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        if session_id is not None:
            session = db.get(CohortSession, session_id)
            if session is None or session.cohort_id != cohort_id:
                raise NotFound()
        row = LiveActivity(cohort_id=cohort_id, session_id=session_id, kind=kind, question=question,
                           options=options if kind == "poll" else [], status="ready", results_visible=False,
                           created_by=actor.id)
        db.add(row)
        db.flush()
        if open_now:
            _open(db, row)
        return row.id


def _open(db, row: LiveActivity) -> None:
    """Only one open activity per cohort: opening one closes the one before."""
    for other in db.scalars(select(LiveActivity).where(LiveActivity.cohort_id == row.cohort_id,
                                                       LiveActivity.status == "open", LiveActivity.id != row.id)):
        other.status, other.closed_at = "closed", utcnow()
    row.status, row.opened_at, row.closed_at = "open", utcnow(), None


def list_activities(svc: Services, actor: Actor, cohort_id: int, session_id: int | None = None) -> list[dict]:
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        q = select(LiveActivity).where(LiveActivity.cohort_id == cohort_id)
        if session_id is not None:
            q = q.where(LiveActivity.session_id == session_id)
        return [_dict(a) for a in db.scalars(q.order_by(LiveActivity.id))]


def open_activity(svc: Services, actor: Actor, activity_id: int) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        _open(db, _activity(db, actor, activity_id, manage=True))


def close_activity(svc: Services, actor: Actor, activity_id: int) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        row = _activity(db, actor, activity_id, manage=True)
        if row.status == "open":
            row.status, row.closed_at = "closed", utcnow()


def set_results_visible(svc: Services, actor: Actor, activity_id: int, visible: bool) -> None:
    with unit_of_work(svc.engine, write=True) as db:
        _activity(db, actor, activity_id, manage=True).results_visible = bool(visible)


def next_activity(svc: Services, actor: Actor, cohort_id: int) -> int | None:
    """Close the open activity and open the next one waiting (in the order created)."""
    with unit_of_work(svc.engine, write=True) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        nxt = db.scalar(select(LiveActivity).where(LiveActivity.cohort_id == cohort_id,
                                                   LiveActivity.status == "ready").order_by(LiveActivity.id).limit(1))
        for row in db.scalars(select(LiveActivity).where(LiveActivity.cohort_id == cohort_id,
                                                         LiveActivity.status == "open")):
            row.status, row.closed_at = "closed", utcnow()
        if nxt is None:
            return None
        _open(db, nxt)
        return nxt.id


def current_for_participant(svc: Services, actor: Actor) -> dict | None:
    """The open activity in any of the participant's cohorts, with their own answer. One query."""
    with unit_of_work(svc.engine) as db:
        row = db.execute(
            select(LiveActivity, LiveAnswer.value)
            .join(Enrolment, (Enrolment.cohort_id == LiveActivity.cohort_id) & (Enrolment.user_id == actor.id)
                  & Enrolment.joined_at.is_not(None))
            .outerjoin(LiveAnswer, (LiveAnswer.activity_id == LiveActivity.id) & (LiveAnswer.user_id == actor.id))
            .where(LiveActivity.status == "open").order_by(LiveActivity.opened_at.desc()).limit(1)
        ).first()
    if row is None:
        return None
    activity, mine = row
    return _dict(activity) | {"mine": mine}


def _clean_value(activity: LiveActivity, value) -> str:
    if activity.kind in SCALES:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise DomainError("live.error.invalid") from None
        if number not in SCALES[activity.kind]:
            raise DomainError("live.error.invalid")
        return str(number)
    if activity.kind == "poll":
        if value not in (activity.options or []):
            raise DomainError("live.error.invalid")
        return value
    return clean_text(value, ANSWER_MAX)


def answer(svc: Services, actor: Actor, activity_id: int, value) -> None:
    """Save or change the participant's answer; refused once the activity is closed."""
    with unit_of_work(svc.engine, write=True) as db:
        activity = db.get(LiveActivity, activity_id)
        if activity is None:
            raise NotFound()
        require_participant(db, actor, activity.cohort_id)
        if activity.status != "open":
            raise DomainError("live.error.closed")
        clean = _clean_value(activity, value)
        row = db.scalar(select(LiveAnswer).where(LiveAnswer.activity_id == activity_id,
                                                 LiveAnswer.user_id == actor.id))
        if row is None:
            db.add(LiveAnswer(activity_id=activity_id, user_id=actor.id, value=clean))
        else:
            row.value, row.updated_at = clean, utcnow()


def _present(db, activity: LiveActivity) -> int:
    """Marked present at the activity's session; without a register, everyone who has joined."""
    if activity.session_id is not None:
        n = db.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.session_id == activity.session_id, Attendance.present.is_(True)))
        if n:
            return n
    return db.scalar(select(func.count()).select_from(Enrolment).where(
        Enrolment.cohort_id == activity.cohort_id, Enrolment.joined_at.is_not(None))) or 0


def tally(activity: LiveActivity, values: list[str]) -> dict:
    """Counts only: per option, per scale step, or per word (grouped case-insensitively)."""
    if activity.kind == "poll":
        c = Counter(values)
        return {"counts": [(o, c.get(o, 0)) for o in activity.options or []]}
    if activity.kind in SCALES:
        c = Counter(int(v) for v in values)
        out = {"counts": [(str(n), c.get(n, 0)) for n in SCALES[activity.kind]]}
        if activity.kind == "fist":
            out["under_three"] = sum(c.get(n, 0) for n in (0, 1, 2))
        return out
    groups: dict[str, list] = {}
    for v in values:
        key = " ".join(v.split()).casefold()
        groups.setdefault(key, [v.strip(), 0])[1] += 1
    return {"counts": sorted(((label, n) for label, n in groups.values()), key=lambda p: (-p[1], p[0].casefold()))}


def results(svc: Services, actor: Actor, activity_id: int, *, force: bool = False) -> dict:
    """For the projector and the dashboard: answered / present and, unless hidden, the counts."""
    with unit_of_work(svc.engine) as db:
        activity = _activity(db, actor, activity_id, manage=True)
        values = list(db.scalars(select(LiveAnswer.value).where(LiveAnswer.activity_id == activity_id)))
        out = _dict(activity) | {"answered": len(values), "present": _present(db, activity)}
    if activity.results_visible or force or activity.status == "closed":
        out |= tally(activity, values)
    return out


def session_results(svc: Services, actor: Actor, cohort_id: int) -> list[dict]:
    """Every activity of the cohort with its counts, for the dashboard and the export."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        rows = list(db.execute(select(LiveActivity, CohortSession.title, CohortSession.date)
                               .outerjoin(CohortSession, CohortSession.id == LiveActivity.session_id)
                               .where(LiveActivity.cohort_id == cohort_id, LiveActivity.status != "ready")
                               .order_by(LiveActivity.opened_at, LiveActivity.id)))
        values: dict[int, list[str]] = {}
        for aid, v in db.execute(select(LiveAnswer.activity_id, LiveAnswer.value).join(
                LiveActivity, LiveActivity.id == LiveAnswer.activity_id).where(LiveActivity.cohort_id == cohort_id)):
            values.setdefault(aid, []).append(v)
    return [_dict(a) | {"session_title": title, "session_date": date, "answered": len(values.get(a.id, []))}
            | tally(a, values.get(a.id, [])) for a, title, date in rows]


def current_for_cohort(svc: Services, actor: Actor, cohort_id: int) -> dict | None:
    """For the projector: the open activity's results, else the last one opened (closed)."""
    with unit_of_work(svc.engine) as db:
        require_cohort(db, actor, cohort_id, manage=True)
        aid = db.scalar(select(LiveActivity.id).where(LiveActivity.cohort_id == cohort_id,
                                                      LiveActivity.status != "ready")
                        .order_by((LiveActivity.status == "open").desc(), LiveActivity.opened_at.desc()).limit(1))
    return results(svc, actor, aid) if aid else None
