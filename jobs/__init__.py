"""Recurring jobs. APScheduler is the clock; the database says what is due.

Every job is a thin sweep over the database, registered here with a stable id,
so a restart neither loses nor repeats work and a late run simply catches up.
"""

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from jobs import announcements, housekeeping, sender
from jobs.context import JobContext

GRACE_SECONDS = 300


def register(scheduler: AsyncIOScheduler, context: JobContext) -> None:
    """Add every recurring job to the scheduler (replacing any of the same id)."""
    zone = context.services.config.zone
    common = {
        "replace_existing": True,
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": GRACE_SECONDS,
    }
    scheduler.add_job(
        housekeeping.purge_stale,
        IntervalTrigger(hours=1, timezone=zone),
        args=[context],
        id="housekeeping.purge-stale",
        **common,
    )
    scheduler.add_job(
        sender.sweep,
        IntervalTrigger(seconds=30, timezone=zone),
        args=[context],
        id="outbox.sweep",
        **common,
    )
    scheduler.add_job(
        announcements.release_due,
        IntervalTrigger(seconds=5, timezone=zone),
        args=[context],
        id="announcements.release",
        **common,
    )
    scheduler.add_job(
        announcements.remind_due,
        IntervalTrigger(minutes=5, timezone=zone),
        args=[context],
        id="announcements.remind",
        **common,
    )
