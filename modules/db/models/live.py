"""The live workshop: activities, answers, meeting roles (revision 0006)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from modules.db.models.base import Base, utcnow


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
