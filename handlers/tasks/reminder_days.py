"""A task's own reminder days in /nhiemvu (admins): the days its deadlines are reminded on
(its own, or the configured ones), new days typed ("7, 3, 1, 0"), or back to the configured
ones. The same change as `mangluoi tasks reminders N --offsets`, audited the same way; the
deadlines not done are worked out again by the next reminder run."""

from __future__ import annotations

from collections.abc import Sequence

from bot.conversation import Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as tc
from bot.texts import task_reminders as t
from handlers.tasks import shared
from handlers.tasks.changes import allowed, open_task
from models import reminder_schedule, task_edits
from models.tasks import Task
from rendering import task_reminders as view

CHANGE, DEFAULT = "change", "default"


def _schedule(turn: Turn, task: Task) -> str:
    """The task's reminder days in words (its own, or the configured ones)."""
    configured = turn.ctx.config.tasks
    own = reminder_schedule.parse_offsets(task.reminder_offsets or "")
    offsets: Sequence[int] = own or configured.reminder_offsets
    return view.schedule(offsets, overdue_every=configured.overdue_every_days, own=bool(own))


async def ask_reminder_days(turn: Turn) -> Reply:
    """The task's reminder days, and the admin's choices."""
    task = await open_task(turn)
    if task is None:
        return Reply(tc.TASK_GONE)
    text = t.SHOW_REMINDER_DAYS.format(number=task.number, schedule=_schedule(turn, task))
    options = [Option(t.CHANGE_DAYS_BUTTON, CHANGE)]
    if task.reminder_offsets:
        options.append(Option(t.USE_DEFAULT_BUTTON, DEFAULT))
    return Reply(text, tuple(options))


async def read_reminder_days(turn: Turn) -> Outcome:
    """Type new days, or go back to the configured ones."""
    if turn.value == CHANGE:
        if not shared.is_admin(turn.ctx):
            turn.ctx.say(tc.ONLY_ADMIN)
            return Next("task")
        return Next("reminder_days_typed")
    if turn.value == DEFAULT:
        return await _save(turn, None)
    return Retry(ct.PICK_AN_OPTION)


async def ask_typed_days(turn: Turn) -> Reply:
    """The new reminder days, with an example."""
    task = await open_task(turn)
    if task is None:
        return Reply(tc.TASK_GONE)
    return Reply(t.ASK_REMINDER_DAYS.format(number=task.number))


async def read_typed_days(turn: Turn) -> Outcome:
    """Keep the days typed, or ask again with an example."""
    offsets = reminder_schedule.parse_offsets(turn.text or "")
    if offsets is None:
        text = " ".join((turn.text or "").split())
        return Retry(t.REMINDER_DAYS_BAD.format(text=text, limit=reminder_schedule.MAX_OFFSET))
    return await _save(turn, offsets)


async def _save(turn: Turn, offsets: Sequence[int] | None) -> Outcome:
    """Store the task's own days (None: the configured ones), confirmed in one line."""
    task = await open_task(turn)
    if (refused := allowed(turn, task)) is not None:
        return refused
    assert task is not None
    await task_edits.set_reminder_offsets(
        turn.ctx.session,
        task=task,
        offsets=offsets,
        by_member_id=shared.member_id(turn.ctx),
        by_label=shared.ACTOR,
        now=turn.ctx.now(),
    )
    said = t.REMINDER_DAYS_SET if offsets else t.REMINDER_DAYS_RESET
    turn.ctx.say(said.format(number=task.number, schedule=_schedule(turn, task)))
    return Next("task")


STEPS = (
    Step("reminder_days", ask_reminder_days, read_reminder_days, free_text=False),
    Step("reminder_days_typed", ask_typed_days, read_typed_days),
)
