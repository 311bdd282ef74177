"""Every conversation of the bot, written once for all channels.

Each feature module exposes `setup() -> Feature`; this is the one place that
decides which features exist and in which order their commands are listed.
"""

from bot.router import Feature, Router
from handlers import common, feedback


def features() -> list[Feature]:
    """All features, in menu order."""
    return [common.setup(), feedback.setup()]


def build_router() -> Router:
    """The router over every feature."""
    return Router(features())
