"""/chitieu: the plan's three targets for the coordinator's scope (admins: the province) in a
few lines, with pages of detail ("Xem thêm"), the spreadsheet and the chart."""

from __future__ import annotations

import asyncio
import logging

from bot.buttons.actions import (
    PresenceConfirm,
    PresenceSheet,
    TargetsPage,
    TargetView,
)
from bot.context import Context
from bot.events import Option, OutFile
from bot.router import Command, Feature
from bot.texts import common as ct
from bot.texts import targets as t
from bot.timefmt import show, show_date
from handlers.targets import presence, villages
from models import attendance, targets
from models.members import Role
from models.scopes import of as scope_of
from models.targets import Targets
from rendering.targets import chart, sheet, words

log = logging.getLogger(__name__)

PAGES = {
    TargetView.FOCAL: words.focal_lines,
    TargetView.TRAINING: words.training_lines,
    TargetView.TEAMS: words.team_lines,
}


async def _collect(ctx: Context) -> Targets | None:
    scope = scope_of(ctx.member)
    if scope.codes is not None and not scope.codes:
        ctx.say(t.NOTHING_IN_SCOPE)
        return None
    return await targets.collect(
        ctx.session,
        scope=scope,
        catalog=ctx.config.units.catalog,
        now=ctx.now(),
        zone=ctx.config.zone,
    )


async def begin(ctx: Context) -> None:
    """/chitieu: the overview."""
    found = await _collect(ctx)
    if found is not None:
        show_overview(ctx, found)


def show_overview(ctx: Context, found: Targets) -> None:
    """The three targets in a few lines, with buttons for the details and the files."""
    options = [
        Option(t.BUTTON_FOCAL, TargetsPage(TargetView.FOCAL, 0).encode()),
        Option(t.BUTTON_TRAINING, TargetsPage(TargetView.TRAINING, 0).encode()),
        Option(t.BUTTON_TEAMS, TargetsPage(TargetView.TEAMS, 0).encode()),
        Option(t.BUTTON_PRESENCE, TargetsPage(TargetView.PRESENCE).encode()),
        Option(t.BUTTON_XLSX, TargetsPage(TargetView.XLSX).encode()),
        Option(t.BUTTON_CHART, TargetsPage(TargetView.CHART).encode()),
    ]
    if ctx.member is not None and ctx.member.has_role(Role.ADMIN):
        options.append(Option(t.BUTTON_VILLAGES, TargetsPage(TargetView.VILLAGES).encode()))
    ctx.say(words.overview(found, ctx.config.zone), options, columns=2)


def show_page(ctx: Context, found: Targets, view: TargetView, page: int) -> None:
    """One page of a target's details."""
    head, lines = PAGES[view](found)
    count = words.pages(lines)
    page = min(max(page, 0), count - 1)
    options = []
    if page > 0:
        options.append(Option(t.PREV, TargetsPage(view, page - 1).encode()))
    if page + 1 < count:
        options.append(Option(t.MORE, TargetsPage(view, page + 1).encode()))
    if view == TargetView.TRAINING:
        options.append(Option(t.BUTTON_PRESENCE, TargetsPage(TargetView.PRESENCE).encode()))
    options.append(Option(t.OVERVIEW, TargetsPage().encode()))
    ctx.say(words.page_text(head, lines, page), options, columns=2)


async def send_sheet(ctx: Context, found: Targets) -> None:
    """The spreadsheet of the three targets."""
    zone = ctx.config.zone
    content = await asyncio.to_thread(sheet.workbook, found, zone)
    name = words.file_name(found, zone, "xlsx")
    text = t.XLSX_READY.format(
        plan=t.PLAN, scope=words.scope_name(found), date=show_date(found.as_of, zone)
    )
    ctx.say(text, document=OutFile(name, content, sheet.MIME))


async def send_chart(ctx: Context, found: Targets) -> None:
    """The bar charts of the three targets, as one picture."""
    zone = ctx.config.zone
    try:
        content = await asyncio.to_thread(chart.png, found, zone)
    except Exception:
        log.exception("targets chart failed")
        ctx.say(t.PICTURE_FAILED)
        return
    name = words.file_name(found, zone, "png")
    text = t.PICTURE_READY.format(
        plan=t.PLAN, scope=words.scope_name(found), date=show_date(found.as_of, zone)
    )
    ctx.say(text, image=OutFile(name, content, "image/png"))


async def list_trainings(ctx: Context) -> None:
    """The trainings of this year that have started and have recipients in scope."""
    year, start, _end = targets.year_bounds(ctx.now(), ctx.config.zone)
    rows = await attendance.open_trainings(
        ctx.session, scope=scope_of(ctx.member), now=ctx.now(), since=start
    )
    back = Option(t.OVERVIEW, TargetsPage().encode())
    if not rows:
        ctx.say(t.PRESENCE_LIST_EMPTY, (back,))
        return
    options = []
    for row in rows:
        assert row.id is not None and row.event_at is not None
        label = t.PRESENCE_LIST_ITEM.format(
            id=row.id, title=row.title, when=show(row.event_at, ctx.config.zone)
        )
        options.append(Option(label, PresenceSheet(row.id, 0).encode()))
    ctx.say(t.PRESENCE_LIST_HEAD.format(year=year), (*options, back))


async def action(ctx: Context) -> None:
    """Buttons of /chitieu."""
    button = await ctx.pressed(TargetsPage)
    if button is None:
        return
    if ctx.member is None or not ctx.member.has_role(Role.COORDINATOR):
        ctx.say(ct.NOT_ALLOWED.format(role=ct.ROLE_REFUSAL_ROLE_NAMES["coordinator"]))
        return
    view = button.view
    if view == TargetView.VILLAGES:
        await villages.begin(ctx)
        return
    if view == TargetView.PRESENCE:
        await list_trainings(ctx)
        return
    found = await _collect(ctx)
    if found is None:
        return
    if view is None:
        show_overview(ctx, found)
    elif view == TargetView.XLSX:
        await send_sheet(ctx, found)
    elif view == TargetView.CHART:
        await send_chart(ctx, found)
    else:
        show_page(ctx, found, view, button.page or 0)


def setup() -> Feature:
    """Register /chitieu, its buttons, the attendance confirmation and the villages import."""
    return Feature(
        name="targets",
        commands=(
            Command(
                "chitieu", begin, t.CMD_TARGETS, access=Role.COORDINATOR, button=t.BUTTON_TARGETS
            ),
        ),
        flows=(villages.FLOW,),
        actions={
            TargetsPage: action,
            PresenceConfirm: presence.confirm,
            PresenceSheet: presence.sheet,
        },
    )
