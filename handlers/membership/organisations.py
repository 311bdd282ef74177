"""Organisations (/donvi, admins): how many of each kind, the enterprises, and adding a
department or an enterprise."""

from __future__ import annotations

from bot.buttons.choices import AddOrganisation
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import membership as t
from handlers import person_answers
from models import audit, organisations
from models.organisations import OrgKind
from models.validators import TextRule

NAME_MIN, NAME_MAX = 3, 200
NAME_RULE = TextRule(NAME_MIN, NAME_MAX)


async def ask_root(turn: Turn) -> Reply:
    """Counts per kind and the list of enterprises."""
    session = turn.ctx.session
    counts = await organisations.counts_by_kind(session)
    lines = [
        t.ORGS_SUMMARY.format(
            departments=counts.get(OrgKind.DEPARTMENT, 0),
            districts=counts.get(OrgKind.DISTRICT_COMMITTEE, 0),
            communes=counts.get(OrgKind.COMMUNE_COMMITTEE, 0),
            enterprises=counts.get(OrgKind.ENTERPRISE, 0),
        ),
        t.ORGS_ENTERPRISES,
    ]
    enterprises = await organisations.of_kind(session, kind=OrgKind.ENTERPRISE)
    lines += [f"• {org.name}" for org in enterprises] or [t.ORGS_NONE]
    options = (
        Option(t.ADD_ENTERPRISE, AddOrganisation(OrgKind.ENTERPRISE).encode()),
        Option(t.ADD_DEPARTMENT, AddOrganisation(OrgKind.DEPARTMENT).encode()),
        Option(t.DONE, "done"),
    )
    return Reply("\n".join(lines), options)


async def read_root(turn: Turn) -> Outcome:
    """Add something, or close."""
    choice = AddOrganisation.decode(turn.value)
    if choice is not None:
        turn.data["kind"] = choice.kind
        return Next("name")
    return Done()


async def ask_name(turn: Turn) -> Reply:
    """Ask the full name of the new organisation."""
    return Reply(t.ASK_ORG_NAME.format(kind=t.ORG_KIND_NAMES[turn.data["kind"]]))


async def read_name(turn: Turn) -> Outcome:
    """Add the organisation (or find the one already named so) and audit it."""
    name = person_answers.free_text(
        turn.text, NAME_RULE, "organisation", too_short=t.ORG_NAME_BAD, too_long=t.ORG_NAME_BAD
    )
    if isinstance(name, Retry):
        return name
    ctx = turn.ctx
    actor = ctx.member.id if ctx.member else None
    org = await organisations.add(
        ctx.session, kind=OrgKind(turn.data["kind"]), name=name, created_by=actor
    )
    await audit.record(
        ctx.session,
        action="organisation.add",
        actor_member_id=actor,
        actor_label="chat",
        details={"organisation": org.id, "kind": org.kind},
    )
    ctx.say(t.ORG_ADDED.format(name=org.name))
    return Next("root")


async def begin(ctx: Context) -> None:
    """/donvi: open the organisations list."""
    await ctx.start_flow("orgs")


FLOW = Flow(
    name="orgs",
    title=t.ORGS_TITLE,
    steps=(
        Step("root", ask_root, read_root, free_text=False),
        Step("name", ask_name, read_name),
    ),
)
