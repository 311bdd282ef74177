"""`mangluoi backup` and `mangluoi restore`: SQLite file copies made with SQLite's own
backup API (models.backup); on PostgreSQL they say which pg_dump / pg_restore to run."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from bot.config import Config
from bot.texts import operations as t
from models import backup as copies

PROBLEMS: dict[type[copies.BackupProblem], str] = {
    copies.Missing: t.MISSING,
    copies.AlreadyThere: t.ALREADY_THERE,
    copies.NotSqlite: t.NOT_SQLITE,
    copies.Damaged: t.DAMAGED,
    copies.NotOurs: t.NOT_OURS,
    copies.UnknownRevision: t.UNKNOWN_REVISION,
    copies.InUse: t.IN_USE,
    copies.NeedsConfirmation: t.NEEDS_YES,
}


def _sqlite_file(config: Config) -> Path | None:
    url = make_url(config.database.url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _postgres_dsn(config: Config) -> str | None:
    """The libpq form of a PostgreSQL URL (no driver, no password), for pg_dump."""
    url = make_url(config.database.url)
    if url.get_backend_name() != "postgresql":
        return None
    plain = URL.create(
        "postgresql", username=url.username, host=url.host, port=url.port, database=url.database
    )
    return plain.render_as_string(hide_password=False)


def _size(copied: copies.Copied) -> str:
    return t.SIZE_MB.format(size=copied.size / 1_000_000)


def _problem(error: copies.BackupProblem) -> int:
    print(PROBLEMS[type(error)].format(path=error.path, detail=error.detail), file=sys.stderr)
    return 1


def backup(config: Config, out: Path) -> int:
    """Back up the configured database into `out`; return the exit status."""
    dsn = _postgres_dsn(config)
    if dsn is not None:
        print(t.POSTGRES_BACKUP.format(out=out, dsn=dsn), file=sys.stderr)
        return 2
    source = _sqlite_file(config)
    if source is None:
        print(t.NO_FILE_DATABASE, file=sys.stderr)
        return 2
    try:
        copied = copies.backup(source, out)
    except copies.BackupProblem as error:
        return _problem(error)
    except OSError as error:
        print(t.CANNOT_WRITE.format(path=out, error=error.strerror or error), file=sys.stderr)
        return 1
    print(t.BACKUP_DONE.format(path=out, size=_size(copied), revision=copied.revision))
    return 0


def restore(config: Config, source: Path, *, yes: bool) -> int:
    """Restore the configured database from `source`; return the exit status."""
    dsn = _postgres_dsn(config)
    if dsn is not None:
        print(t.POSTGRES_RESTORE.format(source=source, dsn=dsn), file=sys.stderr)
        return 2
    target = _sqlite_file(config)
    if target is None:
        print(t.NO_FILE_DATABASE, file=sys.stderr)
        return 2
    try:
        copied = copies.restore(source, target, overwrite=yes)
    except copies.BackupProblem as error:
        return _problem(error)
    except OSError as error:
        print(t.CANNOT_WRITE.format(path=target, error=error.strerror or error), file=sys.stderr)
        return 1
    done = t.RESTORE_DONE.format(
        source=source, path=target, size=_size(copied), revision=copied.revision
    )
    print(done + ("" if copied.latest else t.RESTORE_OLDER))
    return 0
