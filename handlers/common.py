"""Commands everyone has: /start, /help, /huy; and asking a nameless admin's name once."""

from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Step, Turn
from bot.events import Option, Reply
from bot.router import Command, Feature
from bot.texts import admin as at
from bot.texts import common as t
from handlers import person_answers
from handlers.registration import flow as registration
from models import conversations, registrations
from models.members import Member, MemberStatus
from models.validators import InvalidInput, normalize_full_name
from rendering.members import has_placeholder_name

NAME_FLOW = "own_name"
DISPLAY_NAME = "display"


def _display_name(ctx: Context) -> str | None:
    """The account's name on the messenger, if it reads as a full name."""
    try:
        return normalize_full_name(ctx.identity.display_name or "")
    except InvalidInput:
        return None


async def ask_own_name(turn: Turn) -> Reply:
    """Ask an admin or coordinator created from the command line for their full name."""
    member = turn.ctx.member
    role = at.ROLE_NAMES.get(member.role, member.role) if member else ""
    options: tuple[Option, ...] = ()
    suggested = _display_name(turn.ctx)
    if suggested:
        options = (Option(t.USE_DISPLAY_NAME.format(name=suggested), DISPLAY_NAME),)
    return Reply(t.ASK_OWN_NAME.format(role=role), options)


async def read_own_name(turn: Turn) -> Outcome:
    """Store the name, then greet the person by it."""
    ctx = turn.ctx
    suggested = _display_name(ctx) if turn.value == DISPLAY_NAME else None
    name = suggested or person_answers.full_name(turn)
    if not isinstance(name, str):
        return name
    if ctx.member is not None:
        await registrations.update_profile(
            ctx.session, member=ctx.member, now=ctx.now(), full_name=name
        )
    await ctx.show_menu(t.WELCOME_MEMBER.format(name=name))
    return Done()


async def start(ctx: Context) -> None:
    """Greet the person according to who they are."""
    if ctx.event.command_args:
        await registration.start_with_invite(ctx, ctx.event.command_args)
        return
    member = ctx.member
    if member is None:
        await ctx.show_menu(t.WELCOME_GUEST)
    elif member.status == MemberStatus.PENDING:
        ctx.say(t.WELCOME_PENDING.format(name=member.full_name))
    elif _needs_name(member):
        await ctx.start_flow(NAME_FLOW)
    else:
        await ctx.show_menu(t.WELCOME_MEMBER.format(name=member.full_name))


def _needs_name(member: Member) -> bool:
    return member.status == MemberStatus.ACTIVE and has_placeholder_name(member)


async def help_command(ctx: Context) -> None:
    """List the commands for the person's role."""
    await ctx.show_menu()


async def cancel(ctx: Context) -> None:
    """Answer /huy when no conversation is open (the engine handles it inside one)."""
    await conversations.clear(
        ctx.session, channel=ctx.event.channel, external_id=ctx.event.external_id
    )
    await ctx.show_menu(t.NOTHING_TO_CANCEL)


OWN_NAME = Flow(
    name=NAME_FLOW,
    title=t.OWN_NAME_TITLE,
    steps=(Step("name", ask_own_name, read_own_name),),
)


def setup() -> Feature:
    """Register the common commands."""
    return Feature(
        name="common",
        commands=(
            Command("start", start, t.CMD_START),
            Command("help", help_command, t.CMD_HELP),
            Command("huy", cancel, t.CMD_CANCEL),
        ),
        flows=(OWN_NAME,),
    )
