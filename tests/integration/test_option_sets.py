"""Option sets in the database: numbering, the last set per account, and forgetting it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import options
from tests.utils.clock import FakeClock

Sessions = async_sessionmaker[AsyncSession]
MENU = [("Hồ sơ", "cmd:hoso"), ("Góp ý", "cmd:gopy")]


async def _last(sessions: Sessions, person: str) -> options.ShownSet | None:
    async with sessions() as session:
        return await options.last_shown(session, channel="webchat", external_id=person)


async def test_the_last_set_is_per_account_and_numbered(
    sessions: Sessions, clock: FakeClock
) -> None:
    async with sessions() as session:
        await options.issue_set(
            session, channel="webchat", external_id="xa", options=MENU, scope=None,
            heading="Các lệnh:\n/hoso", columns=2, now=clock(),
        )  # fmt: skip
        await options.issue_set(
            session, channel="webchat", external_id="xa", options=[("Đã nhận", "ack:1")],
            scope=None, heading="📢 THÔNG BÁO: Họp", now=clock(),
        )  # fmt: skip
        await session.commit()
    shown = await _last(sessions, "xa")
    assert shown is not None
    assert (shown.heading, shown.columns, shown.question_after) == ("📢 THÔNG BÁO: Họp", 1, False)
    assert [(o.number, o.label, o.value) for o in shown.options] == [(1, "Đã nhận", "ack:1")]
    assert shown.labelled("da nhan") == shown.numbered(1)
    assert await _last(sessions, "totruong") is None

    async with sessions() as session:  # a conversation's question comes after it
        await options.issue_set(
            session, channel="webchat", external_id="xa", options=MENU, scope="feedback:7",
            now=clock(),
        )  # fmt: skip
        await session.commit()
    shown = await _last(sessions, "xa")
    assert shown is not None and shown.question_after
    assert [o.value for o in shown.options] == ["ack:1"]


async def test_forgetting_and_purging(sessions: Sessions, clock: FakeClock) -> None:
    async with sessions() as session:
        for person in ("xa", "totruong"):
            await options.issue_set(
                session, channel="webchat", external_id=person, options=MENU, scope=None,
                now=clock(),
            )  # fmt: skip
        await session.commit()
    async with sessions() as session:
        await options.forget(session, channel="webchat", external_id="xa")
        await session.commit()
    assert await _last(sessions, "xa") is None
    assert await _last(sessions, "totruong") is not None
    async with sessions() as session:
        await options.purge_older_than(session, before=clock() + timedelta(seconds=1))
        await session.commit()
    assert await _last(sessions, "totruong") is None
