"""Joining the network by oneself (/dangky) or through an invite link (/start <code>).

Consent comes first and nothing is stored before it. Answers live in the conversation until
the review screen is submitted; each step goes on to the first answer still missing, so
changing one answer on the review screen asks only what depends on it and comes back.
"""

from __future__ import annotations

from typing import Any

from bot.buttons.actions import EditRegistration
from bot.buttons.choices import Suggestion
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Kind, Option, Reply
from bot.router import ACCESS_GUEST, Command, Feature
from bot.texts import linking as lt
from bot.texts import registration as t
from handlers import person_answers
from handlers.linking import redeem_here, send_code_to
from handlers.registration import review as review
from handlers.registration.places import (
    UNIT,
    advance,
    ask_org,
    ask_team,
    locked,
    read_org,
    read_team,
)
from handlers.unit_picker import catalog_of
from models import invites, linking, registrations
from models.members import Member, MemberStatus
from models.registrations import ORG_DEPARTMENT, ORG_ENTERPRISE
from models.validators import TextRule

AGREE = "agree"
DISAGREE = "disagree"
POSITION_MIN, POSITION_MAX = 2, 120
POSITION_RULE = TextRule(POSITION_MIN, POSITION_MAX)


async def ask_consent(turn: Turn) -> Reply:
    """Show the personal-data notice."""
    return Reply(t.CONSENT, (Option(t.AGREE, AGREE), Option(t.DISAGREE, DISAGREE)))


async def read_consent(turn: Turn) -> Outcome:
    """Record the moment of consent, or stop without storing anything."""
    if turn.value != AGREE:
        turn.ctx.say(t.DISAGREED)
        return Done()
    turn.data["consent_at"] = turn.ctx.now().isoformat()
    return advance(turn)


async def ask_name(turn: Turn) -> Reply:
    """Ask the full name."""
    return Reply(t.ASK_NAME)


async def read_name(turn: Turn) -> Outcome:
    """Check and keep the full name."""
    name = person_answers.full_name(turn)
    if isinstance(name, Retry):
        return name
    turn.data["name"] = name
    return advance(turn)


async def ask_phone(turn: Turn) -> Reply:
    """Ask the mobile number, offering Telegram's share-contact button."""
    return Reply(t.ASK_PHONE, ask_contact=True)


async def read_phone(turn: Turn) -> Outcome:
    """Check the mobile number (typed or shared) and that nobody else registered it."""
    ctx = turn.ctx
    own = ctx.member.id if ctx.member else None
    phone = await person_answers.phone(turn, member_id=own, taken_ok=True)
    if isinstance(phone, Retry):
        return phone
    holder = await registrations.member_by_phone(ctx.session, phone=phone)
    if holder is not None and holder.id != own:
        # The same person on another messenger: offer to link instead of refusing.
        if own is None and linking.has_data(holder) and await send_code_to(ctx, holder):
            turn.data["link_member"] = holder.id
            return Next("link")
        return Retry(t.PHONE_TAKEN)
    turn.data["phone"] = phone
    return advance(turn)


async def ask_link(turn: Turn) -> Reply:
    """Ask the code sent to the person's other messenger."""
    return Reply(lt.PHONE_REGISTERED)


async def read_link(turn: Turn) -> Outcome:
    """Link this account to the record the phone belongs to, once the code is right."""
    if not linking.looks_like_code(turn.text):
        return Retry(lt.NOT_A_CODE)
    again = await redeem_here(turn.ctx, turn.text, for_member_id=turn.data.get("link_member"))
    return Retry(lt.WRONG) if again else Done()


async def ask_category(turn: Turn) -> Reply:
    """Ask which kind of member the person is."""
    options = tuple(
        Option(t.CATEGORIES[c.key], c.key) for c in registrations.categories_for(catalog_of(turn))
    )
    return Reply(t.ASK_CATEGORY, options)


async def read_category(turn: Turn) -> Outcome:
    """Keep the category; answers that depend on it (place, organisation, job) are asked again."""
    if registrations.category(turn.value) is None:
        return Retry(t.ASK_CATEGORY)
    if turn.data.get("category") != turn.value:
        for field, keys in (("org", ("org_id", "org_new")), ("unit", ("unit",))):
            if not locked(turn, field):
                for key in keys:
                    turn.data.pop(key, None)
        if not locked(turn, "team"):
            turn.data.pop("team_id", None)
        turn.data.pop("position", None)
    turn.data["category"] = turn.value
    return advance(turn)


