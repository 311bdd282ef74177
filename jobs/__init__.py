"""Recurring jobs. APScheduler is the clock; the database says what is due.

Every job is a thin sweep over the database, registered here with a stable id,
so a restart neither loses nor repeats work and a late run simply catches up.
Each run is counted and timed under its id (bot.metrics).

Two kinds: the leader's jobs run in one process only (the scheduler leader, see
`bot.leadership`): releasing announcements, reminders, housekeeping. A running process that
takes the lead over from another (the leader died or stopped) runs each of them once at once
(`run_leader_jobs`) rather than a full interval later, so the takeover catches up within
seconds; a process leading from its start keeps to the intervals. The process jobs run in
every process because they look after that process's own parts: the outbox sweep restarts
this process's send workers (its re-queue of abandoned rows is one conditional UPDATE,
harmless when several processes run it).
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from jobs import announcements, checkin_digest, checkins, housekeeping, sender, task_reminders
from jobs.context import JobContext

log = logging.getLogger(__name__)

GRACE_SECONDS = 300

Job = Callable[[JobContext], Awaitable[Any]]

LEADER_JOBS: dict[str, tuple[Job, dict[str, float]]] = {
    "announcements.release": (announcements.release_due, {"seconds": 5}),
    "tasks.remind": (task_reminders.remind_due, {"minutes": 5}),
    "announcements.remind": (announcements.remind_due, {"minutes": 5}),
    "checkins.sweep": (checkins.sweep, {"minutes": 1}),
    "tasks.escalate": (task_reminders.escalate_due, {"minutes": 15}),
    "checkins.digest": (checkin_digest.send_digests, {"minutes": 10}),
    "housekeeping.purge-stale": (housekeeping.purge_stale, {"hours": 1}),
    "housekeeping.retention": (housekeeping.purge_old, {"hours": 1}),
}
"""Job id → (job, interval): run by the scheduler leader only (in this order on taking the
lead: what people wait for first, housekeeping last)."""

PROCESS_JOBS: dict[str, tuple[Job, dict[str, float]]] = {
    "outbox.sweep": (sender.sweep, {"seconds": 30}),
}
"""Job id → (job, interval): run by every process."""


def _add(
    scheduler: AsyncIOScheduler,
    context: JobContext,
    table: dict[str, tuple[Job, dict[str, float]]],
) -> None:
    zone = context.services.config.zone
    for job_id, (job, every) in table.items():
        scheduler.add_job(
            timed(job_id, job),
            IntervalTrigger(timezone=zone, **every),
            args=[context],
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=GRACE_SECONDS,
        )


def register_process_jobs(scheduler: AsyncIOScheduler, context: JobContext) -> None:
    """Add the jobs every process runs (replacing any of the same id)."""
    _add(scheduler, context, PROCESS_JOBS)


def register_leader_jobs(scheduler: AsyncIOScheduler, context: JobContext) -> None:
    """Add the jobs only the scheduler leader runs (replacing any of the same id)."""
    _add(scheduler, context, LEADER_JOBS)


async def run_leader_jobs(context: JobContext) -> None:
    """Run each of the leader's jobs once now, one after the other (counted and timed like
    the scheduler's runs); a job that fails is logged and the others still run."""
    for job_id, (job, _) in LEADER_JOBS.items():
        try:
            await timed(job_id, job)(context)
        except Exception:
            log.exception("job %s failed on taking the lead", job_id)


def remove_leader_jobs(scheduler: AsyncIOScheduler) -> None:
    """Take the leader's jobs off the scheduler (this process lost the leadership)."""
    for job_id in LEADER_JOBS:
        if scheduler.get_job(job_id) is not None:
            scheduler.remove_job(job_id)


def timed(name: str, job: Job) -> Job:
    """The job, counted and timed under `name` in the app's metrics."""

    async def run(context: JobContext) -> Any:
        return await context.services.metrics.timed_job(name, lambda: job(context))

    run.__name__ = run.__qualname__ = f"timed_{job.__name__}"
    return run


def register(scheduler: AsyncIOScheduler, context: JobContext) -> None:
    """Add every recurring job to the scheduler (replacing any of the same id)."""
    register_process_jobs(scheduler, context)
    register_leader_jobs(scheduler, context)
