"""Invite links (/moi): coordinators and admins create links that pre-fill a registration
and may approve it at once; they list and revoke the links in their scope."""

from __future__ import annotations

from bot.buttons.choices import InviteRevoke, OrgChoice, TeamChoice
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.router import Command, Feature
from bot.texts import invites as t
from bot.texts import registration as rt
from handlers.invites.links import create, links, terms
from handlers.registration.review import invite_summary
from handlers.unit_picker import UnitPicker, catalog_of
from models import audit, invites, organisations, registrations, teams, unit_catalog
from models.invites import Invite
from models.members import Role
from models.organisations import OrgKind
from models.registrations import ORG_DEPARTMENT, ORG_ENTERPRISE, Category
from models.scopes import NOTHING, Scope
from models.scopes import of as scope_of
from models.unit_catalog import Unit
from rendering.members import unit_label

ANY = "any"


def _scope(turn: Turn) -> Scope:
    return scope_of(turn.ctx.member) if turn.ctx.member else NOTHING


def _category(turn: Turn) -> Category:
    category = registrations.category(turn.data.get("category"))
    assert category is not None
    return category


async def ask_root(turn: Turn) -> Reply:
    """Create a link or see the links in use."""
    return Reply(t.ROOT, (Option(t.NEW, "new"), Option(t.LIST, "list")))


async def read_root(turn: Turn) -> Outcome:
    """Go where the person chose."""
    return Next("category" if turn.value == "new" else "active")


def _allowed_categories(turn: Turn) -> list[Category]:
    scope = _scope(turn)
    every = registrations.categories_for(catalog_of(turn))
    if scope.whole_province:
        return every
    has_district = any(
        scope.covers_unit(d.catalog, d.code) for d in unit_catalog.districts(catalog_of(turn))
    )
    return [
        c
        for c in every
        if c.unit_level == "commune" or (c.unit_level == "district" and has_district)
    ]


async def ask_category(turn: Turn) -> Reply:
    """Ask whom the link invites."""
    options = tuple(Option(rt.CATEGORIES[c.key], c.key) for c in _allowed_categories(turn))
    return Reply(t.ASK_CATEGORY, options)


def _after_category(turn: Turn) -> Next:
    category = _category(turn)
    if category.org in (ORG_DEPARTMENT, ORG_ENTERPRISE):
        return Next("org")
    return Next("unit" if category.unit_level else "days")


async def read_category(turn: Turn) -> Outcome:
    """Keep the category."""
    if turn.value not in {c.key for c in _allowed_categories(turn)}:
        return Retry(t.ASK_CATEGORY)
    turn.data.clear()
    turn.data["category"] = turn.value
    return _after_category(turn)


async def ask_org(turn: Turn) -> Reply:
    """Ask the department or enterprise the link is for."""
    department = _category(turn).org == ORG_DEPARTMENT
    kind = OrgKind.DEPARTMENT if department else OrgKind.ENTERPRISE
    known = await organisations.of_kind(turn.ctx.session, kind=kind)
    options = [Option(o.display, OrgChoice(o.id or 0).encode()) for o in known]
    options.append(Option(t.ANY_ORG, ANY))
    return Reply(t.ASK_DEPARTMENT if department else t.ASK_ENTERPRISE, tuple(options), columns=2)


async def read_org(turn: Turn) -> Outcome:
    """Keep the organisation (or none)."""
    choice = OrgChoice.decode(turn.value)
    if choice is not None:
        turn.data["org_id"] = choice.organisation_id
    elif turn.value != ANY:
        return Retry(t.ASK_DEPARTMENT)
    return Next("days")


async def picked_unit(turn: Turn, unit: Unit) -> Outcome:
    """Keep the unit; a team invite then asks for the team."""
    turn.data["unit"] = [unit.catalog, unit.code]
    return Next("team" if _category(turn).team else "days")


async def skipped_unit(turn: Turn) -> Outcome:
    """Leave the unit to the person registering (province-wide coordinators only)."""
    if not _scope(turn).whole_province:
        return Retry(t.ASK_UNIT_COMMUNE)
    return Next("days")


def _unit_level(turn: Turn) -> str:
    return _category(turn).unit_level or "commune"


def _unit_question(turn: Turn) -> str:
    return t.ASK_UNIT_DISTRICT if _unit_level(turn) == "district" else t.ASK_UNIT_COMMUNE


def _skip_label(turn: Turn) -> str | None:
    return t.ANY_UNIT if _scope(turn).whole_province else None


UNIT = UnitPicker(
    prefix="unit",
    on_pick=picked_unit,
    level=_unit_level,
    scope=_scope,
    question=_unit_question,
    skip_label=_skip_label,
    on_skip=skipped_unit,
)


