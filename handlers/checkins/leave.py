""" "Đang nghỉ phép": a member pauses check-in prompts and reminders until a day; the rounds
they have not reported in do not count them while they are away."""

from __future__ import annotations

import datetime as dt

from bot.context import Context
from bot.conversation import Done, Outcome, Retry, Step, Turn
from bot.events import Reply
from bot.texts import checkins as t
from bot.timefmt import DATE
from handlers.tasks import shared
from models import checkins, datetimes
from models.members import Role
from models.validators import shorten

FLOW = "checkin_leave"
LONGEST_DAYS = 180
EXAMPLE_DAYS = 7


async def begin(ctx: Context) -> None:
    """Ask until when the person is on leave."""
    if ctx.member is None or not ctx.member.has_role(Role.MEMBER):
        ctx.say(t.LEAVE_NOT_MEMBER)
        return
    await ctx.start_flow(FLOW)


def _example(turn: Turn) -> str:
    return (shared.today(turn.ctx) + dt.timedelta(days=EXAMPLE_DAYS)).strftime(DATE)


async def ask_until(turn: Turn) -> Reply:
    """The last day of the leave."""
    return Reply(t.ASK_LEAVE.format(example=_example(turn)))


async def read_until(turn: Turn) -> Outcome:
    """Record the leave."""
    today = shared.today(turn.ctx)
    day = datetimes.read_date(turn.text, today=today)
    if not isinstance(day, dt.date):
        return Retry(t.LEAVE_BAD.format(text=shorten(turn.text), example=_example(turn)))
    if day < today:
        return Retry(t.LEAVE_PAST.format(date=day.strftime(DATE)))
    if (day - today).days > LONGEST_DAYS:
        return Retry(t.LEAVE_TOO_FAR.format(days=LONGEST_DAYS))
    member = turn.ctx.member
    if member is None or member.id is None or not member.has_role(Role.MEMBER):
        turn.ctx.say(t.LEAVE_NOT_MEMBER)
        return Done()
    await checkins.set_leave(turn.ctx.session, member_id=member.id, until=day, now=turn.ctx.now())
    turn.ctx.say(t.LEAVE_SAVED.format(date=day.strftime(DATE)))
    return Done()


STEPS = (Step("leave_until", ask_until, read_until),)
