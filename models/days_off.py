"""Days off an admin adds to the working-day calendar (the government's yearly make-up days
off, a provincial holiday): one row per date, read into `WorkCalendar` wherever working
days are counted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from models import audit
from models.base import utcnow
from models.working_days import WorkCalendar


class DayOff(SQLModel, table=True):
    """One day off added by an admin, with its name ("Nghỉ bù Tết Dương lịch")."""

    __tablename__ = "days_off"

    day: dt.date = Field(primary_key=True)
    name: str = Field(max_length=100)
    added_at: dt.datetime = Field(default_factory=utcnow)
    added_by_label: str = Field(default="cli", max_length=64)


async def listed(session: AsyncSession) -> list[DayOff]:
    """Every admin-added day off, in date order."""
    result = await session.execute(select(DayOff).order_by(col(DayOff.day)))
    return list(result.scalars())


async def add(
    session: AsyncSession, *, day: dt.date, name: str, by_label: str, now: dt.datetime
) -> bool:
    """Add (or rename) a day off; tell whether it is new."""
    row = await session.get(DayOff, day)
    fresh = row is None
    if row is None:
        row = DayOff(day=day, name=name, added_at=now, added_by_label=by_label)
    row.name = name
    session.add(row)
    await session.flush()
    await audit.record(
        session,
        action="days_off.add",
        actor_member_id=None,
        actor_label=by_label,
        details={"day": day.isoformat(), "name": name},
    )
    return fresh


async def remove(session: AsyncSession, *, day: dt.date, by_label: str) -> bool:
    """Take a day off out of the calendar; tell whether there was one."""
    row = await session.get(DayOff, day)
    if row is None:
        return False
    await session.delete(row)
    await session.flush()
    await audit.record(
        session,
        action="days_off.remove",
        actor_member_id=None,
        actor_label=by_label,
        details={"day": day.isoformat()},
    )
    return True


async def calendar(session: AsyncSession) -> WorkCalendar:
    """The working-day calendar: weekends, public holidays and the admin's days off."""
    return WorkCalendar((row.day, row.name) for row in await listed(session))
