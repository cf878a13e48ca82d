"""SQLAlchemy models, one file per area. Every table belongs to the migrations in
modules/db/migrations; importing this package registers them all on Base.metadata."""

from modules.db.models.base import NAMING, Base, utcnow
from modules.db.models.contentapp import PracticeFollowup, RecallAnswer
from modules.db.models.distance import CalendarFeed, MailPreference, OutboxMessage, SessionPrep, SessionRevision
from modules.db.models.foundation import (
    Attempt,
    AuthDevice,
    AuthSession,
    Cohort,
    CohortFacilitator,
    Enrolment,
    OneTimeCode,
    Organisation,
    OrgMember,
    User,
)
from modules.db.models.groups import GroupLogEntry, LearningGroup, LearningGroupMember, WallHidden, WallReply
from modules.db.models.journey import (
    Answer,
    Attendance,
    CohortSession,
    Commitment,
    ExportLog,
    Feedback,
    PlanItem,
    SectionRead,
)
from modules.db.models.live import LiveActivity, LiveAnswer, MeetingRoleList, RoleAssignment

__all__ = [
    "Answer",
    "Attempt",
    "Attendance",
    "AuthDevice",
    "AuthSession",
    "Base",
    "CalendarFeed",
    "Cohort",
    "CohortFacilitator",
    "CohortSession",
    "Commitment",
    "Enrolment",
    "ExportLog",
    "Feedback",
    "GroupLogEntry",
    "LearningGroup",
    "LearningGroupMember",
    "LiveActivity",
    "LiveAnswer",
    "MailPreference",
    "MeetingRoleList",
    "NAMING",
    "OneTimeCode",
    "OrgMember",
    "Organisation",
    "OutboxMessage",
    "PlanItem",
    "PracticeFollowup",
    "RecallAnswer",
    "RoleAssignment",
    "SectionRead",
    "SessionPrep",
    "SessionRevision",
    "User",
    "WallHidden",
    "WallReply",
    "utcnow",
]
