"""One person, two messengers (/lienket): a registered member gets a one-time code here and
types it on the other messenger, which then uses the same record. Both sides are told."""

from __future__ import annotations

from bot.context import Context
from bot.events import Reply
from bot.router import ACCESS_ANYONE, Command, Feature
from bot.texts import linking as t
from bot.timefmt import show
from models import linking, members, outbox
from models.linking import LinkOutcome
from models.members import Member

# Linking codes and "linked" notices answer what the person just did: transactional, so
# they go at once, even in quiet hours (see DESIGN "Messages by kind").
TRANSACTIONAL = outbox.SENDING[outbox.MessageKind.TRANSACTIONAL]


def channel_name(channel: str) -> str:
    """The messenger's name as people know it."""
    return t.CHANNELS.get(channel, channel)


async def issue_here(ctx: Context, member: Member) -> None:
    """Give a registered member a code to type on the other messenger."""
    code, until = await linking.issue(
        ctx.session, member_id=member.id or 0, identity_id=ctx.identity.id or 0, now=ctx.now()
    )
    ctx.say(t.CODE_ISSUED.format(code=code, until=show(until, ctx.config.zone)))


async def send_code_to(ctx: Context, holder: Member) -> bool:
    """Send a fresh code to the holder of a phone number on a messenger the bot can reach
    (a second registration with the same number); tell whether it went out."""
    reachable = await outbox.reachable_identities(ctx.session, member_ids=[holder.id or 0])
    if not reachable:
        return False
    target = await members.get_identity_by_id(ctx.session, identity_id=reachable[0].id)
    if target is None:
        return False
    code, until = await linking.issue(
        ctx.session, member_id=holder.id or 0, identity_id=target.id or 0, now=ctx.now()
    )
    text = t.CODE_SENT_THERE.format(
        channel=channel_name(ctx.event.channel), code=code, until=show(until, ctx.config.zone)
    )
    queued = await outbox.enqueue_to_identity(
        ctx.session,
        identity=target,
        reply=Reply(text),
        priority=TRANSACTIONAL.priority,
        urgent=TRANSACTIONAL.through_quiet_hours,
        kind="link_code",
    )
    _wake(ctx)
    return queued > 0


def _wake(ctx: Context) -> None:
    if ctx.services.sender is not None:
        ctx.services.sender.wake()


async def redeem_here(ctx: Context, code: str, *, for_member_id: int | None = None) -> bool:
    """Check a code typed on this messenger, link on success and say what happened; tell
    whether the person should try again (a wrong code)."""
    result = await linking.redeem(
        ctx.session, identity=ctx.identity, code=code, now=ctx.now(), for_member_id=for_member_id
    )
    if result.outcome == LinkOutcome.LINKED and result.member is not None:
        ctx.member = result.member
        here = channel_name(ctx.event.channel)
        ctx.say(t.LINKED_HERE.format(channel=here, name=result.member.full_name))
        await _tell_issuer(ctx, result.issuer_identity_id, here)
        return False
    if result.outcome == LinkOutcome.WRONG:
        return True
    sentences = {
        LinkOutcome.ALREADY: t.ALREADY,
        LinkOutcome.TOO_MANY: t.TOO_MANY,
        LinkOutcome.OTHER_MEMBER: t.OTHER_MEMBER,
    }
    ctx.say(sentences[result.outcome])
    return False


async def _tell_issuer(ctx: Context, identity_id: int | None, here: str) -> None:
    if identity_id is None:
        return
    issuer = await members.get_identity_by_id(ctx.session, identity_id=identity_id)
    if issuer is None or issuer.id == ctx.identity.id:
        return
    await outbox.enqueue_to_identity(
        ctx.session,
        identity=issuer,
        reply=Reply(t.LINKED_THERE.format(channel=here)),
        priority=TRANSACTIONAL.priority,
        urgent=TRANSACTIONAL.through_quiet_hours,
        kind="link_done",
    )
    _wake(ctx)


async def command(ctx: Context) -> None:
    """/lienket: a code for a registered member; /lienket 123456 links this account."""
    typed = ctx.event.command_args
    if typed:
        if not linking.looks_like_code(typed):
            ctx.say(t.NOT_A_CODE)
        elif await redeem_here(ctx, typed):
            ctx.say(t.WRONG)
        return
    if linking.has_data(ctx.member) and ctx.member is not None:
        await issue_here(ctx, ctx.member)
    else:
        ctx.say(t.HOW_TO)


async def typed_code(ctx: Context) -> bool:
    """Six digits typed by someone not registered here: a linking code; tell whether it was."""
    if ctx.member is not None or not linking.looks_like_code(ctx.event.text):
        return False
    if await redeem_here(ctx, ctx.event.text):
        ctx.say(t.WRONG)
    return True


def setup() -> Feature:
    """Register /lienket and the six digits typed by an unregistered account."""
    return Feature(
        name="linking",
        commands=(Command("lienket", command, t.CMD, access=ACCESS_ANYONE),),
        typed=(typed_code,),
    )
