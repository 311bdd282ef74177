"""A member's tasks (/nhiemvu): the tasks of their organisation, page by page, one of them
opened, and its status updated (a blocked task with a short reason), with history."""

from __future__ import annotations

from bot.buttons.actions import RunCommand
from bot.buttons.choices import AssignmentChoice, StatusChoice
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from handlers.tasks import shared
from models import organisations, task_assignments, task_progress
from models.members import Role
from models.task_progress import Progress
from models.tasks import TaskStatus
from rendering import task_progress as view

FLOW = "tasks_mine"
COMMAND = "nhiemvu"
SOURCE = "chat"
PAGE_KEY = "mine_page"


async def _items(ctx: Context) -> list[Progress]:
    member = ctx.member
    if member is None or member.organisation_id is None:
        return []
    return await task_progress.of_organisation(
        ctx.session, organisation_id=member.organisation_id, today=shared.today(ctx)
    )


async def has_tasks(ctx: Context) -> bool:
    """Whether the person's organisation has tasks to update."""
    return bool(await _items(ctx))


async def organisation_name(ctx: Context) -> str | None:
    """The short name of the person's organisation, if they have one."""
    member = ctx.member
    if member is None or member.organisation_id is None:
        return None
    org = await organisations.get(ctx.session, organisation_id=member.organisation_id)
    return org.display if org else None


async def begin(ctx: Context) -> None:
    """/nhiemvu for a member: their organisation's tasks, or why there are none."""
    name = await organisation_name(ctx)
    if name is None:
        ctx.say(t.NO_ORGANISATION)
    elif not await has_tasks(ctx):
        ctx.say(t.NO_TASKS.format(org=name))
    else:
        await ctx.start_flow(FLOW)


async def ask_list(turn: Turn) -> Reply:
    """One page of the organisation's tasks, each a button."""
    items = await _items(turn.ctx)
    name = await organisation_name(turn.ctx)
    if not items or name is None:
        return Reply(t.NO_TASKS.format(org=name) if name else t.NO_ORGANISATION)
    page = shared.cut(items, int(turn.data.get(PAGE_KEY, 0)))
    text = view.my_list(
        name, page.items, first=page.first, total=page.total, page=page.page, pages=page.pages
    )
    options = [
        Option(view.task_label(item.task), AssignmentChoice(item.assignment.id or 0).encode())
        for item in page.items
    ]
    return Reply(text, (*options, *shared.page_options(page)))


async def read_list(turn: Turn) -> Outcome:
    """Open a task, or turn the page."""
    if shared.turned_page(turn, PAGE_KEY):
        return Next("mine_list")
    choice = AssignmentChoice.decode(turn.value)
    if choice is None:
        return Retry(ct.PICK_AN_OPTION)
    turn.data["assignment"] = choice.assignment_id
    return Next("mine_task")


async def _mine(turn: Turn) -> Progress | None:
    """The opened assignment, if the person is still an active member of its organisation."""
    member = turn.ctx.member
    if member is None or member.organisation_id is None or not member.has_role(Role.MEMBER):
        return None
    item = await task_progress.of_assignment(
        turn.ctx.session,
        assignment_id=int(turn.data.get("assignment", 0)),
        today=shared.today(turn.ctx),
    )
    if item is None or item.assignment.organisation_id != member.organisation_id:
        return None
    return item


async def ask_task(turn: Turn) -> Reply:
    """One task: as printed, the deadline and the status, with the statuses to choose."""
    item = await _mine(turn)
    if item is None:
        return Reply(t.MINE_GONE)
    plan = await shared.plan_name(turn.ctx, item.task.plan_id)
    text = view.my_task(item, plan, turn.ctx.config.zone)
    options = [
        Option(label, StatusChoice(status).encode()) for status, label in t.NEW_STATUS.items()
    ]
    return Reply(text, tuple(options), columns=2)


def _status(value: str | None) -> TaskStatus | None:
    choice = StatusChoice.decode(value)
    if choice is None or choice.status not in t.NEW_STATUS:
        return None
    return TaskStatus(choice.status)


async def read_task(turn: Turn) -> Outcome:
    """Record the status chosen; a blocked task asks for its reason first."""
    status = _status(turn.value)
    if status is None:
        return Retry(ct.PICK_AN_OPTION)
    if status == TaskStatus.BLOCKED:
        turn.data["status"] = status.value
        return Next("mine_reason")
    return await _save(turn, status, None)


async def ask_reason(turn: Turn) -> Reply:
    """Ask what blocks the task."""
    return shared.ask_blocker()


async def read_reason(turn: Turn) -> Outcome:
    """Record the blocked status with its reason."""
    reason = shared.typed_blocker(turn)
    if isinstance(reason, Retry):
        return reason
    return await _save(turn, TaskStatus.BLOCKED, reason)


async def _save(turn: Turn, status: TaskStatus, note: str | None) -> Outcome:
    ctx = turn.ctx
    item = await _mine(turn)
    if item is None:
        ctx.say(t.NOT_YOURS)
        return Done()
    await task_assignments.set_status(
        ctx.session,
        assignment=item.assignment,
        status=status,
        period=item.period,
        source=SOURCE,
        by_member_id=shared.member_id(ctx),
        by_label=shared.ACTOR,
        now=ctx.now(),
        note=note,
    )
    ctx.say(
        t.STATUS_SAVED.format(
            task=item.task.number, org=item.organisation.display, status=view.status_name(status)
        ),
        (Option(t.MORE_TASKS, RunCommand(COMMAND).encode()),),
    )
    return Done()


STEPS = (
    Step("mine_list", ask_list, read_list, free_text=False),
    Step("mine_task", ask_task, read_task, free_text=False),
    Step("mine_reason", ask_reason, read_reason),
)
