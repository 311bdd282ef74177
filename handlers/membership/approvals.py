"""Approving registrations and unit changes: /choduyet, the Duyệt / Từ chối buttons sent to
coordinators, and the short conversation asking why a registration is rejected."""

from __future__ import annotations

from bot.buttons.actions import DecideRegistration, DecideUnitChange, Verdict
from bot.buttons.choices import ReasonChoice
from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import membership as t
from handlers import person_answers
from handlers.notify import notify_member
from models import members, registrations, unit_changes
from models.members import Member, MemberStatus
from models.scopes import of as scope_of
from models.validators import TextRule
from rendering import approvals as approval_messages
from rendering.members import describe, unit_label

REASON_RULE = TextRule(3, 200)
KIND_MEMBER = "member"
KIND_CHANGE = "change"


async def notify_deciders(ctx: Context, member: Member) -> None:
    """Tell the coordinators covering a new registration (and the admins) that it waits."""
    assert member.id is not None
    deciders = await registrations.deciders_for(
        ctx.session, catalogs_codes=[(member.unit_catalog, member.unit_code)]
    )
    request = await approval_messages.registration_request(ctx.session, member)
    stamp = int(member.updated_at.timestamp())
    for decider in deciders:
        if decider.id is None or decider.id == member.id:
            continue
        await notify_member(
            ctx,
            decider.id,
            request,
            "approval_request",
            dedupe_key=registrations.approval_key(
                member_id=member.id, decider_id=decider.id, stamp=stamp
            ),
        )


async def notify_change_deciders(ctx: Context, change: unit_changes.UnitChangeRequest) -> None:
    """Tell the coordinators of the old or new unit (and the admins) about a move request."""
    assert change.id is not None
    member = await members.get_member(ctx.session, member_id=change.member_id)
    if member is None:
        return
    deciders = await registrations.deciders_for(
        ctx.session,
        catalogs_codes=[
            (change.from_catalog, change.from_code),
            (change.to_catalog, change.to_code),
        ],
    )
    request = await approval_messages.unit_change_request(ctx.session, member, change)
    for decider in deciders:
        if decider.id is not None and decider.id != member.id:
            await notify_member(
                ctx,
                decider.id,
                request,
                "unit_change_request",
                dedupe_key=unit_changes.request_key(request_id=change.id, decider_id=decider.id),
            )


async def list_pending(ctx: Context) -> None:
    """/choduyet: the oldest registrations and unit changes waiting in one's scope."""
    scope = scope_of(ctx.member)
    people, total = await registrations.pending_in_scope(ctx.session, scope=scope)
    changes = await unit_changes.pending_in_scope(ctx.session, scope=scope)
    if not people and not changes:
        ctx.say(t.NONE_PENDING)
        return
    if people:
        ctx.say(t.PENDING_HEADER.format(total=total))
    for person in people:
        assert person.id is not None
        details = await describe(ctx.session, person)
        ctx.say(
            t.PENDING_ITEM.format(id=person.id, details=details),
            approval_messages.member_choices(person.id),
            columns=2,
        )
    if total > len(people):
        ctx.say(t.PENDING_MORE.format(more=total - len(people)))
    if changes:
        ctx.say(t.CHANGE_HEADER)
    for change in changes:
        assert change.id is not None
        member = await members.get_member(ctx.session, member_id=change.member_id)
        ctx.say(
            t.CHANGE_ITEM.format(
                name=member.full_name if member else change.member_id,
                old=unit_label(change.from_catalog, change.from_code),
                new=unit_label(change.to_catalog, change.to_code),
            ),
            approval_messages.change_choices(change.id),
            columns=2,
        )


async def _pending_member(ctx: Context, member_id: int) -> Member | None:
    """The pending member a decider may act on, or None after saying why not."""
    member = await members.get_member(ctx.session, member_id=member_id)
    if member is None or member.status == MemberStatus.DELETED:
        ctx.say(t.NOT_FOUND)
        return None
    if not registrations.may_decide(ctx.member, member):
        ctx.say(t.OUT_OF_SCOPE)
        return None
    if member.status != MemberStatus.PENDING:
        ctx.say(t.ALREADY_DECIDED.format(status=t.STATUS.get(member.status, member.status)))
        return None
    return member


