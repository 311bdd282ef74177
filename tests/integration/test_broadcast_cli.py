"""`mangluoi broadcast --file notice.toml [--dry-run]`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import cli, demo
from models.announcements import Announcement, AnnouncementFile
from models.audit import AuditEntry

NOTICE = """
sender = "webchat:huyen"
kind = "meeting"
title = "Giao ban mạng lưới quý I"
body = \"\"\"Kính mời các thành viên dự giao ban.
Nội dung: tổng kết quý I.\"\"\"
attachment = "giay-moi.pdf"
event_at = "20/03/2030 14:00"
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


def _notice(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notice.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def _run(*args: str) -> int:
    return await asyncio.to_thread(cli.main, list(args))


async def _saved(sessions: async_sessionmaker[AsyncSession]) -> list[Announcement]:
    async with sessions() as session:
        return list((await session.execute(select(Announcement))).scalars())


async def test_dry_run_shows_and_saves_nothing(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    notice = _notice(tmp_path, NOTICE)
    code = await _run(
        "broadcast", "--file", str(notice), "--dry-run", "--config", str(config_file)
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "🗓 GIAO BAN: Giao ban mạng lưới quý I" in out
    assert "🕘 Thời gian: 20/03/2030 14:00" in out
    assert "📎 Kèm tệp: giay-moi.pdf" in out
    assert "Sẽ gửi tới 2 thành viên" in out
    assert "--dry-run" in out
    assert await _saved(sessions) == []


async def test_the_file_is_queued_with_its_attachment(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    notice = _notice(tmp_path, NOTICE)
    assert await _run("broadcast", "--file", str(notice), "--config", str(config_file)) == 0
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
        (("20/03/2030 14:00", "20/03/2020 14:00"), "đã qua"),
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
) -> None:
    notice = _notice(tmp_path, NOTICE.replace(*change))
    assert await _run("broadcast", "--file", str(notice), "--config", str(config_file)) == 2
    assert message in capsys.readouterr().err
    assert await _saved(sessions) == []
