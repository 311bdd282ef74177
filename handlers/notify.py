"""Messages to other people than the one writing (coordinators, the person approved): all go
through the outbox, which sends them within the channels' rate limits."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import Context
from bot.events import Reply
from models import members, outbox
from models.members import MemberStatus

NOTIFICATION_PRIORITY = 1


async def notify_member(
    ctx_or_session: Context | AsyncSession,
    member_id: int,
    reply: Reply,
    kind: str,
    *,
    dedupe_key: str | None = None,
) -> None:
    """Queue a message for a member (nothing for an erased member)."""
    session = ctx_or_session.session if isinstance(ctx_or_session, Context) else ctx_or_session
    member = await members.get_member(session, member_id=member_id)
    if member is None or member.status == MemberStatus.DELETED:
        return
    await outbox.enqueue(
        session,
        member_id=member_id,
        reply=reply,
        priority=NOTIFICATION_PRIORITY,
        kind=kind,
        dedupe_key=dedupe_key,
    )
