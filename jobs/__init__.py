"""Recurring jobs. APScheduler is the clock; the database says what is due.

Every job is a thin sweep over the database, registered here with a stable id,
so a restart neither loses nor repeats work and a late run simply catches up.
Each run is counted and timed under its id (bot.metrics).
"""

from collections.abc import Awaitable, Callable
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from jobs import announcements, housekeeping, sender
from jobs.context import JobContext

GRACE_SECONDS = 300

Job = Callable[[JobContext], Awaitable[Any]]


def timed(name: str, job: Job) -> Job:
    """The job, counted and timed under `name` in the app's metrics."""

    async def run(context: JobContext) -> Any:
        return await context.services.metrics.timed_job(name, lambda: job(context))

    run.__name__ = run.__qualname__ = f"timed_{job.__name__}"
    return run


def register(scheduler: AsyncIOScheduler, context: JobContext) -> None:
    """Add every recurring job to the scheduler (replacing any of the same id)."""
    zone = context.services.config.zone
    common = {
        "replace_existing": True,
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": GRACE_SECONDS,
    }
    schedule: list[tuple[str, Job, dict[str, float]]] = [
        ("housekeeping.purge-stale", housekeeping.purge_stale, {"hours": 1}),
        ("housekeeping.retention", housekeeping.purge_old, {"hours": 1}),
        ("outbox.sweep", sender.sweep, {"seconds": 30}),
        ("announcements.release", announcements.release_due, {"seconds": 5}),
        ("announcements.remind", announcements.remind_due, {"minutes": 5}),
    ]
    for name, job, every in schedule:
        scheduler.add_job(
            timed(name, job),
            IntervalTrigger(**every, timezone=zone),
            args=[context],
            id=name,
            **common,
        )
