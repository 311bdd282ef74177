"""Quiet hours hold what can wait and nothing else: approval requests and decisions (answers
to something a person just did) go at once, bulk broadcasts and reminders wait, and whoever
caused a held message is told when it will really go."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot import broadcast_cli, demo
from bot.app import BotApp
from models.engine import create_engine, session_factory
from models.outbox import OutboxMessage, OutboxState
from tests.conftest import make_config
from tests.integration.composing import compose
from tests.integration.registering import member_of, register
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

AT_05_06 = datetime(2026, 3, 1, 22, 6, tzinfo=UTC)  # 05:06 on 02/03/2026 in Gia Lai


def _texts(received: list[object]) -> list[str]:
    return [getattr(r, "text", "") for r in received]


async def test_approvals_go_at_once_while_a_broadcast_waits(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    clock.current = AT_05_06
    await register(chat, "khach")
    await deliver_all(app)
    requests = [t for t in _texts(await inbox(app, "huyen")) if "Đăng ký mới chờ duyệt" in t]
    assert len(requests) == 1  # the coordinator has it at 05:06, not at 06:30

    await chat.send("huyen", "/choduyet")
    await chat.press("huyen", "Duyệt")
    assert "Đã duyệt Nguyễn Văn Bình" in chat.text("huyen")
    assert "đã gửi thông báo cho người đăng ký" in chat.text("huyen")
    await deliver_all(app)
    assert any("đã được duyệt" in t for t in _texts(await inbox(app, "khach")))

    await compose(chat, "so", kind="Thông báo chung", when=None)
    await chat.press("so", "Gửi ngay")
    assert "sẽ gửi lúc 06:30" in chat.text("so")
    await deliver_all(app)
    assert not any("THÔNG BÁO" in t for t in _texts(await inbox(app, "xa")))
    clock.current = datetime(2026, 3, 1, 23, 31, tzinfo=UTC)  # 06:31
    await deliver_all(app)
    assert any("THÔNG BÁO" in t for t in _texts(await inbox(app, "xa")))


async def test_a_rejection_goes_at_once(app: BotApp, chat: ChatDriver, clock: FakeClock) -> None:
    clock.current = AT_05_06
    await register(chat, "khach")
    await chat.send("so", "/choduyet")
    await chat.press("so", "Từ chối")
    await chat.send("so", "Không đúng xã đang công tác")
    assert "đã gửi thông báo cho người đăng ký" in chat.text("so")
    await deliver_all(app)
    assert any("Không đúng xã đang công tác" in t for t in _texts(await inbox(app, "khach")))


async def test_a_request_already_decided_when_it_would_go_is_dropped(
    app: BotApp, chat: ChatDriver
) -> None:
    await app.sender.stop()  # the requests wait (as after a failed send or a restart)
    await register(chat, "khach")
    member = await member_of(app, "khach")
    assert member is not None
    await chat.send("huyen", "/choduyet")
    await chat.press("huyen", "Duyệt")
    await app.sender.start()
    await deliver_all(app)
    for person in ("so", "admin", "huyen"):
        assert not any("Đăng ký mới chờ duyệt" in t for t in _texts(await inbox(app, person)))
    async with app.sessions() as session:
        states = set(
            (
                await session.execute(
                    select(OutboxMessage.state).where(
                        col(OutboxMessage.kind) == "approval_request"
                    )
                )
            ).scalars()
        )
    assert states == {OutboxState.CANCELLED}
    assert any("đã được duyệt" in t for t in _texts(await inbox(app, "khach")))


async def test_a_scheduled_send_in_quiet_hours_says_when_it_really_goes(
    app: BotApp, chat: ChatDriver
) -> None:
    await compose(chat, "huyen", kind="Thông báo chung", when=None)
    await chat.press("huyen", "Hẹn giờ")
    await chat.send("huyen", "03/03/2026 05:00")
    assert "sẽ gửi lúc 06:30 ngày 03/03/2026" in chat.text("huyen")


NOTICE = """
sender = "webchat:huyen"
kind = "notice"
title = "Lịch trực Tết"
body = "Kính gửi các thành viên lịch trực."
"""


async def test_the_command_line_says_when_it_really_goes(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "notice.toml"
    path.write_text(NOTICE, encoding="utf-8")
    config = make_config(db_url)
    clock = FakeClock(datetime(2026, 12, 1, 22, 42, tzinfo=UTC))  # 05:42 on 02/12/2026
    engine = create_engine(db_url)
    async with session_factory(engine, clock=clock)() as session:
        await demo.seed(session)
        await session.commit()
    await engine.dispose()
    out = await broadcast_cli.run(config, path, dry_run=False, clock=clock)
    assert "sẽ gửi lúc 06:30" in out
    assert "05:42" not in out
    late = FakeClock(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))  # 22:00
    out = await broadcast_cli.run(config, path, dry_run=False, clock=late)
    assert "sẽ gửi lúc 06:30 ngày 03/12/2026" in out
