"""The audience builder of /thongbao: everyone in the sender's scope, or any combination of
districts/communes, member categories, teams and roles (each list toggled with buttons)."""

from __future__ import annotations

from typing import Any

from bot.buttons.choices import (
    CategoryChoice,
    DistrictChoice,
    RoleChoice,
    TeamChoice,
    UnitChoice,
)
from bot.conversation import Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import broadcast as t
from bot.texts import registration as rt
from handlers import person_answers
from models import audience, registrations, teams, unit_catalog
from models.announcement_rules import sender_scope
from models.audience import ROLES, Audience
from models.scopes import NOTHING, Scope
from models.validators import shorten
from rendering.members import unit_label

PAGE = 12
DONE = "done"
LISTS = ("units", "categories", "teams", "roles")


def _aud(turn: Turn) -> dict[str, list[Any]]:
    aud: dict[str, list[Any]] = turn.data.setdefault("aud", {})
    for key in LISTS:
        aud.setdefault(key, [])
    return aud


def spec_of(turn: Turn) -> Audience:
    """The audience chosen so far."""
    aud = _aud(turn)
    return Audience.from_json(aud, catalog=turn.ctx.config.units.catalog)


def scope_of_turn(turn: Turn) -> Scope:
    """The scope the person composing may send to (nothing if they may not send)."""
    return sender_scope(turn.ctx.member) or NOTHING


def _toggle(turn: Turn, key: str, value: Any, name: str) -> Retry:
    chosen = _aud(turn)[key]
    if value in chosen:
        chosen.remove(value)
        return Retry(t.UNIT_TOGGLED_OFF.format(name=name))
    chosen.append(value)
    return Retry(t.UNIT_TOGGLED_ON.format(name=name))


def _mark(selected: bool, label: str) -> str:
    return f"{t.CHECK}{label}" if selected else label


def _names(names: list[str]) -> str:
    if len(names) > 4:
        return t.AUDIENCE_MORE.format(names=", ".join(names[:4]), more=len(names) - 4)
    return ", ".join(names)


async def summary(turn: Turn) -> str:
    """The chosen audience in words."""
    spec = spec_of(turn)
    if spec.everyone:
        member = turn.ctx.member
        scope = scope_of_turn(turn)
        where = (
            t.AUDIENCE_PROVINCE
            if scope.whole_province or member is None
            else unit_label(member.scope_catalog, member.scope_code)
        )
        return t.AUDIENCE_EVERYONE.format(scope=where)
    parts = []
    if spec.units:
        labels = [unit_label(spec.catalog, code) for code in spec.units]
        parts.append(t.AUDIENCE_UNITS.format(names=_names(labels)))
    if spec.categories:
        labels = [rt.CATEGORIES.get(key, key) for key in spec.categories]
        parts.append(t.AUDIENCE_CATEGORIES.format(names=_names(labels)))
    if spec.teams:
        names = []
        for team_id in spec.teams:
            team = await teams.get(turn.ctx.session, team_id=team_id)
            names.append(team.name if team else str(team_id))
        parts.append(t.AUDIENCE_TEAMS.format(names=_names(names)))
    if spec.roles:
        labels = [t.ROLE_NAMES.get(role, role) for role in spec.roles]
        parts.append(t.AUDIENCE_ROLES.format(names=_names(labels)))
    return "; ".join(parts)


async def ask_audience(turn: Turn) -> Reply:
    """The current audience, its size, and what can be narrowed."""
    counted = await audience.count(
        turn.ctx.session, audience=spec_of(turn), scope=scope_of_turn(turn)
    )
    text = t.AUDIENCE_HEADER.format(summary=await summary(turn), count=counted.members)
    options = [
        Option(t.PICK_UNITS, "units"),
        Option(t.PICK_CATEGORIES, "categories"),
        Option(t.PICK_TEAMS, "teams"),
        Option(t.PICK_ROLES, "roles"),
    ]
    if not spec_of(turn).everyone:
        options.append(Option(t.CLEAR_AUDIENCE, "clear"))
    options.append(Option(t.TO_PREVIEW, "preview"))
    return Reply(text, tuple(options), columns=2)


