"""The one privacy rule: who may see the CONTENT of participant-written data.

Every service that shows participant data to someone other than its author asks here:
the dashboard, the cohort views, the Excel export (named and pseudonymised) and "My data".
The rule (docs: README "Privacy"):

| data                                   | author | cohort peers          | facilitators / admin            |
|----------------------------------------|--------|-----------------------|---------------------------------|
| reflection, planner, checklist,        | all    | if visibility cohort  | if visibility facilitator/cohort|
| commitment (+ follow-up)               |        |                       |                                 |
| self-assessment scores                 | all    | never                 | per-dimension means, n >= MIN   |
| knowledge-check and scenario results   | all    | never                 | aggregates, n >= MIN            |
| module/session feedback                | all    | never                 | no names, target n >= MIN       |
| completion status                      | all    | never                 | always                          |

Admins see exactly what a facilitator of the cohort sees. Anyone else sees nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_

from modules.db.models import Answer

PRIVATE, FACILITATOR, COHORT = "private", "facilitator", "cohort"
VISIBILITIES = (PRIVATE, FACILITATOR, COHORT)
DEFAULT_VISIBILITY = PRIVATE

# Kinds of answer whose content the participant may share (by visibility).
SHAREABLE_KINDS = ("reflection", "planner", "checklist", "commitment")
# Kinds whose results are never shown individually to anyone but the author.
AGGREGATE_ONLY_KINDS = ("self_assessment", "knowledge_check", "scenario")

# Who is looking, relative to the data's author.
SELF, PEER, STAFF, NOBODY = "self", "peer", "staff", "nobody"

# --- audiences: what each kind of stored data may reach -------------------------------------
SHARED = "shared"  # content per the answer's visibility (shareable kinds only)
BY_KIND = "by_kind"  # answers.data: SHARED for shareable kinds, AGGREGATE for the others
AGGREGATE = "aggregate"  # individual values only to the author; staff see group figures, n >= MIN
FEEDBACK = "feedback"  # author; staff without names where the target has n >= MIN
STATUS = "status"  # completion status: author and staff, always
CONTACT = "contact"  # who the person is (name, e-mail): author and staff; peers see the name on shared answers
SECRET = "secret"  # nobody (hashes, tokens)
AUDIENCES = (SHARED, BY_KIND, AGGREGATE, FEEDBACK, STATUS, CONTACT, SECRET)

# Every column that holds participant-written text or scores, and its audience.
# tests/integration/test_privacy_registry.py walks the schema and fails on any column of a
# participant-data table that is neither here nor in NOT_PARTICIPANT_WRITTEN.
REGISTRY: dict[str, str] = {
    "users.name": CONTACT,
    "users.login": CONTACT,
    "users.email": CONTACT,
    "users.password_hash": SECRET,
    "enrolments.name": CONTACT,
    "enrolments.email": CONTACT,
    "answers.data": BY_KIND,
    "answers.status": STATUS,
    "answers.visibility": STATUS,
    "commitments.what": SHARED,
    "commitments.with_whom": SHARED,
    "commitments.followup": SHARED,
    "commitments.outcome": SHARED,
    "feedback.rating": FEEDBACK,
    "feedback.comment": FEEDBACK,
    "section_reads.section_id": STATUS,
    "auth_sessions.token_hash": SECRET,
    "one_time_codes.code_hash": SECRET,
}

# Columns of participant-data tables that hold no participant-written text or score.
NOT_PARTICIPANT_WRITTEN: dict[str, str] = {
    "users.role": "set by the system",
    "users.language": "a UI preference",
    "answers.module_id": "content identifier",
    "answers.exercise_id": "content identifier",
    "answers.kind": "content identifier",
    "section_reads.module_id": "content identifier",
    "feedback.target_kind": "content identifier",
    "feedback.target_id": "content or session identifier",
    "one_time_codes.purpose": "set by the system",
    "export_log.what": "set by the system",
    "export_log.detail": "set by the system (titles of what was exported)",
    "export_log.target_id": "an identifier",
}


def viewer(actor_id: int, author_id: int, *, staff: bool, peer: bool) -> str:
    """SELF, STAFF (facilitator of the author's cohort, or admin), PEER or NOBODY."""
    if actor_id == author_id:
        return SELF
    if staff:
        return STAFF
    return PEER if peer else NOBODY


def may_see_answer(who: str, kind: str, visibility: str) -> bool:
    """May this viewer see the content of an answer (or its commitment) of this kind?"""
    if who == SELF:
        return True
    if kind not in SHAREABLE_KINDS:
        return False
    if who == STAFF:
        return visibility in (FACILITATOR, COHORT)
    if who == PEER:
        return visibility == COHORT
    return False


def staff_may_see() -> ColumnElement[bool]:
    """SQL condition on Answer: rows whose content a facilitator of the cohort (or admin) may see."""
    return and_(Answer.kind.in_(SHAREABLE_KINDS), Answer.visibility.in_((FACILITATOR, COHORT)))


def peers_may_see() -> ColumnElement[bool]:
    """SQL condition on Answer: rows whose content the author's cohort peers may see."""
    return and_(Answer.kind.in_(SHAREABLE_KINDS), Answer.visibility == COHORT)


def group_large_enough(n: int, min_group: int) -> bool:
    """Aggregates of a group are shown only when at least min_group people contributed."""
    return n >= max(1, min_group)


def mean_if_group(values: Iterable[float], min_group: int) -> tuple[int, float | None]:
    """(n, mean) where the mean is None unless enough people contributed."""
    values = list(values)
    if not values or not group_large_enough(len(values), min_group):
        return len(values), None
    return len(values), sum(values) / len(values)


def who_can_see(audience: str, kind: str | None = None, visibility: str | None = None) -> str:
    """The i18n key that tells a participant who can see one item of their data."""
    if audience in (SHARED, BY_KIND):
        if kind is not None and kind not in SHAREABLE_KINDS:
            return "privacy.who.aggregate"
        return f"privacy.who.{visibility or PRIVATE}"
    return f"privacy.who.{audience}"
