"""Releasing an announcement: the audience is streamed in batches with a cursor, a release
cut short resumes where it stopped, and nobody is queued twice."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.context import Services
from jobs import announcements as announcement_jobs
from jobs.context import JobContext
from models import announcements, audience, members, releases
from models.announcements import AnnouncementState, Recipient
from models.audience import Audience
from models.outbox import OutboxMessage
from models.scopes import PROVINCE
from tests.conftest import make_config
from tests.utils.clock import FakeClock
from tests.utils.population import Unit, announce, make_admin, seed_members


def _context(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> JobContext:
    config = make_config("sqlite+aiosqlite://")
    return JobContext(sessions=sessions, services=Services(config=config, clock=clock))


async def _count(sessions: async_sessionmaker[AsyncSession], table: type) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count()).select_from(table))).scalar_one())


async def test_release_in_batches_resumes_and_never_queues_twice(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=23, chat_base=100)
    author = await make_admin(sessions)
    row = await announce(sessions, author_member_id=author, now=clock())
    assert row.id is not None
    context = _context(sessions, clock)

    async with sessions() as session:  # a process that stopped after one batch
        fresh = await announcements.get(session, announcement_id=row.id)
        assert fresh is not None
        await announcement_jobs._start(session, fresh, context)
        catalog = context.services.config.units.catalog
        await releases.next_batch(
            session, row=fresh, scope=PROVINCE, catalog=catalog, batch_size=10, now=clock()
        )
        await session.commit()
        assert (fresh.state, fresh.recipients) == (AnnouncementState.RELEASING, 10)

    added = await announcement_jobs.release(context, announcement_id=row.id, batch_size=7)
    assert added == 14  # 13 more members and the admin; the first 10 not again
    assert await _count(sessions, Recipient) == 24
    assert await _count(sessions, OutboxMessage) == 23  # the admin has no messenger
    assert await announcement_jobs.release(context, announcement_id=row.id) == 0
    async with sessions() as session:
        done = await announcements.get(session, announcement_id=row.id)
        assert done is not None and done.state == AnnouncementState.SENT
        assert done.recipients == 24
        [admin_row] = (
            await session.execute(select(Recipient).where(Recipient.member_id == author))
        ).scalars()
        assert not admin_row.reached


async def test_the_audience_is_read_a_batch_at_a_time(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await seed_members(
        sessions,
        count=30,
        chat_base=100,
        units=(Unit("2024", "23767"), Unit("2024", "622"), Unit("2024", "24000")),
    )
    spec = Audience(catalog="2024", units=("628",))  # Ia Grai: its commune Ia Sao only
    async with sessions() as session:
        counted = await audience.count(session, audience=spec, scope=PROVINCE)
        first = await audience.batch(session, audience=spec, scope=PROVINCE, after_id=0, limit=4)
        rest = await audience.batch(
            session, audience=spec, scope=PROVINCE, after_id=first[-1].member_id, limit=100
        )
    assert counted.members == 10
    assert counted.by_channel == {"telegram": 10}
    assert len(first) == 4 and len(rest) == 6
    assert {p.unit_code for p in first + rest} == {"23767"}


async def test_an_announcement_of_someone_no_longer_coordinator_is_cancelled(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=3, chat_base=100)
    author = await make_admin(sessions)
    row = await announce(sessions, author_member_id=author, now=clock())
    async with sessions() as session:
        member = await members.get_member(session, member_id=author)
        assert member is not None
        await members.set_role(session, member=member, role=members.Role.MEMBER)
        await session.commit()
    assert await announcement_jobs.release_due(_context(sessions, clock)) == 0
    async with sessions() as session:
        fresh = await announcements.get(session, announcement_id=row.id or 0)
        assert fresh is not None and fresh.state == AnnouncementState.CANCELLED
    assert await _count(sessions, OutboxMessage) == 0
