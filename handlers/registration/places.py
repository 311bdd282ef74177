"""The answers of a registration that depend on its category (organisation, unit, team),
and which answer the conversation asks next."""

from __future__ import annotations

from typing import Any

from bot.buttons.choices import OrgChoice, TeamChoice
from bot.conversation import Next, Outcome, Retry, Turn
from bot.events import Option, Reply
from bot.texts import registration as t
from handlers import person_answers
from handlers.unit_picker import UnitPicker
from models import organisations, registrations, teams
from models.organisations import OrgKind
from models.registrations import ORG_DEPARTMENT, ORG_ENTERPRISE
from models.unit_catalog import Unit
from models.validators import TextRule, shorten
from rendering.members import unit_label

NO_TEAM = "none"
ORG_NAME_MIN, ORG_NAME_MAX = 3, 200
ORG_RULE = TextRule(ORG_NAME_MIN, ORG_NAME_MAX)
ORG_QUERY_RULE = TextRule(1, ORG_NAME_MAX, digits_count=True)  # finding a known one


def missing(data: dict[str, Any]) -> str | None:
    """The first answer the registration still needs, in the order they are asked."""
    category = registrations.category(data.get("category"))
    for field in ("name", "phone", "category"):
        if not data.get(field):
            return field
    assert category is not None
    if category.org in (ORG_DEPARTMENT, ORG_ENTERPRISE) and not (
        data.get("org_id") or data.get("org_new")
    ):
        return "org"
    if category.unit_level and not data.get("unit"):
        return "unit"
    if category.team and "team_id" not in data:
        return "team"
    if not data.get("position"):
        return "position"
    return None


def advance(turn: Turn) -> Next:
    """Go to the first missing answer, or to the review screen."""
    return Next(missing(turn.data) or "review")


def locked(turn: Turn, field: str) -> bool:
    """Tell whether an answer came from the invite and may not be changed."""
    return field in turn.data.get("locked", [])


def _org_kind(turn: Turn) -> OrgKind:
    category = registrations.category(turn.data.get("category"))
    return (
        OrgKind.ENTERPRISE if category and category.org == ORG_ENTERPRISE else OrgKind.DEPARTMENT
    )


async def ask_org(turn: Turn) -> Reply:
    """Ask the department or enterprise, listing the known ones."""
    kind = _org_kind(turn)
    known = await organisations.of_kind(turn.ctx.session, kind=kind)
    options = tuple(Option(org.display, OrgChoice(org.id or 0).encode()) for org in known)
    if kind == OrgKind.DEPARTMENT:
        return Reply(t.ASK_DEPARTMENT, options, columns=2)
    return Reply(t.ASK_ENTERPRISE if known else t.ASK_ENTERPRISE_EMPTY, options)


async def read_org(turn: Turn) -> Outcome:
    """Keep the chosen organisation; an unknown enterprise is kept by name."""
    choice = OrgChoice.decode(turn.value)
    if choice is not None:
        turn.data["org_id"] = choice.organisation_id
        turn.data.pop("org_new", None)
        return advance(turn)
    kind = _org_kind(turn)
    typed = person_answers.free_text(turn.text, ORG_QUERY_RULE, "organisation")
    if isinstance(typed, Retry):
        return typed
    found = organisations.matching(await organisations.of_kind(turn.ctx.session, kind=kind), typed)
    if len(found) == 1:
        turn.data["org_id"] = found[0].id
        turn.data.pop("org_new", None)
        return advance(turn)
    if kind == OrgKind.DEPARTMENT:
        return Retry(t.ORG_NOT_FOUND.format(text=shorten(typed)))
    name = person_answers.free_text(typed, ORG_RULE, "organisation", too_short=t.ORG_TOO_SHORT)
    if isinstance(name, Retry):
        return name
    turn.data["org_new"] = name
    turn.data.pop("org_id", None)
    return advance(turn)


def _unit_level(turn: Turn) -> str:
    category = registrations.category(turn.data.get("category"))
    return category.unit_level if category and category.unit_level else "commune"


def _unit_question(turn: Turn) -> str | None:
    return t.ASK_DISTRICT_UNIT if _unit_level(turn) == "district" else None


async def picked_unit(turn: Turn, unit: Unit) -> Outcome:
    """Keep the chosen unit; a team of another commune no longer fits."""
    chosen = [unit.catalog, unit.code]
    if turn.data.get("unit") != chosen and not locked(turn, "team"):
        turn.data.pop("team_id", None)
    turn.data["unit"] = chosen
    return advance(turn)


UNIT = UnitPicker(prefix="unit", on_pick=picked_unit, level=_unit_level, question=_unit_question)


async def ask_team(turn: Turn) -> Reply:
    """List the teams of the person's commune."""
    catalog, code = turn.data["unit"]
    found = await teams.in_commune(turn.ctx.session, catalog=catalog, code=code)
    commune = unit_label(catalog, code)
    if not found:
        return Reply(t.NO_TEAMS_YET.format(commune=commune), (Option(t.CONTINUE, NO_TEAM),))
    options = [
        Option(f"{team.name} ({team.village})", TeamChoice(team.id or 0).encode())
        for team in found
    ]
    options.append(Option(t.NO_TEAM, NO_TEAM))
    return Reply(t.ASK_TEAM.format(commune=commune), tuple(options))


async def read_team(turn: Turn) -> Outcome:
    """Keep the chosen team (or none yet)."""
    choice = TeamChoice.decode(turn.value)
    if turn.value == NO_TEAM:
        turn.data["team_id"] = None
    elif choice is not None:
        turn.data["team_id"] = choice.team_id
    else:
        return Retry(t.ASK_TEAM.format(commune=unit_label(*turn.data["unit"])))
    return advance(turn)
