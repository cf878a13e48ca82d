"""The participant's control of their own data: see it all, download it, delete the account.

Each item carries `who`: the i18n key (privacy.who.*) telling who else can see it, taken from
the one privacy rule (modules/services/privacy.py).
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from modules.db.engine import unit_of_work
from modules.db.models import (
    Answer,
    Attendance,
    AuthSession,
    Cohort,
    CohortSession,
    Commitment,
    Enrolment,
    ExportLog,
    Feedback,
    OneTimeCode,
    Organisation,
    SectionRead,
    User,
)
from modules.services import privacy, security
from modules.services.context import Actor, Services
from modules.services.errors import DomainError, NotFound, PermissionDenied
from modules.services.summaries import summarise

GROUPS = ("account", "cohorts", "answers", "commitments", "feedback", "group_log", "wall", "recall", "followup",
          "email", "reading", "attendance", "sessions")


def my_data(svc: Services, actor: Actor) -> dict[str, list[dict]]:
    """Everything Medled holds about the actor, grouped; every item says who else can see it."""
    with unit_of_work(svc.engine) as db:
        user = db.get(User, actor.id)
        if user is None:
            raise NotFound()
        cohorts = {c.id: c.name for c in db.scalars(select(Cohort).join(Enrolment, Enrolment.cohort_id == Cohort.id)
                                                     .where(Enrolment.user_id == actor.id))}
        out = {
            "account": _account(user),
            "cohorts": _cohorts(db, actor.id),
            "answers": _answers(db, svc, actor, cohorts),
            "commitments": _commitments(db, actor.id, cohorts),
            "feedback": _feedback(db, actor.id, cohorts),
            **_later_data(db, actor.id, cohorts),
            "reading": [dict(cohort=cohorts.get(r.cohort_id, ""), module=r.module_id, section=r.section_id,
                             read_at=r.read_at, who="privacy.who.status")
                        for r in db.scalars(select(SectionRead).where(SectionRead.user_id == actor.id))],
            "attendance": [dict(session=title, date=date, present=a.present, who="privacy.who.status")
                           for a, title, date in db.execute(
                               select(Attendance, CohortSession.title, CohortSession.date)
                               .join(CohortSession, CohortSession.id == Attendance.session_id)
                               .join(Enrolment, Enrolment.id == Attendance.enrolment_id)
                               .where(Enrolment.user_id == actor.id))],
            "sessions": [dict(created=s.created_at, expires=s.expires_at, revoked=s.revoked_at,
                              who="privacy.who.secret")
                         for s in db.scalars(select(AuthSession).where(AuthSession.user_id == actor.id)
                                             .order_by(AuthSession.created_at.desc()))],
        }
    return out


def _account(user: User) -> list[dict]:
    who = "privacy.who.contact"
    return [dict(field="name", value=user.name, who=who), dict(field="login", value=user.login, who=who),
            dict(field="email", value=user.email or "", who=who),
            dict(field="language", value=user.language, who="privacy.who.secret"),
            dict(field="created_at", value=user.created_at, who="privacy.who.secret"),
            dict(field="last_active", value=user.last_active_at, who="privacy.who.status")]


def _cohorts(db, user_id: int) -> list[dict]:
    rows = db.execute(select(Cohort.name, Organisation.name, Enrolment.name, Enrolment.email, Enrolment.joined_at)
                      .join(Cohort, Cohort.id == Enrolment.cohort_id).join(Organisation)
                      .where(Enrolment.user_id == user_id)).all()
    return [dict(cohort=c, organisation=o, name=n, email=e or "", joined_at=j, who="privacy.who.contact")
            for c, o, n, e, j in rows]


def _answers(db, svc: Services, actor: Actor, cohorts: dict) -> list[dict]:
    out = []
    for a in db.scalars(select(Answer).where(Answer.user_id == actor.id).order_by(Answer.updated_at)):
        module = svc.program.module(a.module_id)
        ex = module.exercise(a.exercise_id) if module else None
        out.append(dict(cohort=cohorts.get(a.cohort_id, ""), module=module.meta.title.get(actor.language)
                        if module else a.module_id, exercise=ex.title.get(actor.language) if ex else a.exercise_id,
                        kind=a.kind, status=a.status, visibility=a.visibility, updated=a.updated_at,
                        text=summarise(svc.program, ex, a.data or {}, actor.language), data=a.data or {},
                        who=privacy.who_can_see(privacy.BY_KIND, a.kind, a.visibility)))
    return out


def _commitments(db, user_id: int, cohorts: dict) -> list[dict]:
    rows = db.execute(select(Commitment, Answer.visibility).join(Answer, Answer.id == Commitment.answer_id)
                      .where(Commitment.user_id == user_id).order_by(Commitment.due_date)).all()
    return [dict(cohort=cohorts.get(c.cohort_id, ""), what=c.what, with_whom=c.with_whom, due=c.due_date,
                 outcome=c.outcome or "", followup=c.followup or "", followed_up_at=c.followed_up_at,
                 who=privacy.who_can_see(privacy.SHARED, "commitment", vis)) for c, vis in rows]


def _feedback(db, user_id: int, cohorts: dict) -> list[dict]:
    rows = db.scalars(select(Feedback).where(Feedback.user_id == user_id).order_by(Feedback.created_at))
    return [dict(cohort=cohorts.get(f.cohort_id, ""), kind=f.target_kind, target=f.target_id, rating=f.rating,
                 comment=f.comment, created=f.created_at, who="privacy.who.feedback") for f in rows]


def _later_data(db, user_id: int, cohorts: dict) -> dict[str, list[dict]]:
    """Learning group log, wall replies, recall rounds, the practice follow-up and e-mail."""
    from modules.db.models import (
        GroupLogEntry,
        MailPreference,
        OutboxMessage,
        PracticeFollowup,
        RecallAnswer,
        WallReply,
    )

    pref = db.get(MailPreference, user_id)
    return {
        "group_log": [dict(module=e.module_id, text=e.text, met_on=e.met_on, created=e.created_at,
                           who="privacy.who.group" if e.visibility == privacy.GROUP else "privacy.who.group_facilitator")
                      for e in db.scalars(select(GroupLogEntry).where(GroupLogEntry.user_id == user_id))],
        "wall": [dict(text=r.text, created=r.created_at, hidden=r.hidden_at is not None, who="privacy.who.cohort")
                 for r in db.scalars(select(WallReply).where(WallReply.user_id == user_id))],
        "recall": [dict(cohort=cohorts.get(r.cohort_id, ""), module=r.module_id, round=r.round, answers=r.answers,
                        correct=r.correct, total=r.total, answered_at=r.answered_at, who="privacy.who.recall")
                   for r in db.scalars(select(RecallAnswer).where(RecallAnswer.user_id == user_id))],
        "followup": [dict(cohort=cohorts.get(f.cohort_id, ""), answers=f.answers, answered_at=f.answered_at,
                          who="privacy.who.aggregate")
                     for f in db.scalars(select(PracticeFollowup).where(PracticeFollowup.user_id == user_id))],
        "email": [dict(reminders=pref.reminders if pref else True, who="privacy.who.secret")]
        + [dict(subject=m.subject, status=m.status, created=m.created_at, sent=m.sent_at, who="privacy.who.secret")
           for m in db.scalars(select(OutboxMessage).where(OutboxMessage.user_id == user_id))],
    }


def log_own_download(svc: Services, actor: Actor, fmt: str) -> None:
    """Downloads of one's own data are recorded in the export log, like every other export."""
    with unit_of_work(svc.engine, write=True) as db:
        db.add(ExportLog(user_id=actor.id, what="own_data", target_id=actor.id, detail=fmt[:20]))


