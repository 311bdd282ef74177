"""/nhiemvu: the plan's tasks in the chat. A member gets their organisation's tasks and
updates their status; a coordinator gets the progress board of their scope (and their own
organisation's tasks); an admin also imports a plan, adds and edits tasks, sets deadlines
and a task's reminder days, changes who does a task and exports the spreadsheet. Every
state change re-checks the role (and the organisation or scope) when it is made."""

from __future__ import annotations

from bot.buttons.actions import DeadlineReminder, EscalationNudge
from bot.context import Context
from bot.conversation import Flow
from bot.router import Command, Feature
from bot.texts import task_chat as t
from handlers.tasks import (
    board,
    changes,
    creating,
    days_off,
    export,
    importing,
    mine,
    reminder_days,
    reminders,
    shared,
)
from models.members import Role
from rendering.members import scope_label

BOARD_FLOW = "tasks"


async def begin(ctx: Context) -> None:
    """/nhiemvu: the board for coordinators and admins, a member's own tasks otherwise."""
    if not shared.is_coordinator(ctx):
        await mine.begin(ctx)
    elif await board.has_board(ctx) or await mine.has_tasks(ctx):
        await ctx.start_flow(BOARD_FLOW)
    else:
        scope = scope_label(ctx.member) if ctx.member else ""
        ctx.say(t.BOARD_NOTHING.format(scope=scope))


BOARD = Flow(
    name=BOARD_FLOW,
    title=t.TITLE,
    steps=(
        *board.STEPS,
        *mine.STEPS,
        *importing.STEPS,
        *creating.STEPS,
        *changes.STEPS,
        *reminder_days.STEPS,
        *export.STEPS,
        *days_off.STEPS,
    ),
)
MINE = Flow(name=mine.FLOW, title=t.TITLE_MINE, steps=mine.STEPS)


def setup() -> Feature:
    """Register /nhiemvu and its conversations."""
    return Feature(
        name="tasks",
        commands=(Command(mine.COMMAND, begin, t.CMD, access=Role.MEMBER, button=t.BUTTON),),
        flows=(BOARD, MINE, reminders.REASON),
        actions={DeadlineReminder: reminders.answer, EscalationNudge: reminders.nudge},
    )
