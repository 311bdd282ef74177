"""Database tables and the queries on them. All SQL of the project lives in this package."""

from models.audit import AuditEntry
from models.conversations import ConversationState
from models.feedback import Feedback
from models.members import ChannelIdentity, Member
from models.options import OptionToken
from models.webchat import WebchatMessage

__all__ = [
    "AuditEntry",
    "ChannelIdentity",
    "ConversationState",
    "Feedback",
    "Member",
    "OptionToken",
    "WebchatMessage",
]
