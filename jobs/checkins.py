"""Progress check-in rounds over time: open the rounds whose time has come, add to the open
rounds the members who came into their audience since (until nine tenths of the window) and
prompt them, remind the people who have not reported at half and four fifths of the window,
close the rounds at their time and send each creator the list of who did not report, and
schedule the next round of a recurring series. One sweep over the database; each step is
marked done in the same transaction as its messages (outbox keys make a repeat harmless), so
a restart catches up.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from jobs.context import JobContext
from models import checkins, members, outbox
from models.checkins import CheckinRound, RoundState
from models.outbox import SENDING, MessageKind
from rendering import checkins as rendering

log = logging.getLogger(__name__)

HALF = 0.5
LATE = 0.8


async def open_due(
    session: AsyncSession, *, row: CheckinRound, catalog: str, zone: ZoneInfo, now: dt.datetime
) -> int | None:
    """Open one round now: the prompt queued for each of its people; None when its creator
    may no longer ask anyone (the round is then cancelled)."""
    found = await checkins.opener(session, row=row, now=now)
    if found is None:
        log.warning("check-in round %s cancelled: its creator may no longer ask", row.id)
        return None
    author, scope = found
    return await checkins.open_round(
        session,
        row=row,
        scope=scope,
        catalog=catalog,
        reply=rendering.prompt(row, zone, author=author.full_name),
        today=now.astimezone(zone).date(),
        now=now,
    )


async def _join(
    session: AsyncSession, row: CheckinRound, catalog: str, zone: ZoneInfo, now: dt.datetime
) -> int:
    """Add the members who came into an open round's audience (or back from leave) and
    queue them its prompt."""
    joined = await checkins.late_people(
        session, row=row, catalog=catalog, today=now.astimezone(zone).date(), now=now
    )
    if not joined:
        return 0
    author = await members.get_member(session, member_id=row.author_member_id)
    reply = rendering.prompt(row, zone, author=author.full_name if author else "")
    count = await checkins.prompt_late(session, row=row, member_ids=joined, reply=reply)
    log.info(
        "check-in round %s: %d joined or back from leave, %d prompted", row.id, len(joined), count
    )
    return count


async def _remind(
    session: AsyncSession, row: CheckinRound, zone: ZoneInfo, now: dt.datetime
) -> int:
    """The reminders due in an open round (only the later one when both are due at once)."""
    step = None
    if row.reminded_late_at is None and now >= row.mark(LATE):
        step = "80"
    elif row.reminded_half_at is None and now >= row.mark(HALF):
        step = "50"
    if step is None:
        return 0
    payload_id = await outbox.store_payload(session, reply=rendering.reminder(row, zone))
    count = await checkins.remind(
        session, row=row, step=step, payload_id=payload_id, today=now.astimezone(zone).date()
    )
    if step == "80":
        row.reminded_late_at = now
    row.reminded_half_at = row.reminded_half_at or now
    session.add(row)
    return count


async def _report(
    session: AsyncSession, row: CheckinRound, zone: ZoneInfo, now: dt.datetime
) -> int:
    """Send the creator of a closed round who did not report, by district and commune."""
    assert row.id is not None
    today = now.astimezone(zone).date()
    counted = await checkins.response(session, round_id=row.id, today=today)
    missing = await checkins.missing(session, round_id=row.id, today=today)
    sending = SENDING[MessageKind.REMINDER]
    queued = await outbox.enqueue(
        session,
        member_id=row.author_member_id,
        reply=rendering.closed_report(row, zone, counted, missing),
        priority=sending.priority,
        kind="checkin_closed",
        dedupe_key=f"{row.key}:closed",
        urgent=sending.through_quiet_hours,
    )
    row.reported_at = now
    session.add(row)
    return queued


async def sweep(context: JobContext) -> int:
    """Open, remind, close, report and schedule what is due; return how many messages were
    queued."""
    now = context.services.clock()
    config = context.services.config
    zone, catalog = config.zone, config.units.catalog
    queued = 0
    async with context.sessions() as session:
        for row in await checkins.in_state(session, state=RoundState.SCHEDULED):
            if row.opens_at <= now:
                queued += (
                    await open_due(session, row=row, catalog=catalog, zone=zone, now=now) or 0
                )
        for row in await checkins.in_state(session, state=RoundState.OPEN):
            if row.closes_at <= now:
                await checkins.close(session, row=row, now=now)
            else:
                # reminders first: someone joining now gets the prompt, not both at once
                queued += await _remind(session, row, zone, now)
                queued += await _join(session, row, catalog, zone, now)
        for row in await checkins.unreported(session):
            queued += await _report(session, row, zone, now)
        for row in await checkins.needing_next(session):
            following = await checkins.schedule_next(session, row=row, zone=zone, now=now)
            if following is not None:
                log.info("check-in round %s scheduled after %s", following.id, row.id)
        await session.commit()
    if queued and context.services.sender is not None:
        context.services.sender.wake()
    return queued
