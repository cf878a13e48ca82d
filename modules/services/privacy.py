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

PRIVATE, GROUP, FACILITATOR, COHORT = "private", "group", "facilitator", "cohort"
VISIBILITIES = (PRIVATE, GROUP, FACILITATOR, COHORT)
DEFAULT_VISIBILITY = PRIVATE

# Kinds of answer whose content the participant may share (by visibility).
SHAREABLE_KINDS = ("reflection", "planner", "checklist", "commitment")
# Kinds whose results are never shown individually to anyone but the author.
AGGREGATE_ONLY_KINDS = ("self_assessment", "knowledge_check", "scenario")

# Who is looking, relative to the data's author.
SELF, PEER, STAFF, NOBODY = "self", "peer", "staff", "nobody"
GROUP_PEER = "group_peer"  # a member of the author's learning group (also a cohort peer)

# --- audiences: what each kind of stored data may reach -------------------------------------
SHARED = "shared"  # content per the answer's visibility (shareable kinds only)
BY_KIND = "by_kind"  # answers.data: SHARED for shareable kinds, AGGREGATE for the others
AGGREGATE = "aggregate"  # individual values only to the author; staff see group figures, n >= MIN
FEEDBACK = "feedback"  # author; staff without names where the target has n >= MIN
STATUS = "status"  # completion status: author and staff, always
GROUP_LOG = "group_log"  # the author's learning group; staff only where shared with the facilitator
LIVE = "live"  # a live-activity answer: its author; staff and the projector see counts only
WALL = "wall"  # a reply on the cohort wall: the cohort and its staff, unless the facilitator hid it
CONTACT = "contact"  # who the person is (name, e-mail): author and staff; peers see the name on shared answers
SECRET = "secret"  # nobody (hashes, tokens)
AUDIENCES = (SHARED, BY_KIND, AGGREGATE, FEEDBACK, STATUS, GROUP_LOG, WALL, LIVE, CONTACT, SECRET)

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
    "outbox.to_address": CONTACT,
    "learning_group_logs.text": GROUP_LOG,
    "learning_group_logs.visibility": STATUS,
    "wall_replies.text": WALL,
    "auth_devices.token_hash": SECRET,
    "auth_sessions.handoff_hash": SECRET,
    "enrolments.invite_code": CONTACT,
    "recall_answers.answers": AGGREGATE,
    "recall_answers.correct": AGGREGATE,
    "recall_answers.total": AGGREGATE,
    "practice_followups.answers": AGGREGATE,
    "live_answers.value": LIVE,
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
    "enrolments.department": "from the facilitator's roster (used to mix learning groups)",
    "outbox.kind": "set by the system",
    "outbox.dedupe_key": "set by the system",
    "outbox.language": "a UI preference",
    "outbox.subject": "written from the catalogs",
    "outbox.body_text": "written from the catalogs; a nudge carries the facilitator's own line",
    "outbox.body_html": "written from the catalogs; a nudge carries the facilitator's own line",
    "outbox.attachment_name": "set by the system",
    "outbox.status": "set by the system",
    "outbox.attempts": "set by the system",
    "outbox.claim": "set by the system",
    "outbox.last_error": "the SMTP server's answer",
    "learning_group_logs.module_id": "content identifier",
    "calendar_feeds.token": "set by the system: the cohort's subscription address, shown to its members and staff",
    "recall_answers.module_id": "content identifier",
    "recall_answers.round": "set by the system",
    "live_activities.kind": "written by the facilitator",
    "live_activities.question": "written by the facilitator",
    "live_activities.options": "written by the facilitator",
    "live_activities.status": "set by the system",
    "role_assignments.role": "drawn by the system among those present; shown to the cohort",
    "users.reset_by_name": "set by the system: the staff member who reset the password (shown to the account's owner)",
}


def viewer(actor_id: int, author_id: int, *, staff: bool, peer: bool, group_peer: bool = False) -> str:
    """SELF, STAFF (facilitator of the author's cohort, or admin), GROUP_PEER, PEER or NOBODY."""
    if actor_id == author_id:
        return SELF
    if staff:
        return STAFF
    if group_peer:
        return GROUP_PEER
    return PEER if peer else NOBODY


def may_see_answer(who: str, kind: str, visibility: str) -> bool:
    """May this viewer see the content of an answer (or its commitment) of this kind?"""
    if who == SELF:
        return True
    if kind not in SHAREABLE_KINDS:
        return False
    if who == STAFF:
        return visibility in (FACILITATOR, COHORT)
    if who == GROUP_PEER:
        return visibility in (GROUP, COHORT)
    if who == PEER:
        return visibility == COHORT
    return False


def may_see_group_log(who: str, visibility: str) -> bool:
    """A learning group's log: the group always; staff only where shared with the facilitator."""
    if who in (SELF, GROUP_PEER):
        return True
    return who == STAFF and visibility == FACILITATOR


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
