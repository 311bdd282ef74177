"""Every conversation of the bot, written once for all channels.

Each feature module exposes `setup() -> Feature`; this is the one place that
decides which features exist and in which order their commands are listed.
"""

from bot.router import Feature, Router
from handlers import (
    broadcast,
    common,
    feedback,
    invites,
    membership_admin,
    profile,
    registration,
    teams,
)


def features() -> list[Feature]:
    """All features, in menu order."""
    return [
        common.setup(),
        registration.setup(),
        teams.setup(),
        profile.setup(),
        membership_admin.setup(),
        invites.setup(),
        broadcast.setup(),
        feedback.setup(),
    ]


def build_router() -> Router:
    """The router over every feature."""
    return Router(features())
