"""Admins import the number of villages of each commune by sending a CSV or XLSX file
(/chitieu → Nhập số thôn); the Tổ CNSCĐ target then shows a share instead of counts."""

from __future__ import annotations

from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Retry, Step, Turn
from bot.events import Kind, Reply
from bot.texts import common as ct
from bot.texts import targets as t
from handlers.broadcast import files
from models import audit, villages
from models.members import Role
from models.village_file import VillageFileError, parse
from rendering.targets import words

FLOW_NAME = "targets_villages"


async def begin(ctx: Context) -> None:
    """Ask an admin for the file."""
    if ctx.member is None or not ctx.member.has_role(Role.ADMIN):
        ctx.say(ct.NOT_ALLOWED.format(role=ct.ROLE_REFUSAL_ROLE_NAMES["admin"]))
        return
    await ctx.start_flow(FLOW_NAME)


async def ask_file(turn: Turn) -> Reply:
    """The file of village totals."""
    return Reply(t.VILLAGES_ASK)


async def read_file(turn: Turn) -> Outcome:
    """Read the file, store its usable rows and report the others."""
    ctx = turn.ctx
    if ctx.member is None or not ctx.member.has_role(Role.ADMIN):
        ctx.say(ct.NOT_ALLOWED.format(role=ct.ROLE_REFUSAL_ROLE_NAMES["admin"]))
        return Done()
    attachment = ctx.event.attachment
    if attachment is None or attachment.kind != Kind.DOCUMENT:
        return Retry(t.VILLAGES_NOT_A_FILE)
    if not files.can_fetch(ctx, Kind.DOCUMENT):
        return Retry(t.VILLAGES_CANNOT_FETCH)
    try:
        content, name, _mime = await files.fetch(ctx, attachment)
    except Exception:
        return Retry(t.VILLAGES_FETCH_FAILED)
    catalog = ctx.config.units.catalog
    try:
        parsed = parse(content, name, catalog=catalog)
    except VillageFileError as error:
        return Retry(t.FILE_PROBLEMS[error.problem])
    await villages.save(
        ctx.session,
        catalog=catalog,
        rows=[(row.unit.code, row.villages) for row in parsed.good],
        by=ctx.member.id,
        now=ctx.now(),
    )
    await audit.record(
        ctx.session,
        action="targets.villages_import",
        actor_member_id=ctx.member.id,
        actor_label="chat",
        details={"file": name, "saved": len(parsed.good), "left_out": len(parsed.bad)},
    )
    ctx.say(words.import_report(parsed, dry_run=False))
    return Done()


FLOW = Flow(
    name=FLOW_NAME,
    title=t.VILLAGES_TITLE,
    steps=(
        Step(
            "file",
            ask_file,
            read_file,
            accepts=frozenset({Kind.TEXT, Kind.OPTION, Kind.DOCUMENT}),
        ),
    ),
)
