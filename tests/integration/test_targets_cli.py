"""`mangluoi targets show` (text, XLSX, PNG; a district's scope) and `mangluoi targets
import-villages FILE [--dry-run]` (a bad row is reported, the rest imported)."""

from __future__ import annotations

import asyncio
import functools
import io
import struct
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import cli
from bot.texts import targets as t
from models import villages
from models.scopes import PROVINCE
from rendering.targets import chart
from tests.integration.targets_population import build
from tests.utils.clock import DEFAULT_START, FakeClock
from tests.utils.population import make_admin

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


@pytest.fixture
async def config_file(
    db_url: str, sessions: async_sessionmaker[AsyncSession], tmp_path: Path, clock: FakeClock
) -> Path:
    admin = await make_admin(sessions)
    await build(sessions, now=clock(), author=admin)
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    return path


async def _run(*args: str) -> int:
    """`mangluoi …` by a clock at the pinned moment (the fixtures' clock here)."""
    run = functools.partial(cli.main, list(args), clock=FakeClock(DEFAULT_START))
    return await asyncio.to_thread(run)


async def test_show_as_text_xlsx_and_png(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await _run("targets", "show", "--config", str(config_file)) == 0
    text = capsys.readouterr().out
    assert "Toàn tỉnh" in text
    assert "• Sở, ban, ngành: 1/31 (3%)" in text
    assert "• UBND xã, phường, thị trấn: 2/218 (1%)" in text
    assert "3/18 thôn có Tổ CNSCĐ (17%)" in text
    assert "• UBND Xã Ia Yok (Huyện Ia Grai)" in text  # listed among those without

    sheet = tmp_path / "chi-tieu.xlsx"
    district = ("--scope", "district:628", "--format", "xlsx", "--out", str(sheet))
    code = await _run("targets", "show", *district, "--config", str(config_file))
    assert code == 0
    book = load_workbook(io.BytesIO(sheet.read_bytes()))
    assert "Huyện Ia Grai" in str(book[t.SHEET_SUMMARY]["A1"].value)
    focal = list(book[t.SHEET_FOCAL].iter_rows(min_row=4, values_only=True))
    assert len(focal) == 1 + 13  # the district committee and its 13 communes

    picture = tmp_path / "chi-tieu.png"
    code = await _run(
        "targets", "show", "--format", "png", "--out", str(picture), "--config", str(config_file)
    )
    assert code == 0
    content = picture.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", content[16:24]) == chart.SIZE


@pytest.mark.parametrize(
    "args",
    [
        ["--scope", "district:23767"],  # a commune's code
        ["--scope", "tinh:64"],
        ["--format", "png"],  # no --out
    ],
)
async def test_bad_arguments_are_refused_in_one_line(
    config_file: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert await _run("targets", "show", *args, "--config", str(config_file)) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and ("Phạm vi" in error or "--out" in error)


async def test_import_villages_reports_the_bad_row_and_imports_the_rest(
    config_file: Path,
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "so-thon.csv"
    data.write_text("Mã xã,Số thôn\n23770,6\nXã Ia Chia,5\nIa Đâu Đó,3\n", encoding="utf-8")

    config = ("--config", str(config_file))
    assert await _run("targets", "import-villages", str(data), "--dry-run", *config) == 0
    preview = capsys.readouterr().out
    assert "Xem trước: sẽ nhập số thôn cho 2 xã" in preview and "Dòng 4" in preview
    async with sessions() as session:
        before = await villages.counts(session, catalog="2024", scope=PROVINCE)
    assert before == {"23767": 10, "23768": 8}  # the dry run wrote nothing

    assert await _run("targets", "import-villages", str(data), *config) == 0
    report = capsys.readouterr().out
    assert "Đã nhập số thôn cho 2 xã." in report
    assert "1 dòng không nhập được" in report
    assert "Dòng 4 “Ia Đâu Đó | 3”: " + t.ROW_PROBLEMS["unknown_commune"] in report
    async with sessions() as session:
        after = await villages.counts(session, catalog="2024", scope=PROVINCE)
    assert after == {"23767": 10, "23768": 8, "23770": 6, "23788": 5}

    missing = tmp_path / "khong-co.csv"
    assert await _run("targets", "import-villages", str(missing), *config) == 2
    assert "khong-co.csv" in capsys.readouterr().err
