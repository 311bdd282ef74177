"""Date examples in prompts: moments the bot would accept now, written as people type them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.timefmt import DATE_TIME


def example_moment(now: datetime, zone: ZoneInfo, *, before: datetime | None = None) -> datetime:
    """A future local moment to show as an example.

    Next week at 08:00; for a send time before an event, the eve of the event at 07:00,
    or else the next full hour.
    """
    local_now = now.astimezone(zone)
    if before is None:
        return datetime.combine(local_now.date() + timedelta(days=7), time(8), tzinfo=zone)
    eve = datetime.combine(
        before.astimezone(zone).date() - timedelta(days=1), time(7), tzinfo=zone
    )
    if now < eve < before:
        return eve
    return (local_now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)


def when_example(now: datetime, zone: ZoneInfo, *, before: datetime | None = None) -> str:
    """The example in full, `dd/mm/yyyy hh:mm`."""
    return example_moment(now, zone, before=before).strftime(DATE_TIME)


def short_example(now: datetime, zone: ZoneInfo, *, before: datetime | None = None) -> str:
    """The same example the short way people type it: day/month and hour, `9/3 8h`."""
    moment = example_moment(now, zone, before=before)
    clock = f"{moment.hour}h" if moment.minute == 0 else f"{moment.hour}h{moment.minute:02d}"
    return f"{moment.day}/{moment.month} {clock}"
