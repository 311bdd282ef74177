"""One message per person: a member with two messengers gets each pushed message once, on
the preferred one while it is reachable, on the other after a 403 there."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select

from bot.events import Reply
from models import members, outbox
from models.members import MemberBase, MemberStatus
from models.outbox import OutboxMessage

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


async def _two_messengers(session: AsyncSession) -> int:
    member = await members.create_member(
        session, data=MemberBase(full_name="Siu Thu"), status=MemberStatus.ACTIVE
    )
    for channel, external in (("telegram", "555"), ("zalo", "z555")):
        identity = await members.touch_identity(
            session, channel=channel, external_id=external, chat_id=external, display_name=None
        )
        await members.link_identity(session, identity=identity, member_id=member.id or 0)
    await members.set_preferred_channel(session, member=member, channel="zalo")
    return member.id or 0


async def _announce(session: AsyncSession, member_id: int, key: str) -> list[str]:
    payload = await outbox.store_payload(session, reply=Reply(key))
    await outbox.enqueue_many(
        session,
        member_ids=[member_id],
        payload_id=payload,
        priority=outbox.PRIORITY_BULK,
        kind="announcement",
        dedupe_key=key,
    )
    rows = await session.execute(
        select(OutboxMessage.channel).where(col(OutboxMessage.dedupe_key) == key)
    )
    return [row[0] for row in rows.all()]


async def test_announcement_once_on_the_preferred_then_the_other_after_403(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session:
        member_id = await _two_messengers(session)
        assert await _announce(session, member_id, "a1") == ["zalo"]
        # What the sender does on a 403 from Zalo.
        await members.mark_unreachable(session, channel="zalo", chat_id="z555", reason="403")
        assert await _announce(session, member_id, "a2") == ["telegram"]
        queued = await outbox.enqueue(
            session,
            member_id=member_id,
            reply=Reply("approval"),
            priority=outbox.PRIORITY_NOTIFICATION,
            kind="notice",
        )
        assert queued == 1
        # Writing again from Zalo makes it reachable and preferred again.
        await members.touch_identity(
            session, channel="zalo", external_id="z555", chat_id="z555", display_name=None
        )
        assert await _announce(session, member_id, "a3") == ["zalo"]