async def ask_team(turn: Turn) -> Reply:
    """Ask which team of the commune the link joins."""
    catalog, code = turn.data["unit"]
    found = await teams.in_commune(turn.ctx.session, catalog=catalog, code=code)
    options = [Option(team.name, TeamChoice(team.id or 0).encode()) for team in found]
    options.append(Option(t.ANY_TEAM, ANY))
    return Reply(t.ASK_TEAM.format(commune=unit_label(catalog, code)), tuple(options))


async def read_team(turn: Turn) -> Outcome:
    """Keep the team (or none)."""
    choice = TeamChoice.decode(turn.value)
    if choice is not None:
        turn.data["team_id"] = choice.team_id
    return Next("days")


async def ask_days(turn: Turn) -> Reply:
    """Ask how long the link lasts."""
    return Reply(t.ASK_DAYS, tuple(Option(label, key) for key, label in t.DAYS.items()))


async def read_days(turn: Turn) -> Outcome:
    """Keep the lifetime."""
    turn.data["days"] = int(turn.value or 30)
    return Next("uses")


async def ask_uses(turn: Turn) -> Reply:
    """Ask how many people may use the link."""
    options = tuple(Option(t.USES_LABEL.format(count=n), n) for n in t.USES)
    return Reply(t.ASK_USES, options, columns=2)


async def read_uses(turn: Turn) -> Outcome:
    """Keep the use limit."""
    turn.data["uses"] = int(turn.value or 1)
    return Next("auto")


async def ask_auto(turn: Turn) -> Reply:
    """Ask whether registrations through the link are approved at once."""
    return Reply(t.ASK_AUTO, (Option(t.AUTO_NO, "no"), Option(t.AUTO_YES, "yes")))


async def read_auto(turn: Turn) -> Outcome:
    """Create the link and show it."""
    data = turn.data
    unit = data.get("unit") or [None, None]
    invite = await create(
        turn.ctx,
        days=data["days"],
        max_uses=data["uses"],
        auto=turn.value == "yes",
        category=data["category"],
        organisation_id=data.get("org_id"),
        unit_catalog=unit[0],
        unit_code=unit[1],
        team_id=data.get("team_id"),
    )
    what = await invite_summary(turn.ctx, invite)
    turn.ctx.say(t.CREATED.format(what=what) + "\n" + links(turn.ctx, invite))
    return Done()


async def _visible(turn: Turn) -> list[Invite]:
    member = turn.ctx.member
    assert member is not None and member.id is not None
    return await invites.usable_for(
        turn.ctx.session, scope=_scope(turn), member_id=member.id, now=turn.ctx.now()
    )


async def ask_active(turn: Turn) -> Reply:
    """List the usable links in one's scope, with a revoke button each."""
    found = (await _visible(turn))[:10]
    if not found:
        return Reply(t.NONE_ACTIVE)
    lines = [t.ACTIVE_HEADER]
    options = []
    for number, invite in enumerate(found, start=1):
        what = await invite_summary(turn.ctx, invite)
        terms_text = terms(turn.ctx, invite)
        lines.append(
            t.ACTIVE_LINE.format(number=number, what=what, terms=terms_text, code=invite.code)
        )
        options.append(
            Option(t.REVOKE.format(number=number), InviteRevoke(invite.id or 0).encode())
        )
    return Reply("\n".join(lines), tuple(options))


async def read_active(turn: Turn) -> Outcome:
    """Revoke the chosen link (if it is still in one's scope)."""
    choice = InviteRevoke.decode(turn.value)
    if choice is None:
        return Retry(t.ACTIVE_HEADER)
    invite_id = choice.invite_id
    invite = next((i for i in await _visible(turn) if i.id == invite_id), None)
    if invite is None:
        return Retry(t.NOT_YOURS)
    await invites.revoke(turn.ctx.session, invite=invite, now=turn.ctx.now())
    member = turn.ctx.member
    await audit.record(
        turn.ctx.session,
        action="invite.revoke",
        actor_member_id=member.id if member else None,
        actor_label="chat",
        details={"invite": invite.id},
    )
    turn.ctx.say(t.REVOKED.format(code=invite.code))
    return Done()


async def begin(ctx: Context) -> None:
    """/moi: start the invite conversation."""
    await ctx.start_flow("invite")


FLOW = Flow(
    name="invite",
    title=t.TITLE,
    steps=(
        Step("root", ask_root, read_root, free_text=False),
        Step("category", ask_category, read_category, free_text=False),
        Step("org", ask_org, read_org, free_text=False),
        *UNIT.steps(),
        Step("team", ask_team, read_team, free_text=False),
        Step("days", ask_days, read_days, free_text=False),
        Step("uses", ask_uses, read_uses, free_text=False),
        Step("auto", ask_auto, read_auto, free_text=False),
        Step("active", ask_active, read_active, free_text=False),
    ),
)


def setup() -> Feature:
    """Register /moi."""
    return Feature(
        name="invites",
        commands=(Command("moi", begin, t.CMD, access=Role.COORDINATOR, button=t.BUTTON),),
        flows=(FLOW,),
    )
