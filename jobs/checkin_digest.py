"""The weekly digest of each coordinator (leader job): from the configured weekday and hour
of a week (`[checkins] digest_weekday`, `digest_hour`, local time) until the week ends, every
active coordinator not yet served this week gets one message — the late tasks in their scope,
the response rate of their last round, the blockers written in the last seven days — queued
as a reminder (held through quiet hours). The outbox key is unique per identity and week, so
a repeat or a second process adds nothing; a leader that was down catches up within the week.
"""

from __future__ import annotations

import datetime as dt
import logging

from jobs.context import JobContext
from models import checkin_digest, outbox, scopes, task_progress
from models.outbox import SENDING, MessageKind
from rendering import checkin_digest as rendering

log = logging.getLogger(__name__)

WEEK = dt.timedelta(days=7)


def week_slot(now: dt.datetime, *, weekday: int, hour: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """This week's moment for the digest (local weekday 1–7 at `hour`), as an aware time."""
    local = now.astimezone(zone)
    monday = local.date() - dt.timedelta(days=local.isoweekday() - 1)
    day = monday + dt.timedelta(days=weekday - 1)
    return dt.datetime.combine(day, hour, tzinfo=zone)


async def send_digests(context: JobContext) -> int:
    """Queue this week's digest for every coordinator not served yet; return how many."""
    config = context.services.config
    if not config.checkins.digest_enabled:
        return 0
    now = context.services.clock()
    zone = config.zone
    slot = week_slot(
        now, weekday=config.checkins.digest_weekday, hour=config.checkins.digest_hour, zone=zone
    )
    if now < slot:
        return 0
    key = checkin_digest.week_key(slot.date())
    today = now.astimezone(zone).date()
    since = now - WEEK
    sending = SENDING[MessageKind.REMINDER]
    queued = 0
    async with context.sessions() as session:
        served = await checkin_digest.already_queued(session, key=key)
        for member in await checkin_digest.coordinators(session):
            if member.id is None or member.id in served:
                continue
            scope = scopes.of(member)
            late = task_progress.late_first(
                await task_progress.in_scope(session, scope=scope, today=today)
            )
            reply = rendering.digest(
                name=member.full_name,
                since_day=since.astimezone(zone).strftime("%d/%m/%Y"),
                late=late,
                last=await checkin_digest.last_round(session, member_id=member.id, today=today),
                blockers=await checkin_digest.new_blockers(session, scope=scope, since=since),
                zone=zone,
            )
            queued += await outbox.enqueue(
                session,
                member_id=member.id,
                reply=reply,
                priority=sending.priority,
                kind="checkin_digest",
                dedupe_key=key,
                urgent=sending.through_quiet_hours,
            )
        await session.commit()
    if queued:
        log.info("weekly digest queued for %s identities", queued)
        if context.services.sender is not None:
            context.services.sender.wake()
    return queued
