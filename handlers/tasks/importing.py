"""An admin imports a plan's table of tasks in the chat: the file sent as a document, the
plan it goes into, the dry-run report, then "Nhập" (the same import as the command line)."""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

from bot.buttons.choices import PlanChoice
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Retry, Step, Turn
from bot.events import Attachment, FileTooBig, FileUnavailable, Kind, Option, Reply
from bot.texts import common as ct
from bot.texts import task_chat as t
from handlers import person_answers
from handlers.tasks import shared
from models import task_edits, task_import, tasks
from models.task_files import (
    MAX_BYTES,
    FileProblem,
    ParsedPlan,
    TaskFileError,
    parse_grids,
    read_grids,
)
from models.task_import import ImportReport
from models.validators import TextRule
from rendering.task_import_report import import_report
from rendering.tasks import file_problem

log = logging.getLogger(__name__)
PLAN_RULE = TextRule(3, 120)
DEFAULT_NAME = "ke-hoach"


def _stored(attachment: Attachment, name: str) -> dict[str, Any]:
    return {"file_id": attachment.file_id, "name": name, "mime": attachment.mime_type}


def _attachment(data: dict[str, Any]) -> Attachment:
    file = data["file"]
    return Attachment(Kind.DOCUMENT, str(file["file_id"]), str(file["name"]), file.get("mime"))


async def _read(ctx: Context, attachment: Attachment) -> tuple[ParsedPlan, str] | str:
    """The parsed table of a file sent and its name, or the one sentence why not."""
    channel = ctx.channel
    if channel is None or not channel.can_fetch(Kind.DOCUMENT):
        return t.FILE_UNAVAILABLE
    try:
        fetched = await channel.fetch_file(attachment, max_bytes=MAX_BYTES)
    except FileTooBig as error:
        return file_problem(TaskFileError(FileProblem.TOO_LARGE, str(error.size)))
    except FileUnavailable:
        return t.FILE_UNAVAILABLE
    except Exception:
        log.warning("could not fetch a plan file on %s", ctx.event.channel, exc_info=True)
        return t.FILE_FAILED
    name = fetched.filename or attachment.filename or DEFAULT_NAME
    try:
        return parse_grids(read_grids(name, fetched.content)), name
    except TaskFileError as error:
        return file_problem(error)


async def ask_file(turn: Turn) -> Reply:
    """Ask for the file."""
    return Reply(t.ASK_FILE)


async def read_file(turn: Turn) -> Outcome:
    """Read the file once to say at once what is wrong with it."""
    attachment = turn.ctx.event.attachment
    if attachment is None or attachment.kind != Kind.DOCUMENT:
        return Retry(t.ASK_FILE)
    read = await _read(turn.ctx, attachment)
    if isinstance(read, str):
        return Retry(read)
    _parsed, name = read
    turn.data["file"] = _stored(attachment, name)
    return Next("import_plan")


def _stem(data: dict[str, Any]) -> str:
    return PurePath(str(data["file"]["name"])).stem[: PLAN_RULE.max_chars] or DEFAULT_NAME


async def ask_plan(turn: Turn) -> Reply:
    """The plans there are, a new plan named after the file, or a name typed."""
    options = [
        Option(plan.name, PlanChoice(plan.id or 0).encode())
        for plan in await tasks.plans(turn.ctx.session)
    ]
    stem = _stem(turn.data)
    if all(option.label != stem for option in options):
        options.append(Option(t.NEW_PLAN_BUTTON.format(name=stem), "stem"))
    return Reply(t.ASK_PLAN.format(file=turn.data["file"]["name"]), tuple(options))


async def read_plan(turn: Turn) -> Outcome:
    """Keep the plan's name."""
    choice = PlanChoice.decode(turn.value)
    if choice is not None:
        name = await shared.plan_name(turn.ctx, choice.plan_id)
        if not name:
            return Retry(ct.PICK_AN_OPTION)
    elif turn.value == "stem":
        name = _stem(turn.data)
    else:
        typed = person_answers.free_text(
            turn.text, PLAN_RULE, "title", too_short=t.PLAN_NAME_BAD, too_long=t.PLAN_NAME_BAD
        )
        if isinstance(typed, Retry):
            return typed
        name = typed
    turn.data["plan_name"] = name
    return Next("import_confirm")


async def _import(turn: Turn, parsed: ParsedPlan, name: str, *, dry_run: bool) -> ImportReport:
    ctx = turn.ctx
    arguments: dict[str, Any] = {
        "parsed": parsed,
        "plan_name": str(turn.data["plan_name"]),
        "source_name": name,
        "catalog": ctx.config.units.catalog,
        "today": shared.today(ctx),
        "default_day": ctx.config.tasks.yearly_day,
        "now": ctx.now(),
    }
    if dry_run:
        return await task_edits.preview_import(ctx.session, **arguments)
    return await task_import.import_plan(ctx.session, **arguments)


async def ask_confirm(turn: Turn) -> Reply:
    """The dry-run report, with "Nhập" to save."""
    read = await _read(turn.ctx, _attachment(turn.data))
    if isinstance(read, str):
        return Reply(read)
    parsed, name = read
    report = await _import(turn, parsed, name, dry_run=True)
    text = import_report(report, source=name, dry_run=True, next_line=t.IMPORT_NEXT)
    return Reply(text, (Option(t.IMPORT_YES, "import"),))


async def read_confirm(turn: Turn) -> Outcome:
    """Import for real and show what was done."""
    ctx = turn.ctx
    if turn.value != "import":
        return Retry(ct.PICK_AN_OPTION)
    if not shared.is_admin(ctx):
        ctx.say(t.ONLY_ADMIN)
        return Done()
    read = await _read(ctx, _attachment(turn.data))
    if isinstance(read, str):
        ctx.say(read)
        return Done()
    parsed, name = read
    report = await _import(turn, parsed, name, dry_run=False)
    await task_edits.record_import(
        ctx.session,
        report=report,
        source_name=name,
        by_member_id=shared.member_id(ctx),
        by_label=shared.ACTOR,
    )
    ctx.say(import_report(report, source=name, dry_run=False) + "\n" + t.IMPORT_DONE)
    return Done()


FILE_KINDS = frozenset({Kind.TEXT, Kind.OPTION, Kind.DOCUMENT})
STEPS = (
    Step("import_file", ask_file, read_file, accepts=FILE_KINDS),
    Step("import_plan", ask_plan, read_plan),
    Step("import_confirm", ask_confirm, read_confirm, free_text=False),
)
