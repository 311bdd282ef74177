"""The member directory (/thanhvien): coordinators and admins search the members in their
scope by name, phone or unit, page through them, and export them to Excel."""

from __future__ import annotations

from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, OutFile, Reply
from bot.texts import exports as et
from bot.texts import membership as t
from bot.timefmt import show_date
from handlers import person_answers
from models import audit, directory
from models.members import Member
from models.scopes import of as scope_of
from models.validators import shorten
from rendering import exports
from rendering.members import scope_label, show_phone, unit_label

PAGE_SIZE = 10


async def _found(turn: Turn) -> list[Member]:
    ctx = turn.ctx
    scope = scope_of(ctx.member)
    query = turn.data.get("q", "")
    if not query:
        return await directory.in_scope(ctx.session, scope=scope)
    return await directory.search(
        ctx.session, scope=scope, query=query, catalog=ctx.config.units.catalog
    )


def export_title(ctx: Context, query: str, count: int) -> str:
    """What the file holds: the search (if any), the scope, how many, and the day."""
    assert ctx.member is not None
    today = show_date(ctx.now(), ctx.config.zone)
    scope = scope_label(ctx.member)
    if query:
        return et.MEMBERS_SEARCH_TITLE.format(query=query, scope=scope, count=count, date=today)
    return et.MEMBERS_TITLE.format(scope=scope, count=count, date=today)


def export_filename(ctx: Context, query: str) -> str:
    """An ASCII file name that differs by scope, search and day."""
    assert ctx.member is not None
    day = ctx.now().astimezone(ctx.config.zone).strftime("%Y%m%d")
    scope = exports.slug(scope_label(ctx.member))
    if query and exports.slug(query):
        return et.MEMBERS_SEARCH_FILE.format(scope=scope, query=exports.slug(query), date=day)
    return et.MEMBERS_FILE.format(scope=scope, date=day)


async def send_export(ctx: Context, people: list[Member], query: str = "") -> None:
    """Send the members as an XLSX file and note the export in the audit log."""
    if not people:
        ctx.say(t.EXPORT_EMPTY)
        return
    assert ctx.member is not None
    rows = await directory.rows(ctx.session, people=people)
    title = export_title(ctx, query, len(rows))
    content = exports.members_xlsx(rows, zone=ctx.config.zone, title=title)
    ctx.say(
        t.EXPORTED.format(count=len(rows)),
        document=OutFile(export_filename(ctx, query), content, exports.XLSX_MIME),
    )
    await audit.record(
        ctx.session,
        action="members.export",
        actor_member_id=ctx.member.id,
        actor_label="chat",
        details={"count": len(rows)},
    )


async def ask_query(turn: Turn) -> Reply:
    """Ask what to look for."""
    assert turn.ctx.member is not None
    text = t.ASK_QUERY.format(scope=scope_label(turn.ctx.member))
    return Reply(text, (Option(t.ALL, "all"), Option(t.EXPORT, "export")), columns=2)


async def read_query(turn: Turn) -> Outcome:
    """Search, list everyone, or export everyone in scope."""
    if turn.value == "export":
        turn.data["q"] = ""
        await send_export(turn.ctx, await _found(turn))
        return Done()
    query = "" if turn.value == "all" else person_answers.search_text(turn.text)
    if isinstance(query, Retry):
        return query
    turn.data["q"] = query
    turn.data["page"] = 0
    return Next("results")


async def ask_results(turn: Turn) -> Reply:
    """One page of results."""
    people = await _found(turn)
    query = turn.data.get("q", "")
    if not people:
        text = t.NO_RESULTS.format(query=shorten(query))
        return Reply(text, (Option(t.SEARCH_OTHER, "again"),))
    pages = (len(people) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(int(turn.data.get("page", 0)), 0), pages - 1)
    turn.data["page"] = page
    title = t.RESULTS_FOR.format(query=shorten(query)) if query else t.RESULTS_ALL
    lines = [t.RESULTS.format(title=title, total=len(people), page=page + 1, pages=pages)]
    first = page * PAGE_SIZE
    for number, member in enumerate(people[first : first + PAGE_SIZE], start=first + 1):
        lines.append(
            t.RESULT_LINE.format(
                number=number,
                name=member.full_name,
                phone=show_phone(member.phone),
                unit=unit_label(member.unit_catalog, member.unit_code),
                status=t.STATUS.get(member.status, member.status),
            )
        )
    options = []
    if page > 0:
        options.append(Option(t.PREV, "prev"))
    if page < pages - 1:
        options.append(Option(t.NEXT, "next"))
    options += [Option(t.EXPORT, "export"), Option(t.SEARCH_OTHER, "again")]
    return Reply("\n".join(lines), tuple(options), columns=2)


async def read_results(turn: Turn) -> Outcome:
    """Turn the page, export the results, or search again (typing searches at once)."""
    if turn.value == "export":
        await send_export(turn.ctx, await _found(turn), turn.data.get("q", ""))
        return Done()
    if turn.value == "again":
        return Next("query")
    if turn.value in ("prev", "next"):
        turn.data["page"] = int(turn.data.get("page", 0)) + (1 if turn.value == "next" else -1)
    else:
        query = person_answers.search_text(turn.text)
        if isinstance(query, Retry):
            return query
        turn.data["q"] = query
        turn.data["page"] = 0
    return Next("results")


async def begin(ctx: Context) -> None:
    """/thanhvien: open the directory."""
    await ctx.start_flow("directory")


FLOW = Flow(
    name="directory",
    title=t.DIRECTORY_TITLE,
    steps=(Step("query", ask_query, read_query), Step("results", ask_results, read_results)),
)
