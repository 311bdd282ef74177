"""`mangluoi broadcast --file notice.toml [--dry-run]`, run on the test's clock."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import cli, demo
from models.announcements import Announcement, AnnouncementFile
from models.audit import AuditEntry
from tests.utils.clock import FakeClock, local_at, shown

NOTICE = """
sender = "webchat:huyen"
kind = "meeting"
title = "Giao ban mạng lưới quý I"
body = \"\"\"Kính mời các thành viên dự giao ban.
Nội dung: tổng kết quý I.\"\"\"
attachment = "giay-moi.pdf"
event_at = "EVENT_AT"
place = "Phòng họp UBND huyện Ia Grai"
rsvp = true

[audience]
units = ["23767"]
"""


@pytest.fixture
async def config_file(
    db_url: str, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> Path:
    async with sessions() as session:
        await demo.seed(session)
        await session.commit()
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    (tmp_path / "giay-moi.pdf").write_bytes(b"%PDF-1.4 giay moi")
    return path


def _event_at(clock: FakeClock) -> str:
    """The meeting's time in NOTICE: 14:00, eighteen days on."""
    return shown(local_at(clock(), days=18, hour=14))


def _notice(tmp_path: Path, text: str, clock: FakeClock) -> Path:
    """Write a notice file; EVENT_AT and PAST_AT become a time ahead and one gone by."""
    path = tmp_path / "notice.toml"
    past = shown(local_at(clock(), days=-1, hour=14))
    text = text.replace("EVENT_AT", _event_at(clock)).replace("PAST_AT", past)
    path.write_text(text, encoding="utf-8")
    return path


async def _run(clock: FakeClock, *args: str) -> int:
    return await asyncio.to_thread(functools.partial(cli.main, list(args), clock=clock))


async def _saved(sessions: async_sessionmaker[AsyncSession]) -> list[Announcement]:
    async with sessions() as session:
        return list((await session.execute(select(Announcement))).scalars())


async def test_dry_run_shows_and_saves_nothing(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
) -> None:
    notice = _notice(tmp_path, NOTICE, clock)
    code = await _run(
        clock, "broadcast", "--file", str(notice), "--dry-run", "--config", str(config_file)
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "🗓 GIAO BAN: Giao ban mạng lưới quý I" in out
    assert f"🕘 Thời gian: {_event_at(clock)}" in out
    assert "📎 Kèm tệp: giay-moi.pdf" in out
    assert "Sẽ gửi tới 2 thành viên" in out
    assert "--dry-run" in out
    assert await _saved(sessions) == []


async def test_the_file_is_queued_with_its_attachment(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
    clock: FakeClock,
) -> None:
    notice = _notice(tmp_path, NOTICE, clock)
    args = ("broadcast", "--file", str(notice), "--config", str(config_file))
    assert await _run(clock, *args) == 0
    assert "Đã lưu thông báo #1" in capsys.readouterr().out
    [row] = await _saved(sessions)
    assert (row.kind, row.rsvp, row.place) == ("meeting", True, "Phòng họp UBND huyện Ia Grai")
    async with sessions() as session:
        file = await session.get(AnnouncementFile, row.attachment_id)
        audit = list((await session.execute(select(AuditEntry))).scalars())
    assert file is not None and file.content == b"%PDF-1.4 giay moi"
    assert [(a.action, a.actor_label) for a in audit][-1] == ("announcement.create", "cli")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('units = ["23767"]', 'units = ["622"]'), "ngoài phạm vi"),
        (('sender = "webchat:huyen"', 'sender = "webchat:xa"'), "không còn quyền"),
        (('sender = "webchat:huyen"', 'sender = "0905 000 111"'), "Không tìm thấy người gửi"),
        (("EVENT_AT", "PAST_AT"), "đã qua"),
        (('kind = "meeting"', 'kind = "party"'), "Loại “party” không có"),
        (('attachment = "giay-moi.pdf"', 'attachment = "khong-co.pdf"'), "khong-co.pdf"),
    ],
)
async def test_refusals(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    message: str,
    clock: FakeClock,
) -> None:
    notice = _notice(tmp_path, NOTICE.replace(*change), clock)
    args = ("broadcast", "--file", str(notice), "--config", str(config_file))
    assert await _run(clock, *args) == 2
    assert message in capsys.readouterr().err
    assert await _saved(sessions) == []
