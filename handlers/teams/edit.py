"""Registering and editing a Tổ CNSCĐ: the steps of /todoi that change something."""

from __future__ import annotations

from bot.buttons.actions import TeamInvite
from bot.buttons.choices import MemberChoice, NameSuggestion
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Retry, Turn
from bot.events import Option, Reply
from bot.texts import teams as t
from handlers import person_answers
from handlers.unit_picker import UnitPicker
from models import audit, members, teams
from models.members import Member, Role
from models.scopes import NOTHING, Scope
from models.scopes import of as scope_of
from models.teams import Team
from models.unit_catalog import Unit
from models.validators import TextRule
from rendering.members import unit_label

VILLAGE_MIN, NAME_MIN, TEXT_MAX = 2, 3, 120
VILLAGE_RULE = TextRule(VILLAGE_MIN, TEXT_MAX)
NAME_RULE = TextRule(NAME_MIN, TEXT_MAX)
LATER = "later"


def coordinates(member: Member | None, catalog: str, code: str) -> bool:
    """Tell whether a member is a coordinator whose scope covers this commune."""
    return (
        member is not None
        and member.has_role(Role.COORDINATOR)
        and scope_of(member).covers_unit(catalog, code)
    )


def leads(member: Member | None, team: Team) -> bool:
    """Tell whether a member leads this team."""
    return member is not None and member.id is not None and team.leader_member_id == member.id


async def current_team(turn: Turn) -> Team | None:
    """The team the conversation is about, if it still exists and the person may see it."""
    team = await teams.get(turn.ctx.session, team_id=int(turn.data.get("team", 0)))
    if team is None or not team.active:
        return None
    member = turn.ctx.member
    if coordinates(member, team.unit_catalog, team.unit_code) or leads(member, team):
        return team
    return None


async def _record(ctx: Context, action: str, team: Team, **details: object) -> None:
    await audit.record(
        ctx.session,
        action=action,
        actor_member_id=ctx.member.id if ctx.member else None,
        actor_label="chat",
        details={"team": team.id, **details},
    )


def _scope(turn: Turn) -> Scope:
    return scope_of(turn.ctx.member) if turn.ctx.member else NOTHING


async def picked_commune(turn: Turn, unit: Unit) -> Outcome:
    """Keep the commune of the new team."""
    turn.data["unit"] = [unit.catalog, unit.code]
    return Next("new_village")


NEW_COMMUNE = UnitPicker(prefix="new_commune", on_pick=picked_commune, scope=_scope)


def _text(turn: Turn, rule: TextRule, field: str, message: str) -> str | Retry:
    """A typed (or suggested) village or team name, cleaned, or a re-ask."""
    choice = NameSuggestion.decode(turn.value)
    raw = choice.name if choice else turn.text
    return person_answers.free_text(raw, rule, field, too_short=message, too_long=message)


async def ask_village(turn: Turn) -> Reply:
    """Ask the village of the new team."""
    return Reply(t.ASK_VILLAGE)


async def read_village(turn: Turn) -> Outcome:
    """Keep the village if no active team holds it yet."""
    village = _text(turn, VILLAGE_RULE, "village", t.VILLAGE_BAD)
    if isinstance(village, Retry):
        return village
    catalog, code = turn.data["unit"]
    taken = await teams.village_taken(
        turn.ctx.session, catalog=catalog, code=code, village=village
    )
    if taken is not None:
        return Retry(t.VILLAGE_TAKEN.format(village=village, team=taken.name))
    turn.data["village"] = village
    return Next("new_name")


async def ask_name(turn: Turn) -> Reply:
    """Ask the team's name, suggesting one from the village."""
    suggested = t.SUGGESTED_NAME.format(village=turn.data["village"])
    return Reply(t.ASK_NAME, (Option(suggested, NameSuggestion(suggested).encode()),))


async def read_name(turn: Turn) -> Outcome:
    """Keep the name; coordinators then choose the leader."""
    name = _text(turn, NAME_RULE, "team_name", t.NAME_BAD)
    if isinstance(name, Retry):
        return name
    turn.data["name"] = name
    return Next("new_leader" if turn.data.get("as_coordinator") else "new_confirm")


async def ask_leader(turn: Turn) -> Reply:
    """List the commune's team members who may lead it."""
    catalog, code = turn.data["unit"]
    found = await teams.leader_candidates(turn.ctx.session, catalog=catalog, code=code)
    options = [Option(m.full_name, MemberChoice(m.id or 0).encode()) for m in found]
    options.append(Option(t.LEADER_LATER, LATER))
    return Reply(t.ASK_LEADER, tuple(options))


async def read_leader(turn: Turn) -> Outcome:
    """Keep the leader (or none yet)."""
    choice = MemberChoice.decode(turn.value)
    if choice is not None:
        turn.data["leader"] = choice.member_id
    else:
        turn.data.pop("leader", None)
    return Next("new_confirm")


async def leader_name(ctx: Context, member_id: int | None) -> str:
    """The name of a team leader, or “chưa có”."""
    if member_id is None:
        return t.NO_LEADER
    member = await members.get_member(ctx.session, member_id=member_id)
    return member.full_name if member else t.NO_LEADER


async def ask_confirm(turn: Turn) -> Reply:
    """Show the new team before registering it."""
    data = turn.data
    text = t.CONFIRM_NEW.format(
        name=data["name"],
        village=data["village"],
        commune=unit_label(*data["unit"]),
        leader=await leader_name(turn.ctx, data.get("leader")),
    )
    return Reply(text, (Option(t.CREATE, "create"),))


