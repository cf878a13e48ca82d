"""Learning groups and the cohort wall (revision 0009)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from modules.db.models.base import Base, utcnow


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
