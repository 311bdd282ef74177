"""Backing up and restoring the embedded SQLite database, file to file.

The backup uses SQLite's online backup API on the live database: one step, inside one read
transaction, so the copy is consistent while the bot keeps writing (WAL readers never block
the writer). The result is one self-contained file (rollback journal, no -wal or -shm).

A restore checks the file first (an SQLite database, intact, with our tables, at a revision
this version knows), refuses a target another connection has open (a running bot), and
copies the pages into place with the same backup API, so no stale -wal file survives.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from models.migrate import known_revisions

MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = ("alembic_version", "members", "announcements", "outbox")
LOCK_TIMEOUT = 0.2


class BackupProblem(Exception):
    """A backup or restore that cannot be done; `path` is the file concerned."""

    def __init__(self, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}" if detail else str(path))
        self.path = path
        self.detail = detail


class Missing(BackupProblem):
    """The file to copy from does not exist."""


class AlreadyThere(BackupProblem):
    """The backup file exists already (a backup never overwrites)."""


class NotSqlite(BackupProblem):
    """The file is not an SQLite database."""


class Damaged(BackupProblem):
    """The database fails SQLite's integrity check (`detail` says how)."""


class NotOurs(BackupProblem):
    """An SQLite database without our tables (`detail` names the first one missing)."""


class UnknownRevision(BackupProblem):
    """A database at a migration revision this version does not know (`detail`)."""


class InUse(BackupProblem):
    """Another connection (a running bot) has the target database open."""


class NeedsConfirmation(BackupProblem):
    """The target database exists and would be overwritten."""


@dataclass(frozen=True)
class Copied:
    """What a backup or a restore wrote."""

    path: Path
    revision: str
    size: int
    latest: bool
    """The revision is the newest this version knows (else the bot upgrades it at start)."""


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


@contextlib.contextmanager
def _open(path: Path, mode: str, timeout: float = 10.0) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(_uri(path, mode), uri=True, timeout=timeout)
    try:
        yield connection
    finally:
        connection.close()


def _revision(connection: sqlite3.Connection, path: Path) -> str:
    """Check a database is intact and ours; return its migration revision."""
    try:
        check = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise NotSqlite(path, str(error)) from None
    if check is None or check[0] != "ok":
        raise Damaged(path, str(check[0] if check else "no answer")[:200])
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    for table in REQUIRED_TABLES:
        if table not in tables:
            raise NotOurs(path, table)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else ""
    if revision not in known_revisions():
        raise UnknownRevision(path, revision or "?")
    return revision


def _copied(path: Path, revision: str) -> Copied:
    latest = known_revisions()[0] == revision
    return Copied(path=path, revision=revision, size=path.stat().st_size, latest=latest)


def backup(source: Path, target: Path) -> Copied:
    """Copy the live database `source` into the new file `target`, consistently."""
    if not source.is_file():
        raise Missing(source)
    if target.exists():
        raise AlreadyThere(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with _open(source, "rw") as live, _open(partial, "rwc") as copy:
            live.backup(copy)  # all pages in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode=DELETE")
            revision = _revision(copy, target)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return _copied(target, revision)


def check(path: Path) -> str:
    """Check that `path` is a mangluoi database this version can use; return its revision."""
    if not path.is_file():
        raise Missing(path)
    with path.open("rb") as file:
        if file.read(len(MAGIC)) != MAGIC:
            raise NotSqlite(path)
    with _open(path, "ro") as connection:
        return _revision(connection, path)


def restore(source: Path, target: Path, *, overwrite: bool) -> Copied:
    """Copy the backup `source` into the database file `target`.

    Refuses a target that another connection has open, and an existing one unless
    `overwrite`.
    """
    revision = check(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    existed = target.exists() and target.stat().st_size > 0
    with _open(target, "rwc", timeout=LOCK_TIMEOUT) as destination:
        if existed:
            try:
                # Leaving WAL mode needs the only connection: it fails while a bot has it open.
                destination.execute("PRAGMA journal_mode=DELETE").fetchone()
            except sqlite3.OperationalError:
                raise InUse(target) from None
            if not overwrite:
                raise NeedsConfirmation(target)
        with _open(source, "ro") as backup_file:
            backup_file.backup(destination)
        _revision(destination, target)
    return _copied(target, revision)
