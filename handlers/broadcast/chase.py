"""The "Nhắc những người chưa trả lời" button of a report: one reminder, through the outbox,
to the recipients inside the viewer's scope who have not acknowledged (or, while the event
is ahead, not answered whether they attend). Its outbox key is unique per announcement ×
person, so pressing again (or a coordinator above pressing later) sends nothing twice."""

from __future__ import annotations

from datetime import datetime

from bot.buttons.actions import Report, ReportView
from bot.context import Context
from bot.events import Option
from bot.texts import broadcast as t
from handlers.notify import real_send_time
from models import outbox, releases
from models.announcement_reports import Tally
from models.announcements import Announcement, AnnouncementState
from models.outbox import MessageKind
from models.scopes import Scope
from rendering import announcements as message
from rendering import sending
from rendering.received import attendance_open

BATCH = 500
RELEASED = (AnnouncementState.RELEASING, AnnouncementState.SENT)


def remind_option(row: Announcement, total: Tally, now: datetime) -> Option | None:
    """The reminder button, when someone in the report has not answered yet."""
    if row.state not in RELEASED or row.corrects_id is not None or row.id is None:
        return None
    answered = total.yes + total.no if attendance_open(row, now) else total.acked
    if total.total <= answered:
        return None
    return Option(t.REMIND_BUTTON, Report(row.id, ReportView.REMIND).encode())


async def remind(ctx: Context, row: Announcement, scope: Scope) -> None:
    """Queue the reminder for those in `scope` who have not answered; say how many, how
    many had it already, and when it goes if quiet hours hold it."""
    if row.state not in RELEASED or row.corrects_id is not None:
        ctx.say(t.CHASE_NOT_SENT)
        return
    now = ctx.now()
    still_open = attendance_open(row, now)
    reply = message.chase(row, ctx.config.zone, attendance_open=still_open)
    payload_id = await outbox.store_payload(ctx.session, reply=reply)
    queued = before = waiting = 0
    after = 0
    while True:
        done = await releases.chase_batch(
            ctx.session,
            row=row,
            scope=scope,
            payload_id=payload_id,
            attendance_open=still_open,
            after_id=after,
            limit=BATCH,
        )
        if done is None:
            break
        queued, before, waiting = (
            queued + done.queued,
            before + done.before,
            waiting + done.waiting,
        )
        after = done.last_id
    if waiting == 0:
        ctx.say(t.CHASE_NONE, (Option(t.REFRESH, Report(row.id or 0).encode()),))
        return
    lines = [
        t.CHASE_QUEUED.format(count=queued, title=row.title)
        if queued
        else t.CHASE_NOTHING_NEW.format(title=row.title)
    ]
    if before:
        lines.append(t.CHASE_BEFORE.format(count=before))
    if waiting - queued - before > 0:
        lines.append(t.CHASE_UNREACHABLE.format(count=waiting - queued - before))
    goes = real_send_time(ctx, now, message=MessageKind.REMINDER)
    if queued and goes > now:
        quiet = ctx.config.quiet_hours
        lines.append(
            t.CHASE_HELD.format(
                start=quiet.start.strftime("%H:%M"),
                end=quiet.end.strftime("%H:%M"),
                when=sending.soon(goes, ctx.config.zone, now=now),
            )
        )
    ctx.say("\n".join(lines), (Option(t.REFRESH, Report(row.id or 0).encode()),))
