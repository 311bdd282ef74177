"""Database tables and the queries on them. All SQL of the project lives in this package."""

from models.announcements import Announcement, AnnouncementFile, Recipient
from models.attendance import AttendanceConfirmation
from models.audit import AuditEntry
from models.checkins import (
    CheckinAnswer,
    CheckinLeave,
    CheckinPerson,
    CheckinReply,
    CheckinRound,
)
from models.conversations import ConversationState
from models.days_off import DayOff
from models.feedback import Feedback
from models.file_links import FileLink, FileLinkContent
from models.invites import Invite
from models.leases import Lease
from models.linking import LinkCode
from models.members import ChannelIdentity, Member
from models.options import LastChoices, OptionToken
from models.organisations import Organisation
from models.outbox import OutboxMessage, OutboxPayload
from models.send_budget import SendBudget
from models.task_reminders import ReminderBasis, TaskEscalation, TaskReminder
from models.tasks import (
    Task,
    TaskAssignment,
    TaskDeadline,
    TaskGroup,
    TaskPlan,
    TaskStatusChange,
)
from models.teams import Team
from models.unit_changes import UnitChangeRequest
from models.villages import VillageCount
from models.webchat import WebchatMessage
from models.zalo_updates import ZaloSeenMessage

__all__ = [
    "Announcement",
    "AnnouncementFile",
    "AttendanceConfirmation",
    "AuditEntry",
    "ChannelIdentity",
    "CheckinAnswer",
    "CheckinLeave",
    "CheckinPerson",
    "CheckinReply",
    "CheckinRound",
    "ConversationState",
    "DayOff",
    "Feedback",
    "FileLink",
    "FileLinkContent",
    "Invite",
    "LastChoices",
    "Lease",
    "LinkCode",
    "Member",
    "OptionToken",
    "Organisation",
    "OutboxMessage",
    "OutboxPayload",
    "Recipient",
    "ReminderBasis",
    "SendBudget",
    "Task",
    "TaskAssignment",
    "TaskDeadline",
    "TaskEscalation",
    "TaskGroup",
    "TaskPlan",
    "TaskReminder",
    "TaskStatusChange",
    "Team",
    "UnitChangeRequest",
    "VillageCount",
    "WebchatMessage",
    "ZaloSeenMessage",
]
