"""SQLAlchemy models. Every table belongs to the migrations in modules/db/migrations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- foundation (revision 0001) ---------------------------------------------------------


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    login: Mapped[str] = mapped_column(String(254), unique=True)  # e-mail or username, lower case
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # admin | facilitator | participant
    language: Mapped[str] = mapped_column(String(2), default="sv")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_active_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # auth (revision 0004): who reset the password with a reset code and when, shown at next login
    reset_by_name: Mapped[str | None] = mapped_column(String(120))
    reset_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class OrgMember(Base):
    """A facilitator's membership of an organisation."""

    __tablename__ = "org_members"
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class OneTimeCode(Base):
    """Invite and password-reset codes; only a hash is stored."""

    __tablename__ = "one_time_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(10))  # invite | reset
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Cohort(Base):
    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(2), default="sv")
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Stockholm")
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    join_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CohortFacilitator(Base):
    __tablename__ = "cohort_facilitators"
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)


class Enrolment(Base):
    """A participant's place in a cohort: invited from a roster, joined with the code, or both."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    invited_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    joined_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    department: Mapped[str | None] = mapped_column(String(120))  # from the roster; mixes learning groups
    # auth (revision 0004): the personal invite code that matches a joining person to this row
    invite_code: Mapped[str | None] = mapped_column(String(12), unique=True)


class AuthSession(Base):
    """A login. The cookie holds a random token; only its SHA-256 is stored here."""

    __tablename__ = "auth_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # auth (revision 0004): the pending single-use handoff that turns this login into the cookie
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handoff_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Attempt(Base):
    """Failed login / join attempts, for throttling that survives restarts and spans servers."""

    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))  # account | code | client
    key: Mapped[str] = mapped_column(String(64), index=True)  # hashed identifier
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


# --- journey and workspace (revision 0002) ----------------------------------------------


class PlanItem(Base):
    """A module in a cohort's plan, in order, with an optional unlock date."""

    __tablename__ = "plan_items"
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    unlock_date: Mapped[dt.date | None] = mapped_column(Date)


class CohortSession(Base):
    """A scheduled meeting of the cohort (live or remote)."""

    __tablename__ = "cohort_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    module_id: Mapped[str | None] = mapped_column(String(64))


class SectionRead(Base):
    __tablename__ = "section_reads"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    section_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    read_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Answer(Base):
    """One participant's answer to one exercise in one cohort (draft or submitted)."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("user_id", "cohort_id", "module_id", "exercise_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(64))
    exercise_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | done
    visibility: Mapped[str] = mapped_column(String(12), default="private")  # private | facilitator | cohort
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Commitment(Base):
    __tablename__ = "commitments"
    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(Text)
    with_whom: Mapped[str] = mapped_column(String(300), default="")
    due_date: Mapped[dt.date] = mapped_column(Date)
    followup: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(10))  # done | partly | not
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Feedback(Base):
    """A rating (1-5) and optional comment on a module or on a session."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("user_id", "cohort_id", "target_kind", "target_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[str] = mapped_column(String(10))  # module | session
    target_id: Mapped[str] = mapped_column(String(64))
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ExportLog(Base):
    __tablename__ = "export_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    what: Mapped[str] = mapped_column(String(40))  # cohort | organisation | journal
    target_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --- distance (revision 0008) -----------------------------------------------------------


class SessionRevision(Base):
    """The calendar identity of a session: its SEQUENCE grows with every change, and a
    removed session stays here (cancelled_at set) so calendars can publish it as cancelled."""

    __tablename__ = "session_revisions"
    session_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # no FK: outlives the session
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(160))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)  # naive, in the cohort's time zone
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class CalendarFeed(Base):
    """A cohort's secret calendar subscription address; revoking it stops the old address."""

    __tablename__ = "calendar_feeds"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class OutboxMessage(Base):
    """An e-mail waiting to be sent, sent, or failed. `send-due` claims a row before sending it,
    so two runs at once never send the same message; dedupe_key stops a reminder being queued twice."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    to_address: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(120))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)  # queued|sending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class MailPreference(Base):
    """A participant's choice to receive reminders; invitations and resets are always sent."""

    __tablename__ = "mail_preferences"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    reminders: Mapped[bool] = mapped_column(Boolean, default=True)


