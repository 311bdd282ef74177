"""A coordinator's progress board (/nhiemvu): the tasks assigned to organisations in their
scope with done / in progress / blocked / late counts per task and overall, one task by
organisation, and the late list with focal points' phones. Admins see the whole province and
the buttons of their own work (import, new task, edits, export)."""

from __future__ import annotations

from bot.buttons.choices import TaskChoice
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Retry, Step, Turn
from bot.events import Kind, Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from bot.texts import task_reminders as rt
from handlers.tasks import creating, export, mine, shared
from models import task_assignments, task_progress, tasks
from models.task_progress import Progress, Tally
from models.tasks import Task
from rendering import task_progress as view
from rendering.members import scope_label

PAGE_KEY = "board_page"
LATE_PAGE_KEY = "late_page"
TASK_ORGS_SHOWN = 12


async def _scope_items(turn: Turn, task_id: int | None = None) -> list[Progress]:
    return await task_progress.in_scope(
        turn.ctx.session,
        scope=shared.scope(turn.ctx),
        today=shared.today(turn.ctx),
        task_id=task_id,
    )


async def _every_task(ctx: Context) -> list[Task]:
    found: list[Task] = []
    for plan in await tasks.plans(ctx.session):
        assert plan.id is not None
        found.extend(await tasks.tasks_of(ctx.session, plan_id=plan.id))
    return found


async def _board_tasks(ctx: Context, items: list[Progress]) -> list[Task]:
    """The tasks on the board: every task for an admin, else those assigned in scope."""
    if shared.is_admin(ctx):
        return await _every_task(ctx)
    seen: dict[int, Task] = {}
    for item in items:
        seen.setdefault(item.task.id or 0, item.task)
    return list(seen.values())


def _scope_name(ctx: Context) -> str:
    return scope_label(ctx.member) if ctx.member else ""


async def has_board(ctx: Context) -> bool:
    """Whether a coordinator has anything to follow (admins always do)."""
    if shared.is_admin(ctx):
        return True
    found = await task_progress.in_scope(
        ctx.session, scope=shared.scope(ctx), today=shared.today(ctx)
    )
    return bool(found)


def _admin_options() -> list[Option]:
    return [
        Option(t.IMPORT_BUTTON, "import"),
        Option(t.NEW_BUTTON, "new"),
        Option(t.EXPORT_BUTTON, "export"),
        Option(rt.DAYS_OFF_BUTTON, "days_off"),
    ]


async def ask_board(turn: Turn) -> Reply:
    """One page of the tasks in scope with their counts, and the overall counts."""
    ctx = turn.ctx
    items = await _scope_items(turn)
    listed = await _board_tasks(ctx, items)
    per_task = task_progress.by_task(items)
    overall = task_progress.tally(items)
    options: list[Option] = []
    if listed:
        page = shared.cut(listed, int(turn.data.get(PAGE_KEY, 0)))
        text = view.board(
            _scope_name(ctx),
            [(task, per_task.get(task.id or 0, Tally())) for task in page.items],
            overall,
            tasks=len(listed),
            first=page.first,
            page=page.page,
            pages=page.pages,
        )
        options += [Option(view.task_label(x), TaskChoice(x.id or 0).encode()) for x in page.items]
        options += shared.page_options(page)
    else:
        text = t.BOARD_EMPTY.format(scope=_scope_name(ctx))
    if overall.late:
        options.append(Option(t.LATE_BUTTON.format(count=overall.late), "late"))
    org = await mine.organisation_name(ctx)
    if org and await mine.has_tasks(ctx):
        options.append(Option(t.MINE_BUTTON.format(org=org), "mine"))
    if shared.is_admin(ctx):
        options += _admin_options()
    return Reply(text, tuple(options))


async def read_board(turn: Turn) -> Outcome:
    """Open a task, the late list, one's own tasks or an admin's work."""
    if shared.turned_page(turn, PAGE_KEY):
        return Next("board")
    choice = TaskChoice.decode(turn.value)
    if choice is not None:
        turn.data["task"] = choice.task_id
        return Next("task")
    if turn.value == "late":
        turn.data["late_task"], turn.data[LATE_PAGE_KEY] = None, 0
        return Next("late")
    if turn.value == "mine":
        return Next("mine_list")
    if turn.value == "days_off":
        if not shared.is_admin(turn.ctx):
            return Retry(t.ONLY_ADMIN)
        return Next("days_off")
    if turn.value in ("import", "new", "export"):
        if not shared.is_admin(turn.ctx):
            return Retry(t.ONLY_ADMIN)
        return await _admin_work(turn, turn.value)
    return Retry(ct.PICK_AN_OPTION)


