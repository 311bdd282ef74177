"""A start that cannot go on stops with one clear line naming the setting, and no secret
ever appears: a rejected token, an unreachable or odd Bot API, an unreachable database and
a busy web port, each in a real `mangluoi run` process."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.telegram_server import FakeTelegramServer
from tests.utils.telegram import TOKEN

pytestmark = pytest.mark.slow

PASSWORD = "S3cret-db-pass"


def _config(tmp_path: Path, *, api: str, token: str = TOKEN, **sections: str) -> Path:
    database = sections.get("database", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    port = sections.get("port", "0")
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{database}"\n'
        f"[web]\nport = {port}\n"
        f'[telegram]\nenabled = true\ntoken = "{token}"\napi_base_url = "{api}"\n',
        encoding="utf-8",
    )
    return path


async def _run(config: Path) -> tuple[int, list[str]]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MANGLUOI_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--config",
        str(config),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=environment,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=90)
    assert process.returncode is not None
    return process.returncode, output.decode("utf-8", "replace").splitlines()


def _check_one_line(code: int, lines: list[str], setting: str, *secrets: str) -> str:
    assert code == 1, lines
    failures = [line for line in lines if "cannot start" in line]
    assert len(failures) == 1, lines
    assert lines[-1] == failures[0]
    assert f": {setting}: " in failures[0]
    assert not any("Traceback" in line or "ERROR" in line for line in lines), lines
    for secret in (TOKEN, TOKEN.split(":")[1], *secrets):
        assert not any(secret in line for line in lines), f"{secret!r} printed"
    return failures[0]


@pytest.fixture
def closed_port() -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        yield probe.getsockname()[1]


async def test_a_rejected_token(fake_telegram: FakeTelegramServer, tmp_path: Path) -> None:
    wrong = "654321:WRONG-token-abcdefghijklmn"
    code, lines = await _run(_config(tmp_path, api=fake_telegram.url, token=wrong))
    line = _check_one_line(code, lines, "telegram.token", wrong, wrong.split(":")[1])
    assert "từ chối token" in line


async def test_an_unreachable_bot_api(tmp_path: Path, closed_port: int) -> None:
    code, lines = await _run(_config(tmp_path, api=f"http://127.0.0.1:{closed_port}"))
    line = _check_one_line(code, lines, "telegram.api_base_url")
    assert f"127.0.0.1:{closed_port}" in line


async def test_a_bot_api_that_answers_something_unexpected(
    fake_telegram: FakeTelegramServer, tmp_path: Path
) -> None:
    del fake_telegram.bot_user["is_bot"]
    code, lines = await _run(_config(tmp_path, api=fake_telegram.url))
    line = _check_one_line(code, lines, "telegram.api_base_url")
    assert "không đúng dạng" in line


async def test_an_unreachable_database(
    fake_telegram: FakeTelegramServer, tmp_path: Path, closed_port: int
) -> None:
    url = f"postgresql+asyncpg://mangluoi:{PASSWORD}@127.0.0.1:{closed_port}/mangluoi"
    code, lines = await _run(_config(tmp_path, api=fake_telegram.url, database=url))
    _check_one_line(code, lines, "database.url", PASSWORD)
    assert fake_telegram.calls_named("getUpdates") == []


async def test_an_unwritable_sqlite_file(
    fake_telegram: FakeTelegramServer, tmp_path: Path
) -> None:
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the database folder should be", encoding="utf-8")
    url = f"sqlite+aiosqlite:///{folder / 'bot.db'}"
    code, lines = await _run(_config(tmp_path, api=fake_telegram.url, database=url))
    _check_one_line(code, lines, "database.url")


async def test_a_busy_web_port(fake_telegram: FakeTelegramServer, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, lines = await _run(_config(tmp_path, api=fake_telegram.url, port=str(port)))
    line = _check_one_line(code, lines, "web.port")
    assert str(port) in line
    assert fake_telegram.calls_named("getMe") == []
