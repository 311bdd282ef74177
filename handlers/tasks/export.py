"""The progress spreadsheet of a plan (XLSX, the same as `mangluoi tasks export`), sent to an
admin as a document."""

from __future__ import annotations

from bot.buttons.choices import PlanChoice
from bot.conversation import Done, Outcome, Retry, Step, Turn
from bot.events import Option, OutFile, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from bot.texts import tasks as tt
from handlers.tasks import shared
from models import task_views, tasks
from rendering.exports import XLSX_MIME
from rendering.task_export import tasks_xlsx


async def export(turn: Turn, plan_id: int) -> OutFile | None:
    """The progress spreadsheet of a plan, sent as a document."""
    ctx = turn.ctx
    plan = next((p for p in await tasks.plans(ctx.session) if p.id == plan_id), None)
    if plan is None:
        return None
    found = await tasks.tasks_of(ctx.session, plan_id=plan_id)
    rows = await task_views.assignment_rows(ctx.session, task_list=found)
    covered = {row.task.id for row in rows}
    today = shared.today(ctx)
    content = tasks_xlsx(
        plan=plan.name,
        rows=rows,
        unassigned=[task for task in found if task.id not in covered],
        zone=ctx.config.zone,
        today=today,
    )
    name = tt.EXPORT_FILE_NAME.format(date=today.strftime("%Y%m%d"))
    file = OutFile(name, content, XLSX_MIME)
    ctx.say(t.EXPORTED.format(plan=plan.name, rows=len(rows)), document=file)
    return file


async def ask_export_plan(turn: Turn) -> Reply:
    """Which plan to export."""
    options = [
        Option(plan.name, PlanChoice(plan.id or 0).encode())
        for plan in await tasks.plans(turn.ctx.session)
    ]
    return Reply(t.ASK_EXPORT_PLAN, tuple(options))


async def read_export_plan(turn: Turn) -> Outcome:
    """Send the plan's spreadsheet."""
    choice = PlanChoice.decode(turn.value)
    if choice is None:
        return Retry(ct.PICK_AN_OPTION)
    if not shared.is_admin(turn.ctx):
        return Retry(t.ONLY_ADMIN)
    if await export(turn, choice.plan_id) is None:
        return Retry(ct.PICK_AN_OPTION)
    return Done()


STEPS = (Step("export_plan", ask_export_plan, read_export_plan, free_text=False),)
