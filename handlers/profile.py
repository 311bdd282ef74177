"""One's own record (/hoso) and personal data rights (/xuatdulieu, /xoadulieu).

Name, phone and position change at once; a change of unit goes to a coordinator for
approval (while the member keeps the old unit), except for a registration still pending.
"""

from __future__ import annotations

from typing import Any

from bot.buttons.choices import Suggestion
from bot.context import Context
from bot.conversation import Done, Flow, Next, Outcome, Retry, Step, Turn
from bot.events import Kind, Option, Reply
from bot.router import ACCESS_ANYONE, Command, Feature
from bot.texts import checkins as ckt
from bot.texts import linking as lt
from bot.texts import membership as mt
from bot.texts import profile as t
from bot.texts import registration as rt
from bot.timefmt import DATE, show, show_date
from handlers import linking, person_answers
from handlers.checkins import leave as checkin_leave
from handlers.membership.approvals import notify_change_deciders
from handlers.tasks.shared import today
from handlers.unit_picker import UnitPicker
from models import (
    audit,
    checkins,
    members,
    organisations,
    personal_data,
    registrations,
    teams,
    unit_changes,
)
from models.members import Member, MemberStatus, Role
from models.registrations import ORG_COMMITTEE
from models.unit_catalog import Unit
from models.validators import TextRule
from rendering import exports
from rendering.members import describe, scope_label, show_phone, unit_label

POSITION_MIN, POSITION_MAX = 2, 120
POSITION_RULE = TextRule(POSITION_MIN, POSITION_MAX)


def _member(turn: Turn) -> Member:
    member = turn.ctx.member
    assert member is not None and member.id is not None
    return member


async def ask_menu(turn: Turn) -> Reply:
    """The record, and what may be changed."""
    ctx, member = turn.ctx, _member(turn)
    lines = [t.HEADER, await describe(ctx.session, member)]
    role = mt.ROLE.get(member.role, member.role)
    lines.append(mt.LINE_STATUS.format(status=mt.STATUS.get(member.status, ""), role=role))
    if member.has_role(Role.COORDINATOR):
        lines.append(mt.LINE_SCOPE.format(scope=scope_label(member)))
    change = await unit_changes.pending_of(ctx.session, member_id=member.id or 0)
    if change is not None:
        lines.append(t.PENDING_CHANGE.format(unit=unit_label(change.to_catalog, change.to_code)))
    channels = await _channels_of(turn)
    if len(channels) > 1:
        preferred = member.preferred_channel
        shown = linking.channel_name(preferred) if preferred in channels else lt.PREFERRED_AUTO
        lines.append(lt.PREFERRED_LINE.format(channel=shown))
    if member.consent_at:
        when = show(member.consent_at, ctx.config.zone)
        lines.append(t.CONSENT_LINE.format(when=when, version=member.consent_version))
    options = [
        Option(t.EDIT_NAME, "name"),
        Option(t.EDIT_PHONE, "phone"),
        Option(t.EDIT_POSITION, "position"),
    ]
    category = registrations.category(member.category)
    if category is not None and category.unit_level:
        options.append(Option(t.MOVE, "unit"))
    if len(channels) > 1:
        options.append(Option(lt.EDIT_PREFERRED, "preferred"))
    options.append(Option(lt.BUTTON, "link"))
    away = await checkins.leave_until(ctx.session, member_id=member.id or 0, today=today(ctx))
    if away is not None:
        lines.append(ckt.PROFILE_LEAVE.format(date=away.strftime(DATE)))
        options.append(Option(ckt.PROFILE_END_LEAVE, "back"))
    elif member.has_role(Role.MEMBER):
        options.append(Option(ckt.PROFILE_LEAVE_BUTTON, "leave"))
    options += [Option(t.EXPORT, "export"), Option(t.ERASE, "erase"), Option(t.DONE, "done")]
    return Reply("\n".join(lines), tuple(options), columns=2)


async def read_menu(turn: Turn) -> Outcome:
    """Go to the chosen change."""
    if turn.value == "done":
        turn.ctx.say(t.CLOSED)
        return Done()
    if turn.value == "export":
        await send_export(turn.ctx, _member(turn))
        return Done()
    if turn.value == "link":
        await linking.issue_here(turn.ctx, _member(turn))
        return Done()
    if turn.value == "leave":
        await checkin_leave.begin(turn.ctx)
        return Done()
    if turn.value == "back":
        await checkins.end_leave(turn.ctx.session, member_id=_member(turn).id or 0)
        turn.ctx.say(ckt.LEAVE_ENDED)
        return Next("menu")
    if turn.value in ("name", "phone", "position", "unit", "erase", "preferred"):
        return Next(turn.value)
    return Retry(t.ASK_WHAT)


