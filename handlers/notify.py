"""Messages to other people than the one writing (coordinators, the person approved): all go
through the outbox, which sends them within the channels' rate limits. Most are answers to
something a person just did (transactional): they go at once, even during quiet hours."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.events import Reply
from models import members, outbox
from models.members import MemberStatus
from models.outbox import SENDING, MessageKind
from models.quiet_hours import goes_out_at


async def notify_member(
    ctx_or_session: Context | AsyncSession,
    member_id: int,
    reply: Reply,
    kind: str,
    *,
    dedupe_key: str | None = None,
    message: MessageKind = MessageKind.TRANSACTIONAL,
) -> int:
    """Queue a message for a member (nothing for an erased member); return how many of
    their messenger identities it was queued for (0: the bot cannot reach them)."""
    session = ctx_or_session.session if isinstance(ctx_or_session, Context) else ctx_or_session
    member = await members.get_member(session, member_id=member_id)
    if member is None or member.status == MemberStatus.DELETED:
        return 0
    sending = SENDING[message]
    return await outbox.enqueue(
        session,
        member_id=member_id,
        reply=reply,
        priority=sending.priority,
        kind=kind,
        dedupe_key=dedupe_key,
        urgent=sending.through_quiet_hours,
    )


def real_send_time(
    ctx: Context, moment: datetime, *, message: MessageKind, urgent: bool = False
) -> datetime:
    """When a message of this kind due at `moment` really goes, given the quiet hours."""
    quiet = ctx.config.quiet_hours
    return goes_out_at(
        moment,
        zone=ctx.config.zone,
        start=quiet.start,
        end=quiet.end,
        through_quiet_hours=urgent or SENDING[message].through_quiet_hours,
    )
