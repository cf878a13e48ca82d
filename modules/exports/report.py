"""Plain data for the cohort and organisation workbooks.

Services fill a Report (after their permission checks); modules/exports/excel.py turns it
into bytes. Nothing here touches the database. Rows are NamedTuples: an organisation report
has a hundred thousand of them, and tuples are the cheapest to build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class CohortSummary(NamedTuple):
    cohort_id: int
    name: str
    organisation: str
    start_date: dt.date
    end_date: dt.date
    invited: int
    joined: int
    active_7d: int
    completion: float  # 0..1, mean share of planned module work done


class ParticipantRow(NamedTuple):
    key: str  # stable id within the report, e.g. "12:345" (cohort:user or cohort:enrolment)
    pseudonym: str  # stable pseudonym, used instead of name/e-mail when pseudonymised
    name: str
    email: str
    cohort: str
    status: str  # "invited" | "joined"
    joined_at: dt.datetime | None
    last_active: dt.datetime | None
    completion: float  # 0..1
    attendance_rate: float | None  # 0..1, None when no session has been held


class ProgressCell(NamedTuple):
    participant_key: str
    module_id: str
    share: float  # 0..1


class ExerciseRow(NamedTuple):
    participant_key: str
    module: str
    exercise: str
    status: str  # translated: not started / draft / done
    updated: dt.datetime | None
    answer: str | None  # only when the participant shared it


class AssessmentMean(NamedTuple):
    cohort: str
    dimension: str
    n_baseline: int
    baseline: float | None
    n_final: int
    final: float | None


class CommitmentRow(NamedTuple):
    participant_key: str
    module: str
    what: str
    with_whom: str
    due: dt.date
    outcome: str  # translated; "" if not followed up
    followup: str
    followed_up_at: dt.datetime | None


class AttendanceRow(NamedTuple):
    participant_key: str
    session: str
    session_date: dt.date
    present: bool


class FeedbackRow(NamedTuple):
    cohort: str
    kind: str  # translated: module / session
    target: str
    rating: int
    comment: str
    created: dt.datetime


class LiveResultRow(NamedTuple):
    """One count of one live activity: never who answered, only how many gave each answer."""

    cohort: str
    session: str
    session_date: dt.date | None
    kind: str  # translated
    question: str
    answered: int
    answer: str  # the option, scale step or grouped word
    count: int


class RoleRow(NamedTuple):
    participant_key: str
    session: str
    session_date: dt.date
    role: str
    description: str


@dataclass
class Report:
    title: str
    scope: str  # "cohort" | "organisation"
    language: str  # "sv" | "en": sheet names and headers follow it
    generated_at: dt.datetime
    generated_by: str
    min_group: int = 5
    cohorts: list[CohortSummary] = field(default_factory=list)
    modules: list[tuple[str, str]] = field(default_factory=list)  # (module_id, title) in plan order
    participants: list[ParticipantRow] = field(default_factory=list)
    progress: list[ProgressCell] = field(default_factory=list)
    exercises: list[ExerciseRow] = field(default_factory=list)
    assessment_means: list[AssessmentMean] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)
    attendance: list[AttendanceRow] = field(default_factory=list)
    feedback: list[FeedbackRow] = field(default_factory=list)
    live_results: list[LiveResultRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
