"""`mangluoi backup` of a running bot's SQLite database and `mangluoi restore` into another
file: every member, announcement and outbox row comes back; bad files, a database in use
and an existing database without --yes are refused with one clear line."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot import cli
from bot.app import BotApp
from bot.texts import operations as t
from jobs import announcements as announcement_jobs
from models.announcements import Announcement
from models.engine import create_engine, session_factory
from models.members import Member
from models.outbox import OutboxMessage
from tests.utils.clock import FakeClock
from tests.utils.databases import TemplateDatabases
from tests.utils.population import announce, make_admin, seed_members

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


@pytest.fixture(autouse=True)
def _sqlite_only(databases: TemplateDatabases) -> None:
    if databases.backend != "sqlite":
        pytest.skip("backup and restore copy SQLite files; PostgreSQL uses pg_dump")


def _config(folder: Path, url: str, name: str = "config.toml") -> Path:
    path = folder / name
    path.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    return path


def _file(url: str) -> Path:
    database = make_url(url).database
    assert database
    return Path(database)


async def _everything(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            people = await session.execute(
                select(Member.id, Member.full_name, Member.role).order_by(Member.id)
            )
            notices = await session.execute(
                select(Announcement.id, Announcement.title, Announcement.state).order_by(
                    Announcement.id
                )
            )
            rows = await session.execute(
                select(
                    OutboxMessage.id,
                    OutboxMessage.member_id,
                    OutboxMessage.chat_id,
                    OutboxMessage.dedupe_key,
                ).order_by(OutboxMessage.id)
            )
            return {
                "members": [tuple(r) for r in people.all()],
                "announcements": [tuple(r) for r in notices.all()],
                "outbox": [tuple(r) for r in rows.all()],
            }
    finally:
        await engine.dispose()


async def _populate(app: BotApp, clock: FakeClock) -> None:
    await seed_members(app.sessions, count=40, chat_base=1000)
    author = await make_admin(app.sessions)
    row = await announce(app.sessions, author_member_id=author, now=clock(), title="Giao ban")
    await announcement_jobs.release(app.job_context, announcement_id=row.id or 0)


async def test_a_running_bots_database_is_backed_up_and_restored_whole(
    app: BotApp, clock: FakeClock, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _populate(app, clock)
    before = await _everything(db_url)
    assert len(before["members"]) > 40 and len(before["announcements"]) == 1
    assert len(before["outbox"]) == 45  # the 5 demo people on the web chat and 40 others

    async def keep_writing() -> None:  # the bot goes on writing during the backup
        for batch in range(5):
            await seed_members(app.sessions, count=20, chat_base=5000 + 100 * batch)
            await asyncio.sleep(0)

    out = tmp_path / "saved" / "mangluoi-backup.db"
    argv = ["backup", "--config", str(_config(tmp_path, db_url)), "--out", str(out)]
    status, _ = await asyncio.gather(asyncio.to_thread(cli.main, argv), keep_writing())
    assert status == 0
    assert "Đã sao lưu cơ sở dữ liệu vào" in capsys.readouterr().out
    assert not out.with_name(f".{out.name}.partial").exists()

    target_url = f"sqlite+aiosqlite:///{tmp_path / 'restored' / 'mangluoi.db'}"
    restore = ["restore", "--config", str(_config(tmp_path, target_url, "restored.toml"))]
    assert cli.main([*restore, "--from", str(out)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    restored = await _everything(target_url)
    assert restored["announcements"] == before["announcements"]
    assert restored["outbox"] == before["outbox"]
    assert set(before["members"]) <= set(restored["members"])  # and some written meanwhile
    ids = [member[0] for member in restored["members"]]
    assert ids == list(range(1, len(ids) + 1))  # a consistent snapshot: no gap
    with sqlite3.connect(_file(target_url)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


async def test_restore_refuses_the_database_of_a_running_bot(
    app: BotApp, clock: FakeClock, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _populate(app, clock)
    config = str(_config(tmp_path, db_url))
    out = tmp_path / "backup.db"
    assert cli.main(["backup", "--config", config, "--out", str(out)]) == 0
    before = await _everything(db_url)
    capsys.readouterr()
    assert cli.main(["restore", "--config", config, "--from", str(out), "--yes"]) == 1
    assert capsys.readouterr().err.strip() == t.IN_USE.format(path=_file(db_url))
    assert await _everything(db_url) == before


async def test_an_existing_database_is_overwritten_only_with_yes(
    databases: TemplateDatabases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source_url, target_url = await databases.fresh(), await databases.fresh()
    engine = create_engine(source_url)
    await seed_members(session_factory(engine, clock=FakeClock()), count=3, chat_base=10)
    await engine.dispose()
    out = tmp_path / "backup.db"
    assert (
        cli.main(["backup", "--config", str(_config(tmp_path, source_url)), "--out", str(out)])
        == 0
    )
    restore = [
        "restore",
        "--config",
        str(_config(tmp_path, target_url, "t.toml")),
        "--from",
        str(out),
    ]
    capsys.readouterr()
    assert cli.main(restore) == 1
    assert capsys.readouterr().err.strip() == t.NEEDS_YES.format(path=_file(target_url))
    assert (await _everything(target_url))["members"] == []
    assert cli.main([*restore, "--yes"]) == 0
    assert len((await _everything(target_url))["members"]) == 3


def _not_ours(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")


async def test_a_file_that_is_not_one_of_our_backups_is_refused(
    databases: TemplateDatabases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target_url = f"sqlite+aiosqlite:///{tmp_path / 'target.db'}"
    config = str(_config(tmp_path, target_url))
    text_file = tmp_path / "notes.txt"
    text_file.write_text("không phải CSDL", encoding="utf-8")
    foreign = tmp_path / "other.db"
    _not_ours(foreign)
    future = _file(await databases.fresh())
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    cases = [
        (text_file, t.NOT_SQLITE.format(path=text_file)),
        (foreign, t.NOT_OURS.format(path=foreign, detail="alembic_version")),
        (future, t.UNKNOWN_REVISION.format(path=future, detail="9999_from_the_future")),
        (tmp_path / "nothing.db", t.MISSING.format(path=tmp_path / "nothing.db")),
    ]
    for source, message in cases:
        capsys.readouterr()
        assert cli.main(["restore", "--config", config, "--from", str(source), "--yes"]) == 1
        assert capsys.readouterr().err.strip() == message
    assert not (tmp_path / "target.db").exists()


async def test_backup_never_overwrites_and_explains_pg_dump_on_postgresql(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exists.db"
    out.write_bytes(b"old")
    assert cli.main(["backup", "--config", str(_config(tmp_path, db_url)), "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == t.ALREADY_THERE.format(path=out)
    assert out.read_bytes() == b"old"
    pg = "postgresql+asyncpg://mangluoi:bi-mat-lam@127.0.0.1:5432/mangluoi"
    config = str(_config(tmp_path, pg, "pg.toml"))
    assert cli.main(["backup", "--config", config, "--out", "b.dump"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert (
        "pg_dump --format=custom --file=b.dump 'postgresql://mangluoi@127.0.0.1:5432/mangluoi'"
        in line
    )
    assert "bi-mat-lam" not in line
    assert cli.main(["restore", "--config", config, "--from", "b.dump"]) == 2
    assert "pg_restore" in capsys.readouterr().err
