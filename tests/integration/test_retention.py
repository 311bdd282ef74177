"""Retention: finished outbox rows, unused message bodies and announcement files older than
the configured age are purged in batches by the housekeeping job, and the report of an
announcement (/tinhhinh) shows the same figures afterwards."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from bot.app import BotApp
from bot.context import Services
from jobs import announcements as announcement_jobs
from jobs import housekeeping
from jobs.context import JobContext
from models import announcement_reports, announcements
from models.announcements import AnnouncementFile
from models.members import ChannelIdentity, Member
from models.outbox import OutboxMessage, OutboxState
from tests.conftest import make_config
from tests.integration.composing import compose
from tests.utils.broadcasting import deliver_all
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock
from tests.utils.population import announce, make_admin, seed_members

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


async def _count(sessions: async_sessionmaker[AsyncSession], table: type, *where: object) -> int:
    async with sessions() as session:
        query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
        return int((await session.execute(query)).scalar_one())


async def _newest_row(sessions: async_sessionmaker[AsyncSession]) -> datetime:
    """Rows are stamped when written; the tests set the fake clock from them."""
    async with sessions() as session:
        newest = (await session.execute(select(func.max(OutboxMessage.created_at)))).scalar_one()
    assert newest is not None
    return newest


async def _report(chat: ChatDriver) -> tuple[str, str]:
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    report = chat.text("huyen")
    await chat.press("huyen", "Ai chưa xác nhận")
    return report, chat.text("huyen")


async def test_the_report_shows_the_same_figures_after_the_purge(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await compose(chat, "huyen")
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)
    async with app.sessions() as session:  # one message was refused by the messenger
        first = (
            (await session.execute(select(OutboxMessage).order_by(col(OutboxMessage.id))))
            .scalars()
            .first()
        )
        assert first is not None
        first.state = OutboxState.FAILED
        await session.commit()
    before = await _report(chat)
    assert "✅ Đã gửi: 2 · ⏳ Đang chờ gửi: 0 · ❌ Lỗi: 1 · 🚫 Không liên lạc được: 0" in before[0]
    rows = await _count(app.sessions, OutboxMessage)
    assert rows == 3

    clock.current = await _newest_row(app.sessions) + timedelta(days=179)
    assert await housekeeping.purge_old(app.job_context) == housekeeping.Purged()
    assert await _count(app.sessions, OutboxMessage) == rows

    clock.current = await _newest_row(app.sessions) + timedelta(days=181)
    purged = await housekeeping.purge_old(app.job_context, batch=2)
    assert purged.outbox == rows
    assert purged.payloads >= 1
    assert await _count(app.sessions, OutboxMessage) == 0
    after = await _report(chat)
    assert after == before


async def test_kept_delivery_adds_up_over_batches_and_queued_rows_stay(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    # 4 members, each with two messenger identities: 8 rows, purged one at a time
    await seed_members(sessions, count=4, chat_base=100)
    async with sessions() as session:  # and the same 4 members on the web chat
        member_ids = list((await session.execute(select(Member.id).order_by(Member.id))).scalars())
        for number, member_id in enumerate(member_ids):
            session.add(
                ChannelIdentity(
                    channel="webchat", external_id=f"w{number}", chat_id=f"w{number}",
                    member_id=member_id, reachable=True,
                )
            )  # fmt: skip
        await session.commit()
    author = await make_admin(sessions)
    row = await announce(sessions, author_member_id=author, now=clock())
    assert row.id is not None
    context = JobContext(
        sessions=sessions,
        services=Services(config=make_config("sqlite+aiosqlite://"), clock=clock),
    )
    await announcement_jobs.release(context, announcement_id=row.id)
    async with sessions() as session:
        # One row per person goes to the preferred messenger; a second row per member
        # stands for the fallback send on the other messenger after a failure.
        first_rows = list(
            (await session.execute(select(OutboxMessage).order_by(col(OutboxMessage.id))))
            .scalars()
            .all()
        )
        assert len(first_rows) == 4
        identities = list((await session.execute(select(ChannelIdentity))).scalars().all())
        for original in first_rows:
            [other] = [
                identity
                for identity in identities
                if identity.member_id == original.member_id and identity.id != original.identity_id
            ]
            values = original.model_dump(exclude={"id"})
            values.update(identity_id=other.id, channel=other.channel, chat_id=other.chat_id)
            session.add(OutboxMessage(**values))
        await session.commit()
    async with sessions() as session:
        ids = list(
            (
                await session.execute(select(OutboxMessage.id).order_by(col(OutboxMessage.id)))
            ).scalars()
        )
        # rows: members 1-4 on their preferred messenger, then members 1-4 on the other one
        states = [
            OutboxState.FAILED,  # member 1 (sent on the web chat)
            OutboxState.UNREACHABLE,  # member 2 (failed on the web chat)
            OutboxState.SENT,  # member 3
            OutboxState.QUEUED,  # member 4: still waiting, never purged
            OutboxState.SENT,  # member 1
            OutboxState.FAILED,  # member 2
            OutboxState.CANCELLED,  # member 3: withdrawn
            OutboxState.UNREACHABLE,  # member 4
        ]
        assert len(ids) == len(states)
        for row_id, state in zip(ids, states, strict=True):
            await session.execute(
                update(OutboxMessage).where(col(OutboxMessage.id) == row_id).values(state=state)
            )
        await session.commit()

    async def tallies() -> tuple[dict[str, int], dict[str, dict[str | None, int]]]:
        async with sessions() as session:
            by_unit = await announcement_reports.tally_by_unit(
                session, announcement_id=row.id or 0, dedupe_key=row.dedupe_key
            )
        total = announcement_reports.Tally()
        for tally in by_unit.values():
            total.add(tally)
        return total.delivery, total.channels

    before = await tallies()
    assert before[0] == {"sent": 2, "queued": 1, "failed": 1, "unreachable": 1}  # + the admin
    # The messenger of the row that decides each state; none for the admin (no messenger).
    assert before[1] == {
        "sent": {"webchat": 1, "telegram": 1},  # members 1 and 3
        "queued": {"webchat": 1},  # member 4: the waiting row, not the unreachable one
        "failed": {"telegram": 1},  # member 2: the failed row wins over the unreachable one
        "unreachable": {None: 1},
    }
    clock.current = await _newest_row(sessions) + timedelta(days=200)
    purged = await housekeeping.purge_old(context, batch=1)
    assert purged.outbox == 7
    assert await _count(sessions, OutboxMessage) == 1
    assert await tallies() == before


async def test_old_files_go_unless_an_announcement_still_needs_them(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    author = await make_admin(sessions)
    async with sessions() as session:
        abandoned = await announcements.save_file(
            session, kind="photo", filename="a.jpg", mime_type="image/jpeg", content=b"x" * 10,
            uploaded_by=author,
        )  # fmt: skip
        needed = await announcements.save_file(
            session, kind="photo", filename="b.jpg", mime_type="image/jpeg", content=b"y" * 10,
            uploaded_by=author,
        )  # fmt: skip
        sent_with = await announcements.save_file(
            session, kind="photo", filename="c.jpg", mime_type="image/jpeg", content=b"z" * 10,
            uploaded_by=author,
        )  # fmt: skip
        await session.commit()
        newest = (await session.execute(select(func.max(AnnouncementFile.created_at)))).scalar()
    assert newest is not None
    later = await announce(
        sessions, author_member_id=author, now=newest + timedelta(days=400), attachment_id=needed
    )
    done = await announce(sessions, author_member_id=author, now=newest, attachment_id=sent_with)
    async with sessions() as session:
        await session.execute(
            update(announcements.Announcement)
            .where(col(announcements.Announcement.id) == done.id)
            .values(state=announcements.AnnouncementState.SENT)
        )
        await session.commit()
    context = JobContext(
        sessions=sessions,
        services=Services(
            config=make_config("sqlite+aiosqlite://", retention={"attachment_days": 30}),
            clock=clock,
        ),
    )
    clock.current = newest + timedelta(days=29)
    assert (await housekeeping.purge_old(context)).files == 0
    clock.current = newest + timedelta(days=31)
    assert (await housekeeping.purge_old(context)).files == 2
    async with sessions() as session:
        assert await announcements.get_file(session, file_id=abandoned) is None
        assert await announcements.get_file(session, file_id=sent_with) is None
        assert await announcements.get_file(session, file_id=needed) is not None
        kept = await announcements.get(session, announcement_id=later.id or 0)
        gone = await announcements.get(session, announcement_id=done.id or 0)
        assert kept is not None and kept.attachment_id == needed
        assert gone is not None and gone.attachment_id is None


async def test_zero_days_keeps_everything(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await seed_members(sessions, count=2, chat_base=100)
    author = await make_admin(sessions)
    row = await announce(sessions, author_member_id=author, now=clock())
    config = make_config("sqlite+aiosqlite://", retention={"outbox_days": 0, "attachment_days": 0})
    context = JobContext(sessions=sessions, services=Services(config=config, clock=clock))
    await announcement_jobs.release(context, announcement_id=row.id or 0)
    async with sessions() as session:
        await session.execute(update(OutboxMessage).values(state=OutboxState.SENT))
        await session.commit()
    clock.current = await _newest_row(sessions) + timedelta(days=5000)
    assert await housekeeping.purge_old(context) == housekeeping.Purged()
    assert await _count(sessions, OutboxMessage) == 2
