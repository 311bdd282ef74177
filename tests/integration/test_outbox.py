"""The outbox table: idempotent queueing, shared payloads, atomic claims, outcomes, leases."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from bot.events import Option, OutFile, Reply
from models import members, outbox, outbox_claims
from models.members import ChannelIdentity
from models.outbox import OutboxMessage, OutboxPayload, OutboxState
from models.outbox_claims import Outcome
from tests.utils.clock import FakeClock
from tests.utils.population import seed_members

CHAT_BASE = 700_000


async def _ids(sessions: async_sessionmaker[AsyncSession]) -> list[int]:
    async with sessions() as session:
        result = await session.execute(
            select(col(ChannelIdentity.member_id)).order_by(col(ChannelIdentity.id))
        )
        return [int(m) for m in result.scalars() if m is not None]


async def test_one_row_per_reachable_identity_and_never_twice(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await seed_members(sessions, count=2, chat_base=CHAT_BASE)
    first, second = await _ids(sessions)
    async with sessions() as session:
        web = await members.touch_identity(
            session, channel="webchat", external_id="w1", chat_id="w1", display_name=None
        )
        await members.link_identity(session, identity=web, member_id=first)
        await members.mark_unreachable(
            session, channel="telegram", chat_id=str(CHAT_BASE + 1), reason="blocked"
        )
        reply = Reply("Xin chào", (Option("Đã nhận", "ack:1"),))
        queued = await outbox.enqueue(
            session, member_id=first, reply=reply, priority=2, kind="t", dedupe_key="k"
        )
        again = await outbox.enqueue(
            session, member_id=first, reply=reply, priority=2, kind="t", dedupe_key="k"
        )
        unreachable = await outbox.enqueue(
            session, member_id=second, reply=reply, priority=2, kind="t", dedupe_key="k"
        )
        await session.commit()
    # One message per person: two reachable identities, one row (see reachable_identities).
    assert (queued, again, unreachable) == (1, 0, 0)


async def test_a_payload_is_stored_once_and_read_back_whole(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    photo = OutFile("anh.jpg", b"\xff\xd8jpeg-bytes", "image/jpeg")
    reply = Reply("Ảnh", (Option("Đã nhận", "ack:7"),), columns=2, image=photo)
    async with sessions() as session:
        first = await outbox.store_payload(session, reply=reply)
        second = await outbox.store_payload(session, reply=reply)
        other = await outbox.store_payload(session, reply=Reply("Khác"))
        await session.commit()
        count = (await session.execute(select(func.count()).select_from(OutboxPayload))).scalar()
        assert first == second != other
        assert count == 2
        assert await outbox.load_payload(session, payload_id=first) == reply


async def test_concurrent_claims_never_share_a_row(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=60, chat_base=CHAT_BASE)
    async with sessions() as session:
        payload = await outbox.store_payload(session, reply=Reply("x"))
        await outbox.enqueue_many(
            session,
            member_ids=await _ids(sessions),
            payload_id=payload,
            priority=2,
            kind="t",
            dedupe_key="bulk",
        )
        await session.commit()

    async def claim(worker: str) -> list[int]:
        taken: list[int] = []
        while True:
            async with sessions() as session:
                rows = await outbox_claims.claim(
                    session, now=clock(), worker=worker, channels=["telegram"], limit=7
                )
                await session.commit()
            if not rows:
                return taken
            taken.extend(row.id for row in rows)

    results = await asyncio.gather(*(claim(f"w{n}") for n in range(4)))
    everything = [row_id for taken in results for row_id in taken]
    assert len(everything) == 60
    assert len(set(everything)) == 60


async def test_claim_order_and_outcomes(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=3, chat_base=CHAT_BASE)
    ids = await _ids(sessions)
    async with sessions() as session:
        for member_id, priority in zip(ids, (2, 1, 0), strict=True):
            await outbox.enqueue(
                session, member_id=member_id, reply=Reply(f"p{priority}"), priority=priority,
                kind="t",
            )  # fmt: skip
        await session.commit()
        rows = await outbox_claims.claim(
            session, now=clock(), worker="w", channels=["telegram"], limit=9
        )
        await session.commit()
        assert [row.priority for row in rows] == [0, 1, 2]
        await outbox_claims.record(
            session,
            outcomes=[
                Outcome(rows[0].id, OutboxState.SENT, clock(), message_id="55"),
                Outcome(rows[1].id, OutboxState.FAILED, clock(), reason="Bad Request"),
                Outcome(rows[2].id, OutboxState.QUEUED, clock(), reason="429", attempts=0),
            ],
        )
        await session.commit()
        stored = {row.id: row for row in (await session.execute(select(OutboxMessage))).scalars()}
    sent = stored[rows[0].id]
    assert (sent.state, sent.message_id, sent.sent_at) == (OutboxState.SENT, "55", clock())
    assert (stored[rows[1].id].state, stored[rows[1].id].last_error) == ("failed", "Bad Request")
    assert stored[rows[2].id].state == OutboxState.QUEUED
    assert stored[rows[2].id].claimed_by is None


async def test_cancel_withdraws_only_waiting_rows(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=2, chat_base=CHAT_BASE)
    ids = await _ids(sessions)
    async with sessions() as session:
        for member_id in ids:
            await outbox.enqueue(
                session, member_id=member_id, reply=Reply("x"), priority=2, kind="t",
                dedupe_key="ann:1",
            )  # fmt: skip
        await session.commit()
        await outbox_claims.claim(session, now=clock(), worker="w", channels=["telegram"], limit=1)
        await session.commit()
        assert await outbox.cancel(session, dedupe_key="ann:1") == 1
        await session.commit()
        assert await outbox.pending_count(session) == 1
