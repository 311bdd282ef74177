"""Community digital-technology teams (/todoi): coordinators register and look after the teams
in their scope; a Tổ CNSCĐ member registers the team of their village and leads it."""

from __future__ import annotations

from bot.buttons.actions import TeamInvite
from bot.buttons.choices import CommuneChoice, DistrictChoice, TeamChoice
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.router import Command, Feature
from bot.texts import invites as it
from bot.texts import teams as t
from handlers.invites import links as invite_links
from handlers.teams import edit as edit
from handlers.unit_picker import catalog_of, unit_of
from models import teams, unit_catalog
from models.members import MemberStatus, Role
from models.scopes import of as scope_of
from models.teams import Team
from rendering.members import unit_label

TEAM_INVITE_DAYS = 30
TEAM_INVITE_USES = 100


async def begin(ctx: Context) -> None:
    """/todoi: open the teams conversation for those who may use it."""
    member = ctx.member
    assert member is not None and member.id is not None
    if member.has_role(Role.COORDINATOR):
        await ctx.start_flow("teams", {"as_coordinator": True})
        return
    if await teams.led_by(ctx.session, member_id=member.id):
        await ctx.start_flow("teams", {})
        return
    team = await teams.get(ctx.session, team_id=member.team_id) if member.team_id else None
    if team is not None and team.active:
        counts = await teams.member_counts(ctx.session, team_ids=[team.id or 0])
        leader = await edit.leader_name(ctx, team.leader_member_id)
        commune = unit_label(team.unit_catalog, team.unit_code)
        ctx.say(
            t.YOUR_TEAM.format(
                team=team.name,
                village=team.village,
                commune=commune,
                leader=leader,
                count=counts.get(team.id or 0, 0),
            )
        )
    elif member.category == "to_cnscd" and member.unit_catalog == ctx.config.units.catalog:
        await ctx.start_flow("teams", {})
    else:
        ctx.say(t.NOT_FOR_YOU)


async def ask_root(turn: Turn) -> Reply:
    """Offer what the person may do with teams."""
    member = turn.ctx.member
    assert member is not None and member.id is not None
    if turn.data.get("as_coordinator"):
        return Reply(t.ROOT, (Option(t.NEW, "new"), Option(t.LIST, "list")))
    led = await teams.led_by(turn.ctx.session, member_id=member.id)
    options = [
        Option(t.OPEN_TEAM.format(name=team.name), TeamChoice(team.id or 0).encode())
        for team in led
    ]
    if not led:
        options.append(Option(t.NEW, "new"))
    return Reply(t.ROOT, tuple(options))


async def read_root(turn: Turn) -> Outcome:
    """Go where the person chose."""
    member = turn.ctx.member
    assert member is not None
    choice = TeamChoice.decode(turn.value)
    if choice is not None:
        turn.data["team"] = choice.team_id
        return Next("team")
    if turn.value == "new":
        if turn.data.get("as_coordinator"):
            return Next(edit.NEW_COMMUNE.first)
        turn.data["unit"] = [member.unit_catalog, member.unit_code]
        turn.data["leader"] = member.id
        return Next("new_village")
    if turn.value == "list" and turn.data.get("as_coordinator"):
        scope = scope_of(member)
        unit = unit_of(member.scope_catalog, member.scope_code)
        if scope.whole_province or unit is None:
            turn.data["district"] = None
            return Next(
                "list_districts" if unit_catalog.districts(catalog_of(turn)) else "list_communes"
            )
        if unit.level == "district":
            turn.data["district"] = unit.code
            return Next("list_communes")
        turn.data["commune"] = [unit.catalog, unit.code]
        return Next("list_teams")
    return Retry(t.ROOT)


