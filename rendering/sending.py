"""How the person who caused a message is told when it goes: a time today (`06:30`), or a
time and a date (`06:30 ngày 03/12/2026`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.texts import sending as t
from bot.timefmt import same_day, show_date, show_time


def soon(moment: datetime, zone: ZoneInfo, *, now: datetime) -> str:
    """A coming moment, with its date only when it is not today (local time)."""
    if same_day(moment, now, zone):
        return show_time(moment, zone)
    return t.TIME_ON_DAY.format(time=show_time(moment, zone), date=show_date(moment, zone))