def delete_my_account(svc: Services, actor: Actor, password: str) -> None:
    """Deletes the participant and everything they wrote; their enrolments stay as anonymous rows
    so that facilitators' counts say "deleted participant". Exports already made are not recalled."""
    if actor.role != "participant":
        raise PermissionDenied()
    with unit_of_work(svc.engine, write=True) as db:
        user = db.get(User, actor.id)
        if user is None:
            raise NotFound()
        if not security.verify_password(user.password_hash, password or ""):
            raise DomainError("error.old_password")
        erase_user(db, actor.id)
        db.add(ExportLog(user_id=None, what="delete_account", target_id=actor.id,
                         detail=f"participant #{actor.id}"))


def erase_user(db, user_id: int) -> None:
    """Everything of one user, in one transaction (explicit, not only by cascade)."""
    db.execute(update(Enrolment).where(Enrolment.user_id == user_id, Enrolment.joined_at.is_not(None))
               .values(user_id=None, name="", email=None, department=None))
    db.execute(delete(Enrolment).where(Enrolment.user_id == user_id))
    # Attendance marks stay with the anonymised roster row (counts), or go with a deleted one.
    for model in (Commitment, Answer, Feedback, SectionRead, AuthSession, OneTimeCode):
        db.execute(delete(model).where(model.user_id == user_id))
    db.execute(update(ExportLog).where(ExportLog.user_id == user_id).values(user_id=None))
    db.execute(delete(User).where(User.id == user_id))