async def ask_districts(turn: Turn) -> Reply:
    """Teams and members per district, with a button for each district that has teams."""
    summary = await teams.summary_by_commune(turn.ctx.session, scope=scope_of(turn.ctx.member))
    per_district: dict[str, tuple[int, int]] = {}
    for (catalog, code), (count, people) in summary.items():
        commune = unit_catalog.get_unit(catalog, code)
        district = unit_catalog.parent(commune) if commune else None
        if district is not None:
            old = per_district.get(district.code, (0, 0))
            per_district[district.code] = (old[0] + count, old[1] + people)
    if not per_district:
        return Reply(t.SUMMARY_NONE)
    lines, options = [t.SUMMARY_DISTRICTS], []
    for district in unit_catalog.districts(catalog_of(turn)):
        if district.code in per_district:
            count, people = per_district[district.code]
            lines.append(
                t.SUMMARY_DISTRICT_LINE.format(district=district.name, teams=count, members=people)
            )
            label = t.PICK_DISTRICT_LABEL.format(district=district.name, teams=count)
            options.append(Option(label, DistrictChoice(district.code).encode()))
    return Reply("\n".join(lines), tuple(options), columns=2)


async def read_districts(turn: Turn) -> Outcome:
    """Open one district."""
    choice = DistrictChoice.decode(turn.value)
    if choice is None:
        return Retry(t.SUMMARY_DISTRICTS)
    turn.data["district"] = choice.code
    return Next("list_communes")


async def ask_communes(turn: Turn) -> Reply:
    """Teams and members per commune (of a district), with a button for each."""
    scope = scope_of(turn.ctx.member)
    catalog = catalog_of(turn)
    district = turn.data.get("district")
    summary = await teams.summary_by_commune(turn.ctx.session, scope=scope)
    communes = [
        c for c in unit_catalog.communes(catalog, district) if scope.covers_unit(c.catalog, c.code)
    ]
    with_teams = [c for c in communes if (c.catalog, c.code) in summary]
    if not with_teams:
        return Reply(t.SUMMARY_NONE)
    where = t.WHERE_ALL
    if district:
        where = t.WHERE_DISTRICT.format(district=unit_label(catalog, district))
    lines, options = [t.SUMMARY_COMMUNES.format(where=where)], []
    for commune in with_teams:
        count, people = summary[(commune.catalog, commune.code)]
        lines.append(
            t.SUMMARY_COMMUNE_LINE.format(commune=commune.name, teams=count, members=people)
        )
        label = t.PICK_COMMUNE_LABEL.format(commune=commune.name, teams=count)
        options.append(Option(label, CommuneChoice(commune.code).encode()))
    if len(communes) > len(with_teams):
        lines.append(t.SUMMARY_EMPTY_COMMUNES.format(count=len(communes) - len(with_teams)))
    return Reply("\n".join(lines), tuple(options), columns=2)


async def read_communes(turn: Turn) -> Outcome:
    """Open one commune."""
    choice = CommuneChoice.decode(turn.value)
    if choice is None:
        return Retry(t.SUMMARY_NONE)
    turn.data["commune"] = [catalog_of(turn), choice.code]
    return Next("list_teams")


async def ask_teams(turn: Turn) -> Reply:
    """The teams of one commune with leader and member count."""
    catalog, code = turn.data["commune"]
    found = await teams.in_commune(turn.ctx.session, catalog=catalog, code=code)
    counts = await teams.member_counts(turn.ctx.session, team_ids=[x.id or 0 for x in found])
    commune = unit_label(catalog, code)
    lines = [t.TEAMS_OF.format(commune=commune) if found else t.TEAMS_NONE.format(commune=commune)]
    options = []
    for number, team in enumerate(found, start=1):
        lines.append(
            t.TEAM_LINE.format(
                number=number,
                name=team.name,
                village=team.village,
                leader=await edit.leader_name(turn.ctx, team.leader_member_id),
                count=counts.get(team.id or 0, 0),
            )
        )
        options.append(Option(team.name, TeamChoice(team.id or 0).encode()))
    options.append(Option(t.ADD_HERE, "add"))
    return Reply("\n".join(lines), tuple(options))


async def read_teams(turn: Turn) -> Outcome:
    """Open a team, or add one in this commune."""
    if turn.value == "add":
        turn.data["unit"] = turn.data["commune"]
        return Next("new_village")
    choice = TeamChoice.decode(turn.value)
    if choice is not None:
        turn.data["team"] = choice.team_id
        return Next("team")
    return Retry(t.TEAMS_OF.format(commune=unit_label(*turn.data["commune"])))


