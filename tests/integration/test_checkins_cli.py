"""`mangluoi checkins open --file round.toml [--dry-run]`, run on the test's clock; the
running bot's sweep then opens the round."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

from bot import cli
from bot.app import BotApp
from models.checkins import Recurrence, RoundState
from tests.integration.checkin_people import keyed, rounds, sweep
from tests.integration.task_chatting import import_seed
from tests.utils.clock import FakeClock, local_at, shown

ROOT = Path(__file__).parents[2]
ROUND = """
creator = "webchat:huyen"
title = "Báo cáo tiến độ tháng"
opens = "OPENS"
closes = "CLOSES"
repeat = "monthly"

[audience]
units = ["628"]

[[questions]]
kind = "yes_no"
text = "Xã đã có điểm hỗ trợ dịch vụ công?"
"""


async def _run(clock: FakeClock, *args: str) -> int:
    return await asyncio.to_thread(functools.partial(cli.main, list(args), clock=clock))


@pytest.fixture
async def files(app: BotApp, clock: FakeClock, db_url: str, tmp_path: Path) -> tuple[Path, Path]:
    """The plan imported (Huyện Ia Grai's committee has tasks), a config and a round file."""
    await import_seed(app, clock)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    text = ROUND.replace("OPENS", shown(local_at(clock(), days=1, hour=8)))
    text = text.replace("CLOSES", shown(local_at(clock(), days=8, hour=17)))
    path = tmp_path / "round.toml"
    path.write_text(text, encoding="utf-8")
    return config, path


async def test_dry_run_previews_and_saves_nothing(
    app: BotApp, clock: FakeClock, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, path = files
    args = ("checkins", "open", "--file", str(path), "--dry-run", "--config", str(config))
    assert await _run(clock, *args) == 0
    out = capsys.readouterr().out
    assert "📝 Báo cáo tiến độ: Báo cáo tiến độ tháng" in out
    # Huyện Ia Grai's committee (5 tasks and the question) and the two demo people of the
    # district without an organisation, asked only the round's own question.
    assert "Sẽ hỏi 3 người; mỗi người 1–6 câu hỏi" in out
    assert "cộng 1 câu hỏi chung" in out
    assert "Thêm 1 câu hỏi chung cho mọi người: Xã đã có điểm hỗ trợ dịch vụ công?" in out
    assert "Trong đó 2 người chưa có đơn vị" in out and "chỉ trả lời 1 câu hỏi chung" in out
    assert "--dry-run" in out
    assert await rounds(app) == []


async def test_the_round_is_saved_and_opened_by_the_bot(
    app: BotApp, clock: FakeClock, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, path = files
    assert await _run(clock, "checkins", "open", "--file", str(path), "--config", str(config)) == 0
    assert "Đã lưu đợt báo cáo #1" in capsys.readouterr().out
    [row] = await rounds(app)
    assert (row.state, row.recurrence) == (RoundState.SCHEDULED, Recurrence.MONTHLY)
    clock.current = row.opens_at
    assert await sweep(app) == 3  # every member of the district: the question is for all
    assert len(await keyed(app, f"checkin:{row.id}:prompt")) == 3


async def test_bad_files_are_refused_in_one_line(
    clock: FakeClock, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, path = files
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"monthly"', '"daily"'), encoding="utf-8")
    assert await _run(clock, "checkins", "open", "--file", str(path), "--config", str(config)) == 2
    assert "repeat" in capsys.readouterr().err
    path.write_text(text.replace('"yes_no"', '"essay"'), encoding="utf-8")
    assert await _run(clock, "checkins", "open", "--file", str(path), "--config", str(config)) == 2
    assert "Câu hỏi chung số 1" in capsys.readouterr().err
    path.write_text(text.replace('"webchat:huyen"', '"webchat:xa"'), encoding="utf-8")
    assert await _run(clock, "checkins", "open", "--file", str(path), "--config", str(config)) == 2
    assert "Chỉ điều phối viên và quản trị viên" in capsys.readouterr().err


def test_the_example_file_reads(tmp_path: Path) -> None:
    example = (ROOT / "examples" / "baocaotiendo.toml").read_text(encoding="utf-8")
    assert 'repeat = "monthly"' in example and "[[questions]]" in example