async def _channels_of(turn: Turn) -> list[str]:
    """The messengers the member's record is used on, in a stable order."""
    identities = await members.identities_of(turn.ctx.session, member_id=_member(turn).id or 0)
    return sorted({identity.channel for identity in identities})


async def ask_preferred(turn: Turn) -> Reply:
    """Ask which messenger pushed messages go to first."""
    options = tuple(Option(linking.channel_name(c), c) for c in await _channels_of(turn))
    return Reply(lt.ASK_PREFERRED, options)


async def read_preferred(turn: Turn) -> Outcome:
    """Store the preferred messenger."""
    if turn.value not in await _channels_of(turn):
        return Retry(lt.ASK_PREFERRED)
    await members.set_preferred_channel(turn.ctx.session, member=_member(turn), channel=turn.value)
    turn.ctx.say(lt.PREFERRED_SAVED.format(channel=linking.channel_name(turn.value)))
    return Next("menu")


async def ask_name(turn: Turn) -> Reply:
    """Ask the corrected full name."""
    return Reply(rt.ASK_NAME)


async def read_name(turn: Turn) -> Outcome:
    """Check and store the name."""
    name = person_answers.full_name(turn)
    if isinstance(name, Retry):
        return name
    await registrations.update_profile(
        turn.ctx.session, member=_member(turn), now=turn.ctx.now(), full_name=name
    )
    turn.ctx.say(t.SAVED)
    return Next("menu")


async def ask_phone(turn: Turn) -> Reply:
    """Ask the new mobile number."""
    return Reply(rt.ASK_PHONE, ask_contact=True)


async def read_phone(turn: Turn) -> Outcome:
    """Check and store the phone number."""
    member = _member(turn)
    phone = await person_answers.phone(turn, member_id=member.id)
    if isinstance(phone, Retry):
        return phone
    await registrations.update_profile(
        turn.ctx.session, member=member, now=turn.ctx.now(), phone=phone
    )
    turn.ctx.say(t.SAVED)
    return Next("menu")


async def ask_position(turn: Turn) -> Reply:
    """Ask the new position."""
    suggestions = rt.POSITIONS.get(_member(turn).category or "", ())
    return Reply(
        t.ASK_POSITION, tuple(Option(s, Suggestion(s).encode()) for s in suggestions), columns=2
    )


async def read_position(turn: Turn) -> Outcome:
    """Store the position."""
    choice = Suggestion.decode(turn.value)
    raw = choice.text if choice else turn.text
    text = person_answers.free_text(
        raw, POSITION_RULE, "position", too_short=rt.POSITION_BAD, too_long=rt.POSITION_BAD
    )
    if isinstance(text, Retry):
        return text
    await registrations.update_profile(
        turn.ctx.session, member=_member(turn), now=turn.ctx.now(), position=text
    )
    turn.ctx.say(t.SAVED)
    return Next("menu")


def _unit_level(turn: Turn) -> str:
    category = registrations.category(_member(turn).category)
    return category.unit_level if category and category.unit_level else "commune"


async def picked_unit(turn: Turn, unit: Unit) -> Outcome:
    """Ask a coordinator to approve the move (a pending registration just changes)."""
    ctx, member = turn.ctx, _member(turn)
    if (member.unit_catalog, member.unit_code) == (unit.catalog, unit.code):
        return Retry(t.SAME_UNIT)
    category = registrations.category(member.category)
    org_id = None
    if category is not None and category.org == ORG_COMMITTEE:
        org_id = (await organisations.committee_for(ctx.session, unit=unit)).id
    label = unit_label(unit.catalog, unit.code)
    if member.status == MemberStatus.PENDING:
        await registrations.move_pending(
            ctx.session,
            member=member,
            unit_catalog=unit.catalog,
            unit_code=unit.code,
            organisation_id=org_id,
            now=ctx.now(),
        )
        ctx.say(t.MOVED_PENDING.format(unit=label))
        return Next("menu")
    change = await unit_changes.request(
        ctx.session,
        member=member,
        to_catalog=unit.catalog,
        to_code=unit.code,
        organisation_id=org_id,
        now=ctx.now(),
    )
    await notify_change_deciders(ctx, change)
    ctx.say(t.MOVE_REQUESTED.format(unit=label))
    return Next("menu")


UNIT = UnitPicker(prefix="unit", on_pick=picked_unit, level=_unit_level)


