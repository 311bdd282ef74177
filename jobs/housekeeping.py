"""Forgetting what is no longer useful: long-idle conversations, old button tokens, and
(retention) old outbox rows, message bodies, announcement files, download links that ran
out, and the records of deadline reminders and escalations whose deadline can no longer
remind anybody.

Idle conversations are ended lazily, when the person writes again, so that they
are told; this sweep only removes those nobody came back to for a long time.
"""

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from jobs.context import JobContext
from models import conversations, file_links, options, retention
from models.reminder_schedule import OVERDUE_HORIZON

log = logging.getLogger(__name__)

TOKEN_LIFETIME = timedelta(days=60)
FORGOTTEN_AFTER = timedelta(days=30)
BATCH = 1000
MAX_BATCHES = 50
"""At most this many batches of each kind per run; the next run goes on (hourly)."""

Purge = Callable[..., Awaitable[int]]


async def purge_stale(context: JobContext) -> None:
    """Delete conversations idle for a month and button tokens older than two months."""
    now = context.services.clock()
    async with context.sessions() as session:
        ended = await conversations.expire_idle(session, older_than=now - FORGOTTEN_AFTER)
        await options.purge_older_than(session, before=now - TOKEN_LIFETIME)
        await session.commit()
    if ended:
        log.info("forgot %d conversations idle for over %s", len(ended), FORGOTTEN_AFTER)


@dataclass(frozen=True)
class Purged:
    """What one retention run deleted."""

    outbox: int = 0
    payloads: int = 0
    files: int = 0
    links: int = 0
    reminders: int = 0
    escalations: int = 0


async def purge_old(
    context: JobContext, *, batch: int = BATCH, max_batches: int = MAX_BATCHES
) -> Purged:
    """Delete finished outbox rows, then unused message bodies, older than
    `retention.outbox_days`, and announcement files older than `retention.attachment_days`
    (0: kept forever), and download links that ran out (with the files only they kept), one
    committed batch at a time. The records of deadline reminders and escalations older than
    `retention.outbox_days` go too once their deadline can no longer remind: replaced, or
    past the overdue horizon."""
    settings = context.services.config.retention
    now = context.services.clock()
    outbox = payloads = files = 0
    reminders = escalations = 0

    async def sweep(purge: Purge, before: datetime) -> int:
        return await _sweep(context, purge, before, batch, max_batches)

    if settings.outbox_days:
        before = now - timedelta(days=settings.outbox_days)
        outbox = await sweep(retention.purge_outbox, before)
        payloads = await sweep(retention.purge_payloads, before)
        # A day's margin over the horizon: the job counts it in local days.
        past = (now - OVERDUE_HORIZON - timedelta(days=1)).date()
        reminders = await sweep(
            functools.partial(retention.purge_task_reminders, past=past), before
        )
        escalations = await sweep(
            functools.partial(retention.purge_task_escalations, past=past), before
        )
    if settings.attachment_days:
        before = now - timedelta(days=settings.attachment_days)
        files = await sweep(retention.purge_files, before)
    links = await sweep(file_links.purge_expired, now)
    purged = Purged(
        outbox=outbox,
        payloads=payloads,
        files=files,
        links=links,
        reminders=reminders,
        escalations=escalations,
    )
    if purged != Purged():
        log.info(
            "retention: deleted %d outbox rows, %d message bodies, %d announcement files, "
            "%d download links, %d deadline reminder and %d escalation records",
            outbox,
            payloads,
            files,
            links,
            reminders,
            escalations,
        )
    return purged


async def _sweep(
    context: JobContext, purge: Purge, before: datetime, batch: int, max_batches: int
) -> int:
    total = 0
    for _ in range(max_batches):
        async with context.sessions() as session:
            count = await purge(session, before=before, limit=batch)
            await session.commit()
        total += count
        if count < batch:
            break
    return total
