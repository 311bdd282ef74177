"""A member's announcements (/thongbao for members; "📥 Thông báo đã nhận" for
coordinators): the recent ones sent to them with their answer so far, and one of them again
with the buttons to change the answer until the event starts."""

from __future__ import annotations

from bot.buttons.actions import Received
from bot.context import Context
from bot.texts import broadcast as t
from models import announcements, members
from models.announcements import Announcement, Recipient
from models.members import MemberStatus
from rendering import received as rendering

LIST_SIZE = 8


async def answer_rows(
    ctx: Context, row: Announcement, member_id: int
) -> tuple[Announcement, Recipient, Recipient] | None:
    """For one announcement sent to a member: the announcement whose attendance is asked
    (the original of a correction), the row holding the answer and the row of this very
    message; None if it was not sent to them."""
    acked = await announcements.recipient(
        ctx.session, announcement_id=row.id or 0, member_id=member_id
    )
    if acked is None:
        return None
    if row.corrects_id is None:
        return row, acked, acked
    original = await announcements.get(ctx.session, announcement_id=row.corrects_id)
    if original is None:
        return row, acked, acked
    answered = await announcements.recipient(
        ctx.session, announcement_id=row.corrects_id, member_id=member_id
    )
    return original, answered or acked, acked


def _member_id(ctx: Context) -> int | None:
    member = ctx.member
    if member is None or member.id is None or member.status != MemberStatus.ACTIVE:
        return None
    return member.id


async def show_list(ctx: Context, *, intro: str | None = None) -> None:
    """The latest announcements sent to the person, each a button that opens it."""
    member_id = _member_id(ctx)
    if member_id is None:
        ctx.say(t.NOT_FOR_YOU)
        return
    lead = [intro] if intro else []
    rows = await announcements.received_by(ctx.session, member_id=member_id, limit=LIST_SIZE)
    if not rows:
        ctx.say("\n".join([*lead, t.MINE_EMPTY]))
        return
    options = []
    for row, _recipient in rows:
        found = await answer_rows(ctx, row, member_id)
        if found is not None:
            target, answered, acked = found
            options.append(rendering.list_option(row, target, answered, acked, ctx.config.zone))
    ctx.say("\n".join([*lead, t.MINE_HEADER]), options)


async def open_list(ctx: Context) -> None:
    """The "Các thông báo khác" button."""
    await show_list(ctx)


async def open_one(ctx: Context) -> None:
    """One announcement sent to the person, with their answer and the buttons still open."""
    button = await ctx.pressed(Received)
    if button is None:
        return
    member_id = _member_id(ctx)
    row = await announcements.get(ctx.session, announcement_id=button.announcement_id)
    found = None
    if row is not None and member_id is not None:
        found = await answer_rows(ctx, row, member_id)
    if row is None or found is None:
        ctx.say(t.NOT_FOR_YOU)
        return
    target, answered, acked = found
    author = await members.get_member(ctx.session, member_id=row.author_member_id)
    ctx.replies.append(
        rendering.view(
            row,
            target,
            answered,
            acked,
            ctx.config.zone,
            author=author.full_name if author else None,
            now=ctx.now(),
        )
    )
