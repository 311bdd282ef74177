"""Every conversation of the bot, written once for all channels.

Each feature (a module, or a subpackage for the larger ones) exposes
`setup() -> Feature`; this is the one place that decides which features exist and
in which order their commands are listed. Modules used by several features
(unit_picker, notify, person_answers) sit at this level; what a message looks like is
built in rendering/, the rules and the state changes are in models/.
"""

from bot.router import Feature, Router
from handlers import common, feedback, linking, profile
from handlers.broadcast import compose as broadcast
from handlers.checkins import commands as checkins
from handlers.invites import commands as invites
from handlers.membership import admin as membership
from handlers.registration import flow as registration
from handlers.targets import overview as targets
from handlers.tasks import commands as tasks
from handlers.teams import registry as teams


def features() -> list[Feature]:
    """All features, in menu order."""
    return [
        common.setup(),
        registration.setup(),
        teams.setup(),
        profile.setup(),
        linking.setup(),
        membership.setup(),
        invites.setup(),
        broadcast.setup(),
        tasks.setup(),
        checkins.setup(),
        targets.setup(),
        feedback.setup(),
    ]


def build_router() -> Router:
    """The router over every feature."""
    return Router(features())
