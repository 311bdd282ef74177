"""The admin's days off in /nhiemvu: the public holidays and added days off ahead, adding a
day off (the government's make-up days off, a provincial holiday) and removing one. The
same calendar the reminders keep to and `mangluoi tasks days-off` edits."""

from __future__ import annotations

import datetime as dt

from bot.conversation import Done, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from bot.texts import task_reminders as rt
from bot.timefmt import DATE
from handlers.person_answers import free_text
from handlers.tasks import shared
from models import days_off
from models.validators import TextRule
from models.working_days import WEEKEND
from rendering import task_reminders as view

DAYS_AHEAD = 90
NAME_RULE = TextRule(2, 100)
ADD, REMOVE = "add", "remove"


async def _upcoming(turn: Turn) -> str:
    calendar = await days_off.calendar(turn.ctx.session)
    today = shared.today(turn.ctx)
    found = [
        (day, name)
        for day, name in calendar.days_off_between(today, today + dt.timedelta(days=DAYS_AHEAD))
        if day.weekday() not in WEEKEND or day in calendar.extra_days_off
    ]
    return view.upcoming_days_off(found, set(calendar.extra_days_off), days=DAYS_AHEAD)


async def _ahead(turn: Turn) -> list[days_off.DayOff]:
    today = shared.today(turn.ctx)
    return [row for row in await days_off.listed(turn.ctx.session) if row.day >= today]


async def ask_days_off(turn: Turn) -> Reply:
    """The days off ahead, and what an admin may change."""
    options = [Option(rt.DAY_OFF_ADD_BUTTON, ADD)]
    if await _ahead(turn):
        options.append(Option(rt.DAY_OFF_REMOVE_BUTTON, REMOVE))
    return Reply(await _upcoming(turn), tuple(options))


async def read_days_off(turn: Turn) -> Outcome:
    """Add a day off, or pick one to remove."""
    if not shared.is_admin(turn.ctx):
        return Retry(t.ONLY_ADMIN)
    if turn.value == ADD:
        return Next("day_off_date")
    if turn.value == REMOVE:
        return Next("day_off_remove")
    return Retry(ct.PICK_AN_OPTION)


async def ask_day_off_date(turn: Turn) -> Reply:
    """The day to add."""
    return Reply(rt.ASK_DAY_OFF_DATE.format(example=shared.day_example(turn)))


async def read_day_off_date(turn: Turn) -> Outcome:
    """A day from today on, in any form people type dates."""
    day = shared.typed_day(turn)
    if isinstance(day, Retry):
        return day
    turn.data["day_off"] = day.isoformat()
    return Next("day_off_name")


async def ask_day_off_name(turn: Turn) -> Reply:
    """The name of the day off."""
    day = dt.date.fromisoformat(str(turn.data["day_off"]))
    return Reply(rt.ASK_DAY_OFF_NAME.format(date=day.strftime(DATE)))


async def read_day_off_name(turn: Turn) -> Outcome:
    """Record the day off (a day already added is renamed)."""
    if not shared.is_admin(turn.ctx):
        return Retry(t.ONLY_ADMIN)
    name = free_text(turn.text, NAME_RULE, "day_off")
    if isinstance(name, Retry):
        return name
    day = dt.date.fromisoformat(str(turn.data["day_off"]))
    fresh = await days_off.add(
        turn.ctx.session, day=day, name=name, by_label=shared.ACTOR, now=turn.ctx.now()
    )
    said = rt.DAY_OFF_ADDED if fresh else rt.DAY_OFF_RENAMED
    turn.ctx.say(said.format(date=day.strftime(DATE), name=name))
    return Done()


async def ask_day_off_remove(turn: Turn) -> Reply:
    """The added days off from today on, to pick one."""
    rows = await _ahead(turn)
    if not rows:
        return Reply(rt.DAY_OFF_NONE_AHEAD)
    options = tuple(
        Option(
            rt.DAY_OFF_CHOICE.format(date=row.day.strftime(DATE), name=row.name),
            row.day.isoformat(),
        )
        for row in rows[: shared.PAGE]
    )
    return Reply(rt.ASK_DAY_OFF_REMOVE, options)


async def read_day_off_remove(turn: Turn) -> Outcome:
    """Remove the day picked."""
    if not shared.is_admin(turn.ctx):
        return Retry(t.ONLY_ADMIN)
    try:
        day = dt.date.fromisoformat(turn.value or "")
    except ValueError:
        return Retry(ct.PICK_AN_OPTION)
    shown = day.strftime(DATE)
    if await days_off.remove(turn.ctx.session, day=day, by_label=shared.ACTOR):
        turn.ctx.say(rt.DAY_OFF_REMOVED.format(date=shown))
    else:
        turn.ctx.say(rt.DAY_OFF_MISSING.format(date=shown))
    return Done()


STEPS = (
    Step("days_off", ask_days_off, read_days_off, free_text=False),
    Step("day_off_date", ask_day_off_date, read_day_off_date),
    Step("day_off_name", ask_day_off_name, read_day_off_name),
    Step("day_off_remove", ask_day_off_remove, read_day_off_remove, free_text=False),
)