async def _pending_change(
    ctx: Context, request_id: int
) -> tuple[unit_changes.UnitChangeRequest, Member] | None:
    change = await unit_changes.get(ctx.session, request_id=request_id)
    member = await members.get_member(ctx.session, member_id=change.member_id) if change else None
    if change is None or member is None:
        ctx.say(t.NOT_FOUND)
        return None
    decider = ctx.member
    scope = scope_of(decider)
    covered = scope.covers_unit(change.to_catalog, change.to_code) or scope.covers_unit(
        change.from_catalog, change.from_code
    )
    if decider is None or not covered or decider.id == member.id:
        ctx.say(t.OUT_OF_SCOPE)
        return None
    if change.status != unit_changes.ChangeStatus.PENDING:
        ctx.say(t.ALREADY_DECIDED.format(status=change.status))
        return None
    return change, member


async def on_member_decision(ctx: Context) -> None:
    """A Duyệt / Từ chối button of a registration was pressed."""
    button = await ctx.pressed(DecideRegistration)
    if button is None:
        return
    member = await _pending_member(ctx, button.member_id)
    if member is None or ctx.member is None or member.id is None:
        return
    if button.verdict != Verdict.APPROVE:
        data = {"kind": KIND_MEMBER, "id": member.id, "name": member.full_name}
        await ctx.start_flow("reject", data)
        return
    await registrations.approve(ctx.session, member=member, by=ctx.member.id, now=ctx.now())
    told = await notify_member(ctx, member.id, approval_messages.approved(), "approval_result")
    ctx.say(t.APPROVED_DONE.format(name=member.full_name, told=_told(told)))


async def on_change_decision(ctx: Context) -> None:
    """A Duyệt / Từ chối button of a unit change request was pressed."""
    button = await ctx.pressed(DecideUnitChange)
    if button is None:
        return
    found = await _pending_change(ctx, button.request_id)
    if found is None or ctx.member is None or ctx.member.id is None:
        return
    change, member = found
    if button.verdict != Verdict.APPROVE:
        data = {"kind": KIND_CHANGE, "id": change.id, "name": member.full_name}
        await ctx.start_flow("reject", data)
        return
    await unit_changes.decide(
        ctx.session,
        change=change,
        member=member,
        approve=True,
        by=ctx.member.id,
        reason=None,
        now=ctx.now(),
    )
    assert member.id is not None
    told = await notify_member(
        ctx, member.id, approval_messages.change_approved(change), "approval_result"
    )
    ctx.say(t.CHANGE_APPROVED_DONE.format(name=member.full_name, told=_told(told)))


async def ask_reason(turn: Turn) -> Reply:
    """Ask why the registration or change is refused."""
    options = tuple(Option(reason, ReasonChoice(reason).encode()) for reason in t.REASONS)
    return Reply(t.ASK_REASON.format(name=turn.data["name"]), options)


async def read_reason(turn: Turn) -> Outcome:
    """Refuse with the chosen or typed reason and tell the person."""
    choice = ReasonChoice.decode(turn.value)
    raw = choice.reason if choice else turn.text
    reason = person_answers.free_text(
        raw, REASON_RULE, "reason", too_short=t.REASON_BAD, too_long=t.REASON_BAD
    )
    if isinstance(reason, Retry):
        return reason
    ctx = turn.ctx
    if turn.data["kind"] == KIND_CHANGE:
        found = await _pending_change(ctx, int(turn.data["id"]))
        if found is None or ctx.member is None or ctx.member.id is None:
            return Done()
        change, member = found
        await unit_changes.decide(
            ctx.session,
            change=change,
            member=member,
            approve=False,
            by=ctx.member.id,
            reason=reason,
            now=ctx.now(),
        )
        assert member.id is not None
        tell = approval_messages.change_rejected(change, reason)
        told = _told(await notify_member(ctx, member.id, tell, "approval_result"))
        ctx.say(t.CHANGE_REJECTED_DONE.format(name=member.full_name, told=told))
        return Done()
    pending = await _pending_member(ctx, int(turn.data["id"]))
    if pending is None or ctx.member is None or ctx.member.id is None:
        return Done()
    member = pending
    await registrations.reject(
        ctx.session, member=member, by=ctx.member.id, reason=reason, now=ctx.now()
    )
    assert member.id is not None
    tell = approval_messages.rejected(reason)
    told = _told(await notify_member(ctx, member.id, tell, "approval_result"))
    ctx.say(t.REJECTED_DONE.format(name=member.full_name, reason=reason, told=told))
    return Done()


def _told(queued: int) -> str:
    """Whether the person decided on was told (the decision goes at once)."""
    return t.TOLD if queued else t.NOT_TOLD


REJECT_FLOW = Flow(
    name="reject",
    title=t.REJECT_TITLE,
    steps=(Step("reason", ask_reason, read_reason),),
)