async def _admin_work(turn: Turn, value: str) -> Outcome:
    """Import a plan, add a task, or export (one plan at once, else choose it)."""
    if value == "import":
        channel = turn.ctx.channel
        if channel is None or not channel.can_fetch(Kind.DOCUMENT):
            return Retry(t.FILE_UNAVAILABLE)  # the plan comes as a document (not on Zalo)
        turn.data.pop("file", None)
        return Next("import_file")
    if value == "new":
        return await creating.enter(turn)
    every = await tasks.plans(turn.ctx.session)
    if not every:
        return Retry(t.NO_PLAN)
    if len(every) > 1:
        return Next("export_plan")
    await export.export(turn, every[0].id or 0)
    return Done()


async def current_task(turn: Turn) -> tuple[Task, list[Progress]] | None:
    """The opened task and its assignments in scope, if the person may still see it."""
    task = await tasks.get_task(turn.ctx.session, task_id=int(turn.data.get("task", 0)))
    if task is None or not task.in_plan or not shared.is_coordinator(turn.ctx):
        return None
    items = await _scope_items(turn, task.id)
    if not items and not shared.is_admin(turn.ctx):
        return None
    return task, items


def _task_admin_options() -> list[Option]:
    return [
        Option(t.EDIT_TITLE_BUTTON, "edit_title"),
        Option(t.EDIT_RESULT_BUTTON, "edit_result"),
        Option(t.DEADLINE_BUTTON, "deadline"),
        Option(t.ADD_ORG_BUTTON, "add_org"),
        Option(t.REMOVE_ORG_BUTTON, "remove_org"),
        Option(rt.REMINDER_DAYS_BUTTON, "reminder_days"),
    ]


async def ask_task(turn: Turn) -> Reply:
    """One task: counts and each organisation in scope, late ones first."""
    found = await current_task(turn)
    if found is None:
        return Reply(t.TASK_GONE)
    task, items = found
    overall = task_progress.tally(items)
    plan = await shared.plan_name(turn.ctx, task.plan_id)
    text = view.board_task(task, plan, items, overall, limit=TASK_ORGS_SHOWN)
    options: list[Option] = []
    if overall.late:
        options.append(Option(t.LATE_BUTTON.format(count=overall.late), "late"))
    if shared.is_admin(turn.ctx):
        options += _task_admin_options()
    return Reply(text, tuple(options), columns=2)


ADMIN_ACTIONS = {
    "edit_title": "edit_text",
    "edit_result": "edit_text",
    "deadline": "deadline_who",
    "add_org": "org_add",
    "remove_org": "org_remove",
    "reminder_days": "reminder_days",
}


async def read_task(turn: Turn) -> Outcome:
    """The late list of this task, or an admin's change to it."""
    if await current_task(turn) is None:
        turn.ctx.say(t.TASK_GONE)
        return Next("board")
    if turn.value == "late":
        turn.data["late_task"], turn.data[LATE_PAGE_KEY] = turn.data.get("task"), 0
        return Next("late")
    step = ADMIN_ACTIONS.get(turn.value or "")
    if step is None:
        return Retry(ct.PICK_AN_OPTION)
    if not shared.is_admin(turn.ctx):
        return Retry(t.ONLY_ADMIN)
    turn.data["field"] = "result" if turn.value == "edit_result" else "title"
    turn.data["removing"] = turn.value == "remove_org"
    for key in ("org_search", "deadline_org"):
        turn.data.pop(key, None)
    return Next(step)


async def ask_late(turn: Turn) -> Reply:
    """One page of the late organisations (of one task, or of every task in scope)."""
    task_id = turn.data.get("late_task")
    late = task_progress.late_first(await _scope_items(turn, task_id))
    page = shared.cut(late, int(turn.data.get(LATE_PAGE_KEY, 0)))
    people = await task_assignments.assignees(
        turn.ctx.session,
        organisation_ids=sorted({item.organisation.id or 0 for item in page.items}),
    )
    task = await tasks.get_task(turn.ctx.session, task_id=int(task_id)) if task_id else None
    text = view.late_list(
        page.items,
        people,
        task=task,
        total=page.total,
        first=page.first,
        page=page.page,
        pages=page.pages,
    )
    return Reply(text, tuple(shared.page_options(page)), columns=2)


async def read_late(turn: Turn) -> Outcome:
    """Turn the page of the late list."""
    if shared.turned_page(turn, LATE_PAGE_KEY):
        return Next("late")
    return Retry(ct.PICK_AN_OPTION)


STEPS = (
    Step("board", ask_board, read_board, free_text=False),
    Step("task", ask_task, read_task, free_text=False),
    Step("late", ask_late, read_late, free_text=False),
)