async def read_audience(turn: Turn) -> Outcome:
    """Go to the chosen list, clear the choice, or on to the preview."""
    if turn.value in LISTS:
        turn.data["aud_page"] = 0
        return Next(str(turn.value))
    if turn.value == "clear":
        turn.data["aud"] = {}
        return Retry(t.AUDIENCE_CLEARED)
    if turn.value == "preview":
        return Next("preview")
    return Retry(t.PICK_UNITS)


def _page(turn: Turn, items: list[Any]) -> tuple[list[Any], list[Option]]:
    pages = max(1, (len(items) + PAGE - 1) // PAGE)
    page = min(max(0, int(turn.data.get("aud_page", 0))), pages - 1)
    shown = items[page * PAGE : (page + 1) * PAGE]
    nav = []
    if page > 0:
        nav.append(Option(t.PREV_PAGE, "prev"))
    if page < pages - 1:
        nav.append(Option(t.NEXT_PAGE, "next"))
    return shown, nav


def _turn_page(turn: Turn, step: int) -> Retry:
    page = max(0, int(turn.data.get("aud_page", 0)) + step)
    turn.data["aud_page"] = page
    return Retry(t.PAGE_SHOWN.format(page=page + 1))


async def ask_units(turn: Turn) -> Reply:
    """Districts (or communes, where there are no districts) to toggle."""
    catalog = turn.ctx.config.units.catalog
    units, are_districts = audience.units_in_scope(scope_of_turn(turn), catalog)
    if not units:
        return Reply(t.NO_UNITS, (Option(t.DONE, DONE),))
    chosen = set(_aud(turn)["units"])
    if are_districts:
        options = [
            Option(_mark(u.code in chosen, u.name), UnitChoice(u.code).encode()) for u in units
        ]
        options.append(Option(t.PICK_COMMUNES, "communes"))
        return Reply(t.ASK_UNITS_DISTRICTS, (*options, Option(t.DONE, DONE)), columns=2)
    shown, nav = _page(turn, units)
    options = [Option(_mark(u.code in chosen, u.name), UnitChoice(u.code).encode()) for u in shown]
    return Reply(t.ASK_UNITS_COMMUNES, (*options, *nav, Option(t.DONE, DONE)), columns=2)


def _find_unit(turn: Turn, text: str) -> unit_catalog.Unit | None:
    catalog = turn.ctx.config.units.catalog
    scope = scope_of_turn(turn)
    for match in unit_catalog.search_units(catalog, text, limit=16):
        if scope.covers_unit(match.unit.catalog, match.unit.code):
            return match.unit
    return None


async def read_units(turn: Turn) -> Outcome:
    """Toggle a unit, open the communes of a district, turn the page, or finish."""
    value = turn.value or ""
    catalog = turn.ctx.config.units.catalog
    scope = scope_of_turn(turn)
    if value == DONE:
        return Next("audience")
    if value in ("next", "prev"):
        return _turn_page(turn, 1 if value == "next" else -1)
    if value == "communes":
        districts, _ = audience.units_in_scope(scope, catalog)
        if len(districts) == 1:
            turn.data["aud_district"] = districts[0].code
            return Next("communes")
        return Next("districts")
    choice = UnitChoice.decode(value)
    if choice is not None:
        unit = unit_catalog.get_unit(catalog, choice.code)
        if unit is None or not scope.covers_unit(catalog, unit.code):
            return Retry(t.OUTSIDE_SCOPE)
        return _toggle(turn, "units", unit.code, unit_catalog.label(unit))
    query = person_answers.search_text(turn.text)
    if isinstance(query, Retry):
        return query
    found = _find_unit(turn, query)
    if found is None:
        return Retry(t.UNIT_NOT_FOUND.format(text=shorten(query)))
    return _toggle(turn, "units", found.code, unit_catalog.label(found))


async def ask_districts(turn: Turn) -> Reply:
    """Which district's communes to list."""
    catalog = turn.ctx.config.units.catalog
    units, _ = audience.units_in_scope(scope_of_turn(turn), catalog)
    options = tuple(Option(u.name, DistrictChoice(u.code).encode()) for u in units)
    return Reply(t.ASK_DISTRICT_FOR_COMMUNES, options, columns=2)


async def read_districts(turn: Turn) -> Outcome:
    """Open the communes of the chosen district."""
    choice = DistrictChoice.decode(turn.value)
    if choice is not None:
        turn.data["aud_district"] = choice.code
        return Next("communes")
    return Retry(t.ASK_DISTRICT_FOR_COMMUNES)


async def ask_communes(turn: Turn) -> Reply:
    """The communes of one district, to toggle."""
    catalog = turn.ctx.config.units.catalog
    code = str(turn.data.get("aud_district", ""))
    communes = audience.communes_in_scope(scope_of_turn(turn), catalog, code)
    district = unit_catalog.get_unit(catalog, code)
    chosen = set(_aud(turn)["units"])
    options = [
        Option(_mark(c.code in chosen, c.name), UnitChoice(c.code).encode()) for c in communes
    ]
    text = t.ASK_COMMUNES_OF.format(district=district.name if district else code)
    return Reply(text, (*options, Option(t.DONE, DONE)), columns=2)


async def ask_categories(turn: Turn) -> Reply:
    """Member categories to toggle."""
    chosen = set(_aud(turn)["categories"])
    options = [
        Option(
            _mark(c.key in chosen, rt.CATEGORIES.get(c.key, c.key)),
            CategoryChoice(c.key).encode(),
        )
        for c in registrations.categories_for(turn.ctx.config.units.catalog)
    ]
    return Reply(t.ASK_CATEGORIES, (*options, Option(t.DONE, DONE)))


async def read_categories(turn: Turn) -> Outcome:
    """Toggle a category or finish."""
    value = turn.value or ""
    if value == DONE:
        return Next("audience")
    choice = CategoryChoice.decode(value)
    key = choice.key if choice else ""
    if choice is None or registrations.category(key) is None:
        return Retry(t.ASK_CATEGORIES)
    return _toggle(turn, "categories", key, rt.CATEGORIES.get(key, key))


async def ask_teams(turn: Turn) -> Reply:
    """Teams in scope to toggle, a page at a time."""
    found = await audience.teams_in_scope(
        turn.ctx.session, scope=scope_of_turn(turn), catalog=turn.ctx.config.units.catalog
    )
    if not found:
        return Reply(t.NO_TEAMS, (Option(t.DONE, DONE),))
    chosen = set(_aud(turn)["teams"])
    shown, nav = _page(turn, found)
    options = [
        Option(
            _mark(
                team.id in chosen, f"{team.name} · {unit_label(team.unit_catalog, team.unit_code)}"
            ),
            TeamChoice(team.id or 0).encode(),
        )
        for team in shown
    ]
    return Reply(t.ASK_TEAMS, (*options, *nav, Option(t.DONE, DONE)))


async def read_teams(turn: Turn) -> Outcome:
    """Toggle a team, turn the page, or finish."""
    value = turn.value or ""
    if value == DONE:
        return Next("audience")
    if value in ("next", "prev"):
        return _turn_page(turn, 1 if value == "next" else -1)
    choice = TeamChoice.decode(value)
    if choice is None:
        return Retry(t.ASK_TEAMS)
    team = await teams.get(turn.ctx.session, team_id=choice.team_id)
    scope = scope_of_turn(turn)
    if team is None or not scope.covers_unit(team.unit_catalog, team.unit_code):
        return Retry(t.OUTSIDE_SCOPE)
    return _toggle(turn, "teams", team.id, team.name)


async def ask_roles(turn: Turn) -> Reply:
    """Roles to toggle."""
    chosen = set(_aud(turn)["roles"])
    options = [Option(_mark(r in chosen, t.ROLE_NAMES[r]), RoleChoice(r).encode()) for r in ROLES]
    return Reply(t.ASK_ROLES, (*options, Option(t.DONE, DONE)))


async def read_roles(turn: Turn) -> Outcome:
    """Toggle a role or finish."""
    value = turn.value or ""
    if value == DONE:
        return Next("audience")
    choice = RoleChoice.decode(value)
    role = choice.role if choice else ""
    if choice is None or role not in t.ROLE_NAMES:
        return Retry(t.ASK_ROLES)
    return _toggle(turn, "roles", role, t.ROLE_NAMES[role])


STEPS = (
    Step("audience", ask_audience, read_audience, free_text=False),
    Step("units", ask_units, read_units),
    Step("districts", ask_districts, read_districts, free_text=False),
    Step("communes", ask_communes, read_units),
    Step("categories", ask_categories, read_categories, free_text=False),
    Step("teams", ask_teams, read_teams, free_text=False),
    Step("roles", ask_roles, read_roles, free_text=False),
)
