"""Members' answers to an announcement: "Đã nhận", "Tham gia" / "Không tham gia" (with an
optional reason). Answers can change until the event starts; every answer shows the
attendance buttons still open, so acknowledging never closes the attendance question."""

from __future__ import annotations

from bot.buttons.actions import Acknowledge, Attend
from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import broadcast as t
from bot.texts import common as ct
from bot.timefmt import show
from handlers import person_answers
from handlers.broadcast import received
from models import announcements, conversations
from models.announcements import Announcement, Answer, Recipient
from models.members import MemberStatus
from models.validators import TextRule
from rendering import received as received_view

REASON_FLOW_NAME = "rsvp_reason"
REASON_LIMIT = 300
REASON_RULE = TextRule(2, REASON_LIMIT)


async def _load(ctx: Context, announcement_id: int) -> tuple[Announcement, Recipient] | None:
    """The announcement and this member's recipient row, or None after saying why."""
    member = ctx.member
    row = await announcements.get(ctx.session, announcement_id=announcement_id)
    if row is None:
        ctx.say(t.ANNOUNCEMENT_GONE)
        return None
    if member is None or member.id is None or member.status != MemberStatus.ACTIVE:
        ctx.say(t.NOT_FOR_YOU)
        return None
    recipient = await announcements.recipient(
        ctx.session, announcement_id=announcement_id, member_id=member.id
    )
    if recipient is None:
        ctx.say(t.NOT_FOR_YOU)
        return None
    return row, recipient


async def acknowledge(ctx: Context) -> None:
    """The "Đã nhận" button: record that the member received the announcement."""
    button = await ctx.pressed(Acknowledge)
    if button is None:
        return
    loaded = await _load(ctx, button.announcement_id)
    if loaded is None:
        return
    row, recipient = loaded
    # Acknowledging never closes the attendance question: the answer asks it again (so the
    # attendance buttons are the last ones shown), until the event starts.
    follow_up = await _attendance_buttons(ctx, row)
    if await announcements.acknowledge(ctx.session, row=recipient, now=ctx.now()):
        ctx.say(t.ACKED.format(title=row.title), follow_up, columns=2)
    else:
        assert recipient.acked_at is not None
        when = show(recipient.acked_at, ctx.config.zone)
        ctx.say(t.ALREADY_ACKED.format(title=row.title, when=when), follow_up, columns=2)


async def _attendance_buttons(ctx: Context, row: Announcement) -> tuple[Option, ...]:
    """The attendance buttons still open for this person (of the original, for a correction)."""
    assert ctx.member is not None and ctx.member.id is not None
    found = await received.answer_rows(ctx, row, ctx.member.id)
    if found is None:
        return ()
    target, answered, _acked = found
    return received_view.follow_up(target, answered, ctx.now())


async def rsvp(ctx: Context) -> None:
    """The attend / not attend buttons: record (or change) the answer until the event starts."""
    button = await ctx.pressed(Attend)
    if button is None:
        return
    loaded = await _load(ctx, button.announcement_id)
    if loaded is None:
        return
    row, recipient = loaded
    zone = ctx.config.zone
    if not row.rsvp or row.event_at is None:
        ctx.say(t.NO_RSVP)
        return
    when = show(row.event_at, zone)
    if row.event_at <= ctx.now():
        ctx.say(t.ANSWER_CLOSED.format(title=row.title, when=when))
        return
    answer = Answer(button.answer)
    await announcements.answer(ctx.session, row=recipient, answer=answer, now=ctx.now())
    change = received_view.follow_up(row, recipient, ctx.now())
    if answer == Answer.YES:
        ctx.say(t.ATTEND_RECORDED.format(title=row.title, when=when), change)
        return
    busy = await conversations.load(
        ctx.session, channel=ctx.event.channel, external_id=ctx.event.external_id
    )
    if busy is not None:
        ctx.say(t.NOT_ATTEND_RECORDED.format(title=row.title), change)
        return
    ctx.say(t.NOT_ATTEND_RECORDED.format(title=row.title))
    await ctx.start_flow(REASON_FLOW_NAME, {"announcement": row.id})


async def preview_button(ctx: Context) -> None:
    """A button of a preview was pressed: explain that it is only a preview."""
    ctx.say(t.PREVIEW_BUTTON)


async def ask_reason(turn: Turn) -> Reply:
    """Why the member will not attend (optional)."""
    return Reply(t.ASK_REASON, (Option(ct.SKIP, "skip"),))


async def read_reason(turn: Turn) -> Outcome:
    """Keep the reason (or none)."""
    ctx = turn.ctx
    if turn.value == "skip":
        ctx.say(t.REASON_SKIPPED, await _change_after_reason(turn))
        return Done()
    reason = person_answers.free_text(turn.text, REASON_RULE, "reason", too_long=t.REASON_TOO_LONG)
    if isinstance(reason, Retry):
        return reason
    member = ctx.member
    announcement_id = int(turn.data.get("announcement", 0))
    if member is not None and member.id is not None:
        recipient = await announcements.recipient(
            ctx.session, announcement_id=announcement_id, member_id=member.id
        )
        if recipient is not None and recipient.answer == Answer.NO:
            await announcements.give_reason(ctx.session, row=recipient, reason=reason)
    ctx.say(t.REASON_THANKS, await _change_after_reason(turn))
    return Done()


async def _change_after_reason(turn: Turn) -> tuple[Option, ...]:
    """The "Tham gia" button to change one's mind while the event is still ahead."""
    ctx = turn.ctx
    announcement_id = int(turn.data.get("announcement", 0))
    row = await announcements.get(ctx.session, announcement_id=announcement_id)
    if row is None or ctx.member is None or ctx.member.id is None:
        return ()
    recipient = await announcements.recipient(
        ctx.session, announcement_id=row.id or 0, member_id=ctx.member.id
    )
    return received_view.follow_up(row, recipient, ctx.now())


REASON_FLOW = Flow(
    name=REASON_FLOW_NAME,
    title=t.REASON_TITLE,
    steps=(Step("reason", ask_reason, read_reason),),
)