async def ask_position(turn: Turn) -> Reply:
    """Ask the position, with suggestions for the category."""
    suggestions = t.POSITIONS.get(turn.data.get("category", ""), ())
    return Reply(
        t.ASK_POSITION, tuple(Option(s, Suggestion(s).encode()) for s in suggestions), columns=2
    )


async def read_position(turn: Turn) -> Outcome:
    """Keep the position."""
    choice = Suggestion.decode(turn.value)
    raw = choice.text if choice else turn.text
    text = person_answers.free_text(
        raw, POSITION_RULE, "position", too_short=t.POSITION_BAD, too_long=t.POSITION_BAD
    )
    if isinstance(text, Retry):
        return text
    turn.data["position"] = text
    return advance(turn)


def answers_of(member: Member) -> dict[str, Any]:
    """A registration's answers from an existing (pending or rejected) record."""
    data: dict[str, Any] = {
        "name": member.full_name,
        "phone": member.phone,
        "category": member.category,
        "position": member.position,
    }
    category = registrations.category(member.category)
    if member.unit_catalog and member.unit_code:
        data["unit"] = [member.unit_catalog, member.unit_code]
    if category and category.org in (ORG_DEPARTMENT, ORG_ENTERPRISE) and member.organisation_id:
        data["org_id"] = member.organisation_id
    if category and category.team:
        data["team_id"] = member.team_id
    return {key: value for key, value in data.items() if value is not None or key == "team_id"}


async def begin(ctx: Context) -> None:
    """/dangky: start registering, or say where the person's registration stands."""
    member = ctx.member
    if member is None:
        await ctx.start_flow("register")
    elif member.status == MemberStatus.PENDING:
        options = (Option(t.EDIT_REGISTRATION, EditRegistration().encode()),)
        ctx.say(t.PENDING_ALREADY.format(name=member.full_name), options)
    elif member.status == MemberStatus.REJECTED:
        ctx.say(t.REJECTED_BEFORE, (Option(t.REGISTER_AGAIN, EditRegistration().encode()),))
    else:
        ctx.say(t.ALREADY_MEMBER)


async def on_edit(ctx: Context) -> None:
    """The button that reopens a pending or rejected registration."""
    member = ctx.member
    if member is None:
        await ctx.start_flow("register")
    elif member.status in (MemberStatus.PENDING, MemberStatus.REJECTED):
        await ctx.start_flow("register", answers_of(member))
    else:
        ctx.say(t.ALREADY_MEMBER)


async def start_with_invite(ctx: Context, code: str) -> None:
    """/start <code>: check the invite and start a registration pre-filled from it."""
    invite = await invites.find(ctx.session, code=code)
    problem = invites.problem(invite, ctx.now())
    if problem is not None or invite is None:
        ctx.say(t.INVITE_PROBLEMS[problem or "unknown"] + t.INVITE_FALLBACK)
        return
    member = ctx.member
    if member is not None and member.status == MemberStatus.ACTIVE:
        ctx.say(t.ALREADY_MEMBER)
        return
    data = answers_of(member) if member is not None else {}
    data.update(await review.invite_answers(ctx, invite))
    ctx.say(t.INVITED.format(what=await review.invite_summary(ctx, invite)))
    await ctx.start_flow("register", data)


FLOW = Flow(
    name="register",
    title=t.TITLE,
    steps=(
        Step("consent", ask_consent, read_consent, free_text=False),
        Step("name", ask_name, read_name),
        Step(
            "phone",
            ask_phone,
            read_phone,
            accepts=frozenset({Kind.TEXT, Kind.OPTION, Kind.CONTACT}),
        ),
        Step("category", ask_category, read_category, free_text=False),
        Step("org", ask_org, read_org),
        *UNIT.steps(),
        Step("team", ask_team, read_team, free_text=False),
        Step("position", ask_position, read_position),
        Step("review", review.ask_review, review.read_review, free_text=False),
        Step("link", ask_link, read_link),
    ),
)


def setup() -> Feature:
    """Register /dangky, its conversation and the button that reopens a registration."""
    return Feature(
        name="registration",
        commands=(Command("dangky", begin, t.CMD, access=ACCESS_GUEST, button=t.BUTTON),),
        flows=(FLOW,),
        actions={EditRegistration: on_edit},
    )
