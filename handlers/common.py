"""Commands everyone has: /start, /help, /huy."""

from bot.context import Context
from bot.router import Command, Feature
from bot.texts import common as t
from handlers.registration import flow as registration
from models import conversations
from models.members import MemberStatus


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
    else:
        await ctx.show_menu(t.WELCOME_MEMBER.format(name=member.full_name))


async def help_command(ctx: Context) -> None:
    """List the commands for the person's role."""
    await ctx.show_menu()


async def cancel(ctx: Context) -> None:
    """Answer /huy when no conversation is open (the engine handles it inside one)."""
    await conversations.clear(
        ctx.session, channel=ctx.event.channel, external_id=ctx.event.external_id
    )
    await ctx.show_menu(t.NOTHING_TO_CANCEL)


def setup() -> Feature:
    """Register the common commands."""
    return Feature(
        name="common",
        commands=(
            Command("start", start, t.CMD_START),
            Command("help", help_command, t.CMD_HELP),
            Command("huy", cancel, t.CMD_CANCEL),
        ),
    )