async def export_summary(
    ctx: Context, member: Member, data: dict[str, Any], *, filename: str
) -> str:
    """A few lines a phone shows at once: who, role, dates, consent, what the file holds."""
    zone = ctx.config.zone
    lines = [
        mt.LINE_NAME.format(value=member.full_name),
        mt.LINE_PHONE.format(value=show_phone(member.phone)),
    ]
    if member.unit_code:
        lines.append(mt.LINE_UNIT.format(value=unit_label(member.unit_catalog, member.unit_code)))
    elif member.organisation_id is not None:
        org = await organisations.get(ctx.session, organisation_id=member.organisation_id)
        if org is not None:
            lines.append(mt.LINE_ORG.format(value=org.name))
    if member.team_id is not None:
        team = await teams.get(ctx.session, team_id=member.team_id)
        if team is not None:
            lines.append(mt.LINE_TEAM.format(value=team.name))
    role = mt.ROLE.get(member.role, member.role)
    lines.append(t.EXPORT_ROLE.format(role=role, status=mt.STATUS.get(member.status, "")))
    dates = t.EXPORT_REGISTERED.format(date=show_date(member.created_at, zone))
    if member.approved_at is not None:
        dates += t.EXPORT_APPROVED.format(date=show_date(member.approved_at, zone))
    lines.append(dates)
    if member.consent_at is not None:
        when = show(member.consent_at, zone)
        lines.append(t.EXPORT_CONSENT.format(when=when, version=member.consent_version))
    else:
        lines.append(t.EXPORT_NO_CONSENT)
    parts = [
        label.format(count=len(data.get(key) or ()))
        for key, label in t.EXPORT_PARTS.items()
        if data.get(key)
    ]
    lines.append(t.EXPORT_CONTENTS.format(file=filename, parts="".join(f", {p}" for p in parts)))
    active = member.status == MemberStatus.ACTIVE
    lines.append(t.EXPORT_HINT if active else t.EXPORT_HINT_PENDING)
    return t.EXPORT_TEXT.format(when=show(ctx.now(), zone), summary="\n".join(lines))


async def send_export(ctx: Context, member: Member) -> None:
    """Send a member everything stored about them, and note it in the audit log."""
    data = await personal_data.collect(ctx.session, member=member)
    document = exports.personal_json(
        data, name=member.full_name, now=ctx.now(), zone=ctx.config.zone
    )
    summary = await export_summary(ctx, member, data, filename=document.filename)
    ctx.say(summary, document=document)
    await audit.record(
        ctx.session,
        action="member.export",
        actor_member_id=member.id,
        actor_label="self",
        target_member_id=member.id,
    )


async def ask_erase(turn: Turn) -> Reply:
    """Warn what erasure does and ask to confirm."""
    return Reply(t.ERASE_WARNING, (Option(t.ERASE_YES, "yes"), Option(t.ERASE_NO, "no")))


async def read_erase(turn: Turn) -> Outcome:
    """Erase the person's data after they confirmed."""
    ctx = turn.ctx
    if turn.value != "yes" or ctx.member is None:
        ctx.say(t.ERASE_KEPT)
        return Done()
    await personal_data.erase(
        ctx.session, member=ctx.member, placeholder_name=t.ERASED_NAME, now=ctx.now()
    )
    ctx.say(t.ERASED)
    return Done()


async def begin(ctx: Context) -> None:
    """/hoso: show and edit one's record."""
    await ctx.start_flow("profile")


async def export_command(ctx: Context) -> None:
    """/xuatdulieu: send the person their data."""
    if ctx.member is None:
        ctx.say(t.NO_DATA)
        return
    await send_export(ctx, ctx.member)


async def erase_command(ctx: Context) -> None:
    """/xoadulieu: erase the person's data after a confirmation."""
    if ctx.member is None:
        ctx.say(t.NO_DATA)
        return
    await ctx.start_flow("erase")


PROFILE_FLOW = Flow(
    name="profile",
    title=t.TITLE,
    steps=(
        Step("menu", ask_menu, read_menu, free_text=False),
        Step("name", ask_name, read_name),
        Step(
            "phone",
            ask_phone,
            read_phone,
            accepts=frozenset({Kind.TEXT, Kind.OPTION, Kind.CONTACT}),
        ),
        Step("position", ask_position, read_position),
        *UNIT.steps(),
        Step("erase", ask_erase, read_erase, free_text=False),
        Step("preferred", ask_preferred, read_preferred, free_text=False),
    ),
)
ERASE_FLOW = Flow(
    name="erase",
    title=t.ERASE_TITLE,
    steps=(Step("erase", ask_erase, read_erase, free_text=False),),
)


def setup() -> Feature:
    """Register /hoso, /xuatdulieu and /xoadulieu."""
    return Feature(
        name="profile",
        commands=(
            Command("hoso", begin, t.CMD, access=Role.MEMBER, button=t.BUTTON),
            # Listed for everyone: a pending registrant has data too (Decree 13 rights).
            Command("xuatdulieu", export_command, t.CMD_EXPORT, access=ACCESS_ANYONE),
            Command("xoadulieu", erase_command, t.CMD_ERASE, access=ACCESS_ANYONE),
        ),
        flows=(PROFILE_FLOW, ERASE_FLOW),
    )
