"""Database engines and sessions for SQLite (embedded default) and PostgreSQL."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from models import migrate
from models.base import CLOCK_KEY, Clock, utcnow

SQLITE_BUSY_TIMEOUT_MS = 10_000


def is_sqlite(url: str) -> bool:
    """Tell whether a database URL points at SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite file database if it is missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """Create the async engine for `url`; SQLite gets WAL mode and a busy timeout."""
    if is_sqlite(url):
        ensure_sqlite_folder(url)
        engine = create_async_engine(
            url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, echo=echo, pool_size=10, max_overflow=10, pool_pre_ping=True)


def session_factory(
    engine: AsyncEngine, *, clock: Clock = utcnow
) -> async_sessionmaker[AsyncSession]:
    """Return the factory that opens one session per incoming event or job run; the model
    functions stamp rows (created, updated, last seen) with `clock`, the app's clock."""
    return async_sessionmaker(engine, expire_on_commit=False, info={CLOCK_KEY: clock})


@asynccontextmanager
async def migrated_session(url: str, clock: Clock = utcnow) -> AsyncIterator[AsyncSession]:
    """One session on the database at `url`, brought to the newest schema first, with its
    engine closed afterwards: what a command-line action works in."""
    ensure_sqlite_folder(url)
    await migrate.upgrade_async(url)
    engine = create_engine(url)
    try:
        async with session_factory(engine, clock=clock)() as session:
            yield session
    finally:
        await engine.dispose()
