"""Recall rounds and the practice follow-up (revision 0007)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from modules.db.models.base import Base, utcnow


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