async def ask_team(turn: Turn) -> Reply:
    """One team: village, leader, members, and what may be changed."""
    team = await edit.current_team(turn)
    if team is None:
        return Reply(t.TEAM_GONE)
    people = await teams.members_of(turn.ctx.session, team_id=team.id or 0)
    active = [m for m in people if m.status == MemberStatus.ACTIVE]
    names = "\n".join(
        t.MEMBER_LINE.format(
            name=m.full_name, pending=t.MEMBER_PENDING if m.status == MemberStatus.PENDING else ""
        )
        for m in people
    )
    text = t.TEAM_DETAIL.format(
        name=team.name,
        village=team.village,
        commune=unit_label(team.unit_catalog, team.unit_code),
        leader=await edit.leader_name(turn.ctx, team.leader_member_id),
        count=len(active),
        members=names or t.NO_MEMBERS,
    )
    options = [
        Option(t.INVITE, "invite"),
        Option(t.EDIT_NAME, "edit_name"),
        Option(t.EDIT_VILLAGE, "edit_village"),
    ]
    if edit.coordinates(turn.ctx.member, team.unit_catalog, team.unit_code):
        options += [Option(t.EDIT_LEADER, "edit_leader"), Option(t.DEACTIVATE, "deactivate")]
    return Reply(text, tuple(options), columns=2)


async def read_team(turn: Turn) -> Outcome:
    """Act on the team."""
    team = await edit.current_team(turn)
    if team is None:
        turn.ctx.say(t.TEAM_GONE)
        return Done()
    if turn.value == "invite":
        await send_invite(turn.ctx, team)
        return Done()
    if turn.value in ("edit_name", "edit_village", "edit_leader", "deactivate"):
        return Next(turn.value)
    return Retry(t.ROOT)


async def send_invite(ctx: Context, team: Team) -> None:
    """Create the invite link of a team and show it (registrations go to approval)."""
    invite = await invite_links.create(
        ctx,
        days=TEAM_INVITE_DAYS,
        max_uses=TEAM_INVITE_USES,
        auto=False,
        category="to_cnscd",
        unit_catalog=team.unit_catalog,
        unit_code=team.unit_code,
        team_id=team.id,
    )
    ctx.say(it.CREATED.format(what=team.name) + "\n" + invite_links.links(ctx, invite))


async def on_invite(ctx: Context) -> None:
    """The “Tạo link mời” button shown after a team was registered."""
    button = await ctx.pressed(TeamInvite)
    if button is None:
        return
    team = await teams.get(ctx.session, team_id=button.team_id)
    member = ctx.member
    if team is None or not team.active:
        ctx.say(t.TEAM_GONE)
    elif edit.coordinates(member, team.unit_catalog, team.unit_code) or edit.leads(member, team):
        await send_invite(ctx, team)
    else:
        ctx.say(t.NOT_IN_SCOPE)


FLOW = Flow(
    name="teams",
    title=t.TITLE,
    steps=(
        Step("root", ask_root, read_root, free_text=False),
        Step("list_districts", ask_districts, read_districts, free_text=False),
        Step("list_communes", ask_communes, read_communes, free_text=False),
        Step("list_teams", ask_teams, read_teams, free_text=False),
        Step("team", ask_team, read_team, free_text=False),
        *edit.NEW_COMMUNE.steps(),
        Step("new_village", edit.ask_village, edit.read_village),
        Step("new_name", edit.ask_name, edit.read_name),
        Step("new_leader", edit.ask_leader, edit.read_leader, free_text=False),
        Step("new_confirm", edit.ask_confirm, edit.read_confirm, free_text=False),
        Step("edit_name", edit.ask_new_name, edit.read_new_name),
        Step("edit_village", edit.ask_new_village, edit.read_new_village),
        Step("edit_leader", edit.ask_new_leader, edit.read_new_leader, free_text=False),
        Step("deactivate", edit.ask_deactivate, edit.read_deactivate, free_text=False),
    ),
)


def setup() -> Feature:
    """Register /todoi and the team invite button."""
    return Feature(
        name="teams",
        commands=(Command("todoi", begin, t.CMD, access=Role.MEMBER, button=t.BUTTON),),
        flows=(FLOW,),
        actions={TeamInvite: on_invite},
    )