class SessionPrep(Base):
    """An exercise the facilitator marked as preparation for a session."""

    __tablename__ = "session_prep"
    session_id: Mapped[int] = mapped_column(ForeignKey("cohort_sessions.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(64), primary_key=True)
# --- contentapp (revision 0007) ---------------------------------------------------------


class RecallAnswer(Base):
    """A participant's answers to a module's recall questions in one round (1: ~2 days,
    2: ~1 week, 3: ~3 weeks after finishing it). Only the participant sees the content."""

    __tablename__ = "recall_answers"
    __table_args__ = (UniqueConstraint("user_id", "cohort_id", "module_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(64))
    round: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question id -> option id
    correct: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PracticeFollowup(Base):
    """The follow-up 6-12 weeks after the last module: how often I now use each practice.
    Facilitators see only aggregates, and only where at least MIN_GROUP answered."""

    __tablename__ = "practice_followups"
    __table_args__ = (UniqueConstraint("user_id", "cohort_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # practice id -> frequency value
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# --- learning groups and the cohort wall (revision 0009) ---------------------------------


class LearningGroup(Base):
    """A lärgrupp of 3-4 participants in a cohort."""

    __tablename__ = "learning_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    next_meeting_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # naive, in the cohort's zone
    meeting_sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class LearningGroupMember(Base):
    __tablename__ = "learning_group_members"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)
    group_id: Mapped[int] = mapped_column(ForeignKey("learning_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)


class GroupLogEntry(Base):
    """A line in a learning group's log for a module; the group reads it, the facilitator only if shared."""

    __tablename__ = "learning_group_logs"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("learning_groups.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    met_on: Mapped[dt.date | None] = mapped_column(Date)
    visibility: Mapped[str] = mapped_column(String(12), default="group")  # group | facilitator
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class WallReply(Base):
    """A short reply to a reflection shared with the cohort."""

    __tablename__ = "wall_replies"
    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    hidden_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hidden_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class WallHidden(Base):
    """A facilitator hid this shared reflection from the wall; its author still sees it, marked hidden."""

    __tablename__ = "wall_hidden"
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True)
    hidden_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    hidden_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
# --- firsthour (revision 0005) ---


class Attendance(Base):
    """Who was at a session, per roster row: people invited from a roster can be marked before
    they join, and the marks stay theirs when they do (joining fills in the same enrolment)."""

    __tablename__ = "session_attendance"
    session_id: Mapped[int] = mapped_column(ForeignKey("cohort_sessions.id", ondelete="CASCADE"), primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
# --- auth (revision 0004) ---------------------------------------------------------------


class AuthDevice(Base):
    """A browser that has logged in to an account before (OWASP "device cookie").

    The cookie holds a random token; only its SHA-256 is stored. A known device can still log
    in with the right password while the account is throttled for unknown clients."""

    __tablename__ = "auth_devices"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
# --- live (revision 0006) ---------------------------------------------------------------


class LiveActivity(Base):
    """A check-in, poll, 1-5 scale, fist-of-five or open question run in the room."""

    __tablename__ = "live_activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("cohort_sessions.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # checkin | poll | scale | fist | open
    question: Mapped[str] = mapped_column(String(300))
    options: Mapped[list] = mapped_column(JSON, default=list)  # poll choices
    status: Mapped[str] = mapped_column(String(8), default="ready")  # ready | open | closed
    results_visible: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LiveAnswer(Base):
    """One participant's current answer to a live activity (changeable until it closes)."""

    __tablename__ = "live_answers"
    __table_args__ = (UniqueConstraint("activity_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("live_activities.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RoleAssignment(Base):
    """A meeting role drawn for one participant at one session (kept as history)."""

    __tablename__ = "role_assignments"
    __table_args__ = (UniqueConstraint("session_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("cohort_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(80))  # a template key (e.g. "timekeeper") or a custom name
    drawn_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class MeetingRoleList(Base):
    """A cohort's own list of meeting roles; without a row the program's default list applies."""

    __tablename__ = "meeting_role_lists"
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    roles: Mapped[list] = mapped_column(JSON, default=list)  # template keys or custom names, in order
