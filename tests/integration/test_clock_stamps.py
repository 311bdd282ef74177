"""Every moment the bot stores comes from its clock, never from the machine's: a bot whose
clock runs ten years after the suite's start talks, invites, takes feedback and broadcasts,
and the command line on that clock grants a role, imports and edits a plan's tasks and
imports village totals; no stored time is far from that clock."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import DateTime, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import SQLModel

from bot import cli
from bot.app import BotApp
from tests.conftest import make_config
from tests.integration.composing import compose
from tests.utils.broadcasting import deliver_all
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock, local_at, shown, suite_start

PLAN = Path(__file__).parents[2] / "examples" / "ke-hoach-gia-lai-1690.md"
# Stored moments may lie ahead of the clock (an event, an invite's expiry), never further.
AHEAD = timedelta(days=60)


@pytest.fixture
async def far_app(db_url: str) -> AsyncIterator[tuple[BotApp, FakeClock]]:
    """The bot on a clock ten years after the suite's start, at 09:00 (sending hours)."""
    clock = FakeClock(local_at(suite_start() + timedelta(days=3653), hour=9))
    app = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await app.start(web=False)
    yield app, clock
    await app.stop()


async def _stored_moments(
    sessions: async_sessionmaker[AsyncSession],
) -> list[tuple[str, datetime]]:
    """Every non-empty date-time value in every table, as (table.column, aware UTC)."""
    found: list[tuple[str, datetime]] = []
    async with sessions() as session:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                impl = getattr(column.type, "impl", column.type)  # through TypeDecorators
                if not isinstance(impl, DateTime) and not isinstance(column.type, DateTime):
                    continue
                result = await session.execute(select(column).where(column.is_not(None)))
                for value in result.scalars():
                    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
                    found.append((f"{table.name}.{column.name}", moment))
    return found


async def test_every_stored_moment_comes_from_the_bots_clock(
    far_app: tuple[BotApp, FakeClock],
) -> None:
    app, clock = far_app
    began = clock()
    chat = ChatDriver(app.dispatcher)
    await chat.send("khach", "/start")
    await chat.send("xa", "/gopy")
    await chat.press("xa", "Báo lỗi")
    await chat.send("xa", "Ứng dụng bị treo khi gửi ảnh")
    clock.advance(minutes=5)
    await chat.send("huyen", "/moi")
    for label in ("Tạo link mời", "Cán bộ, công chức cấp xã"):
        await chat.press("huyen", label)
    await chat.send("huyen", "ia sao")
    for label in ("Xã Ia Sao, Huyện Ia Grai", "30 ngày", "20 người", "Chờ tôi duyệt"):
        await chat.press("huyen", label)
    assert "/start " in chat.text("huyen")
    await compose(chat, "huyen")
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)
    clock.advance(minutes=5)

    stored = await _stored_moments(app.sessions)
    columns = {column for column, _ in stored}
    for stamped in (
        "members.created_at",
        "invites.expires_at",
        "outbox.created_at",
        "feedback.created_at",
        "option_tokens.created_at",
        "last_choices.shown_at",
    ):
        assert stamped in columns, sorted(columns)
    astray = [(c, m) for c, m in stored if not began <= m <= clock() + AHEAD]
    assert astray == [], f"moments not from the bot's clock ({began} … {clock()})"


async def test_the_command_line_stamps_by_the_clock_it_is_given(
    far_app: tuple[BotApp, FakeClock], db_url: str, tmp_path: Path
) -> None:
    app, clock = far_app
    began = clock()
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")

    async def mangluoi(*args: str) -> None:
        run = functools.partial(cli.main, [*args, "--config", str(config)], clock=clock)
        assert await asyncio.to_thread(run) == 0, args
        clock.advance(minutes=1)

    grant = ("admin", "grant", "--channel", "webchat", "--user-id", "xa")
    await mangluoi(*grant, "--role", "coordinator")
    await mangluoi("tasks", "import", str(PLAN), "--plan", "KH 1690 Gia Lai")
    due = shown(clock() + timedelta(days=30))[:10]
    await mangluoi("tasks", "set-deadline", "5.2", due)
    await mangluoi("tasks", "set-deadline", "5.2", due, "--org", "Ia Grai")
    await mangluoi("tasks", "assign", "1.1", "--add", "Sở Nội vụ")
    await mangluoi("tasks", "assign", "1.1", "--remove", "Sở Nội vụ")
    villages = tmp_path / "so-thon.csv"
    villages.write_text("Mã xã,Số thôn\n23770,6\n", encoding="utf-8")
    await mangluoi("targets", "import-villages", str(villages))

    stored = await _stored_moments(app.sessions)
    columns = {column for column, _ in stored}
    for stamped in (
        "audit_log.at",
        "task_plans.created_at",
        "tasks.updated_at",
        "task_assignments.created_at",
        "task_assignments.removed_at",
        "task_deadlines.set_at",
        "task_deadlines.replaced_at",
        "village_counts.imported_at",
    ):
        assert stamped in columns, sorted(columns)
    astray = [(c, m) for c, m in stored if not began <= m <= clock() + AHEAD]
    assert astray == [], f"moments not from the given clock ({began} … {clock()})"
