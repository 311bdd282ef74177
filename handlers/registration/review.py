"""The end of a registration: the review screen, submitting, and what an invite pre-fills."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.buttons.choices import EditAnswer
from bot.context import Context
from bot.conversation import Done, Next, Outcome, Turn
from bot.events import Option, Reply
from bot.texts import registration as t
from handlers.membership.approvals import notify_deciders
from handlers.unit_picker import unit_of
from models import invites, members, organisations, registrations, teams
from models.invites import Invite
from models.members import MemberStatus
from models.organisations import OrgKind
from models.registrations import (
    ORG_COMMITTEE,
    ORG_DEPARTMENT,
    ORG_ENTERPRISE,
    ORG_FIXED,
    Category,
)
from models.unit_catalog import Unit
from rendering.members import category_label, show_phone, unit_label

SUBMIT = "submit"
EDITABLE = ("name", "phone", "category", "org", "unit", "team", "position")


async def invite_answers(ctx: Context, invite: Invite) -> dict[str, Any]:
    """The answers an invite fixes, and the list of those the person may not change."""
    data: dict[str, Any] = {"invite_id": invite.id}
    fixed: list[str] = []
    if invite.team_id is not None:
        team = await teams.get(ctx.session, team_id=invite.team_id)
        if team is not None and team.active:
            data.update(team_id=team.id, unit=[team.unit_catalog, team.unit_code])
            data["category"] = invite.category or "to_cnscd"
            fixed += ["team", "unit", "category"]
    if invite.category:
        data["category"] = invite.category
        fixed.append("category")
    if invite.unit_catalog and invite.unit_code:
        data["unit"] = [invite.unit_catalog, invite.unit_code]
        fixed.append("unit")
    if invite.organisation_id is not None:
        data["org_id"] = invite.organisation_id
        fixed.append("org")
    data["locked"] = sorted(set(fixed))
    return data


async def invite_summary(ctx: Context, invite: Invite) -> str:
    """What an invite makes of the person, in a few words."""
    parts = [category_label(invite.category)] if invite.category else []
    if invite.organisation_id is not None:
        org = await organisations.get(ctx.session, organisation_id=invite.organisation_id)
        if org is not None:
            parts.append(org.name)
    if invite.team_id is not None:
        team = await teams.get(ctx.session, team_id=invite.team_id)
        if team is not None:
            parts.append(team.name)
            parts.append(unit_label(team.unit_catalog, team.unit_code))
    elif invite.unit_code:
        parts.append(unit_label(invite.unit_catalog, invite.unit_code))
    return ", ".join(parts) or category_label(None)


async def _org_text(ctx: Context, data: dict[str, Any], category: Category) -> str | None:
    if data.get("org_id"):
        org = await organisations.get(ctx.session, organisation_id=int(data["org_id"]))
        return org.name if org else None
    if data.get("org_new"):
        return t.NEW_ORG.format(name=data["org_new"])
    if category.org == ORG_FIXED and category.org_key:
        org = await organisations.by_key(ctx.session, key=category.org_key)
        return org.name if org else None
    if category.org == ORG_COMMITTEE and data.get("unit"):
        return f"UBND {unit_label(*data['unit'])}"
    return None


async def ask_review(turn: Turn) -> Reply:
    """Every answer, with a button to change each one and one to submit."""
    data = turn.data
    category = registrations.category(data.get("category"))
    assert category is not None
    values: dict[str, str | None] = {
        "name": data.get("name"),
        "phone": show_phone(data.get("phone")),
        "category": category_label(category.key),
        "org": await _org_text(turn.ctx, data, category),
        "unit": unit_label(*data["unit"]) if category.unit_level and data.get("unit") else None,
        "team": None,
        "position": data.get("position"),
    }
    if category.team:
        team = (
            await teams.get(turn.ctx.session, team_id=data["team_id"])
            if data.get("team_id")
            else None
        )
        values["team"] = team.name if team else t.NO_TEAM_VALUE
    lines = [t.REVIEW]
    options = [Option(t.SUBMIT, SUBMIT)]
    fixed = data.get("locked", [])
    for field in EDITABLE:
        value = values[field]
        if value is None:
            continue
        suffix = t.FROM_INVITE if field in fixed else ""
        lines.append(t.REVIEW_LINES[field].format(value=value) + suffix)
        editable = field not in fixed and not (
            field == "org" and category.org not in (ORG_DEPARTMENT, ORG_ENTERPRISE)
        )
        if editable:
            options.append(Option(t.EDIT[field], EditAnswer(field).encode()))
    lines.append(t.REVIEW_HINT)
    return Reply("\n".join(lines), tuple(options), columns=2)


async def read_review(turn: Turn) -> Outcome:
    """Submit, or go and change one answer (the flow comes back here afterwards)."""
    if turn.value == SUBMIT:
        return await submit(turn)
    choice = EditAnswer.decode(turn.value)
    field = choice.field if choice else ""
    if field not in EDITABLE or field in turn.data.get("locked", []):
        return Next("review")
    return Next(field)


async def _organisation_id(
    ctx: Context, data: dict[str, Any], category: Category, unit: Unit | None
) -> int | None:
    if data.get("org_id"):
        return int(data["org_id"])
    org = None
    if category.org == ORG_FIXED and category.org_key:
        org = await organisations.by_key(ctx.session, key=category.org_key)
    elif category.org == ORG_ENTERPRISE and data.get("org_new"):
        org = await organisations.add(
            ctx.session, kind=OrgKind.ENTERPRISE, name=data["org_new"], created_by=None
        )
    elif category.org == ORG_COMMITTEE and unit is not None:
        org = await organisations.committee_for(ctx.session, unit=unit)
    return org.id if org else None


async def submit(turn: Turn) -> Outcome:
    """Store the registration, use the invite, and tell the person and the coordinators."""
    ctx, data = turn.ctx, turn.data
    existing = ctx.member
    if existing is not None and existing.status == MemberStatus.ACTIVE:
        ctx.say(t.ALREADY_MEMBER)
        return Done()
    own = existing.id if existing else None
    if await registrations.phone_taken(ctx.session, phone=data["phone"], member_id=own):
        ctx.say(t.PHONE_TAKEN)
        data.pop("phone", None)
        return Next("phone")
    category = registrations.category(data["category"])
    assert category is not None
    unit = unit_of(*data["unit"]) if category.unit_level and data.get("unit") else None
    answers = registrations.Answers(
        full_name=data["name"],
        phone=data["phone"],
        category=category.key,
        position=data["position"],
        consent_at=datetime.fromisoformat(data["consent_at"]),
        organisation_id=await _organisation_id(ctx, data, category, unit),
        unit_catalog=unit.catalog if unit else None,
        unit_code=unit.code if unit else None,
        team_id=data.get("team_id") if category.team else None,
    )
    member = await registrations.submit(
        ctx.session, identity=ctx.identity, answers=answers, existing=existing, now=ctx.now()
    )
    ctx.member = member
    if data.get("invite_id"):
        invite = await invites.get(ctx.session, invite_id=int(data["invite_id"]))
        used = invite is not None and await invites.redeem(
            ctx.session, invite_id=invite.id or 0, now=ctx.now()
        )
        if used and invite is not None and invite.auto_approve:
            creator = await members.get_member(ctx.session, member_id=invite.created_by)
            if registrations.may_decide(creator, member):
                await registrations.approve(
                    ctx.session, member=member, by=invite.created_by, now=ctx.now(), via="invite"
                )
                await ctx.show_menu(t.AUTO_APPROVED.format(name=member.full_name))
                return Done()
        if not used:
            ctx.say(t.INVITE_LATE)
    await notify_deciders(ctx, member)
    ctx.say(t.SUBMITTED.format(name=member.full_name))
    return Done()
