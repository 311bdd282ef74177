"""Shared pieces of the table definitions: naming convention and time helpers."""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


Clock = Callable[[], datetime]
CLOCK_KEY = "clock"


def utcnow() -> datetime:
    """The real clock: the current time, aware in UTC (the form stored in every table).

    Only entry points hand it on (the app, the CLI); everything else asks the clock it was
    given, so tests can set the hour.
    """
    return datetime.now(UTC)


def session_now(session: AsyncSession) -> datetime:
    """The current time by the clock the session's factory was given (see engine.py)."""
    clock: Clock = session.info.get(CLOCK_KEY, utcnow)
    return clock()