async def read_confirm(turn: Turn) -> Outcome:
    """Register the team, put its leader in it, and offer its invite link."""
    ctx, data = turn.ctx, turn.data
    catalog, code = data["unit"]
    if data.get("as_coordinator"):
        allowed = coordinates(ctx.member, catalog, code)
    else:
        # A Tổ CNSCĐ member registers the team of their own commune and leads it.
        own = ctx.member
        allowed = own is not None and (own.unit_catalog, own.unit_code) == (catalog, code)
        data["leader"] = own.id if own else None
    if not allowed:
        ctx.say(t.ONLY_COORDINATOR)
        return Done()
    if await teams.village_taken(ctx.session, catalog=catalog, code=code, village=data["village"]):
        return Retry(t.VILLAGE_TAKEN.format(village=data["village"], team=data["name"]))
    team = await teams.create(
        ctx.session,
        name=data["name"],
        catalog=catalog,
        code=code,
        village=data["village"],
        leader_member_id=data.get("leader"),
        created_by=ctx.member.id if ctx.member else None,
    )
    if data.get("leader"):
        leader = await members.get_member(ctx.session, member_id=int(data["leader"]))
        if leader is not None:
            await teams.assign(ctx.session, member=leader, team=team)
    await _record(ctx, "team.create", team, unit=[catalog, code])
    ctx.say(
        t.CREATED.format(name=team.name),
        (Option(t.MAKE_INVITE, TeamInvite(team.id or 0).encode()),),
    )
    return Done()


async def ask_new_name(turn: Turn) -> Reply:
    """Ask the new name of the team."""
    return Reply(t.ASK_NEW_NAME)


async def read_new_name(turn: Turn) -> Outcome:
    """Rename the team."""
    team = await current_team(turn)
    if team is None:
        turn.ctx.say(t.TEAM_GONE)
        return Done()
    name = _text(turn, NAME_RULE, "team_name", t.NAME_BAD)
    if isinstance(name, Retry):
        return name
    await teams.update(turn.ctx.session, team=team, name=name)
    await _record(turn.ctx, "team.rename", team)
    turn.ctx.say(t.SAVED)
    return Next("team")


async def ask_new_village(turn: Turn) -> Reply:
    """Ask the new village of the team."""
    return Reply(t.ASK_NEW_VILLAGE)


async def read_new_village(turn: Turn) -> Outcome:
    """Move the team to another village of its commune, if that village has no team."""
    team = await current_team(turn)
    if team is None:
        turn.ctx.say(t.TEAM_GONE)
        return Done()
    village = _text(turn, VILLAGE_RULE, "village", t.VILLAGE_BAD)
    if isinstance(village, Retry):
        return village
    taken = await teams.village_taken(
        turn.ctx.session,
        catalog=team.unit_catalog,
        code=team.unit_code,
        village=village,
        except_id=team.id,
    )
    if taken is not None:
        return Retry(t.VILLAGE_TAKEN.format(village=village, team=taken.name))
    await teams.update(turn.ctx.session, team=team, village=village)
    await _record(turn.ctx, "team.village", team)
    turn.ctx.say(t.SAVED)
    return Next("team")


async def ask_new_leader(turn: Turn) -> Reply:
    """List the team's active members as possible leaders."""
    team = await current_team(turn)
    found = await teams.members_of(turn.ctx.session, team_id=team.id or 0) if team else []
    options = [
        Option(m.full_name, MemberChoice(m.id or 0).encode())
        for m in found
        if m.status == "active"
    ]
    options.append(Option(t.REMOVE_LEADER, LATER))
    return Reply(t.ASK_NEW_LEADER, tuple(options))


async def read_new_leader(turn: Turn) -> Outcome:
    """Change the leader (coordinators only)."""
    team = await current_team(turn)
    if team is None:
        turn.ctx.say(t.TEAM_GONE)
        return Done()
    if not coordinates(turn.ctx.member, team.unit_catalog, team.unit_code):
        return Retry(t.ONLY_COORDINATOR)
    choice = MemberChoice.decode(turn.value)
    if choice is not None:
        await teams.update(turn.ctx.session, team=team, leader_member_id=choice.member_id)
    else:
        await teams.update(turn.ctx.session, team=team, clear_leader=True)
    await _record(turn.ctx, "team.leader", team, leader=team.leader_member_id)
    turn.ctx.say(t.SAVED)
    return Next("team")


async def ask_deactivate(turn: Turn) -> Reply:
    """Ask to confirm stopping the team."""
    team = await current_team(turn)
    name = team.name if team else ""
    options = (Option(t.YES_DEACTIVATE, "yes"), Option(t.KEEP, "no"))
    return Reply(t.ASK_DEACTIVATE.format(name=name), options)


async def read_deactivate(turn: Turn) -> Outcome:
    """Stop the team (coordinators only)."""
    team = await current_team(turn)
    if team is None:
        turn.ctx.say(t.TEAM_GONE)
        return Done()
    if turn.value != "yes":
        turn.ctx.say(t.KEPT)
        return Next("team")
    if not coordinates(turn.ctx.member, team.unit_catalog, team.unit_code):
        turn.ctx.say(t.ONLY_COORDINATOR)
        return Next("team")
    await teams.deactivate(turn.ctx.session, team=team, now=turn.ctx.now())
    await _record(turn.ctx, "team.deactivate", team)
    turn.ctx.say(t.DEACTIVATED.format(name=team.name))
    return Done()
