"""Approving registrations and unit changes: /choduyet, the Duyệt / Từ chối buttons sent to
coordinators, and the short conversation asking why a registration is rejected."""

from __future__ import annotations

from bot.context import Context
from bot.conversation import Done, Flow, Outcome, Retry, Step, Turn
from bot.events import Option, Reply
from bot.texts import membership as t
from bot.texts import registration as rt
from handlers import person_answers
from handlers.member_view import describe, unit_label
from handlers.notify import notify_member
from models import members, registrations, unit_changes
from models.members import Member, MemberStatus
from models.scopes import of as scope_of
from models.validators import TextRule

REASON_RULE = TextRule(3, 200)
KIND_MEMBER = "member"
KIND_CHANGE = "change"


def member_choices(member_id: int) -> tuple[Option, ...]:
    """The Duyệt / Từ chối buttons of a pending registration."""
    return (Option(t.APPROVE, f"appr:ok:{member_id}"), Option(t.REJECT, f"appr:no:{member_id}"))


def change_choices(request_id: int) -> tuple[Option, ...]:
    """The Duyệt / Từ chối buttons of a unit change request."""
    return (Option(t.APPROVE, f"doi:ok:{request_id}"), Option(t.REJECT, f"doi:no:{request_id}"))


async def notify_deciders(ctx: Context, member: Member) -> None:
    """Tell the coordinators covering a new registration (and the admins) that it waits."""
    assert member.id is not None
    deciders = await registrations.deciders_for(
        ctx.session, catalogs_codes=[(member.unit_catalog, member.unit_code)]
    )
    text = rt.NOTIFY_NEW.format(summary=await describe(ctx.session, member))
    stamp = int(member.updated_at.timestamp())
    for decider in deciders:
        if decider.id is None or decider.id == member.id:
            continue
        await notify_member(
            ctx,
            decider.id,
            Reply(text, member_choices(member.id), columns=2),
            "approval_request",
            dedupe_key=f"approval:{member.id}:{decider.id}:{stamp}",
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
    text = t.NOTIFY_CHANGE.format(
        details=await describe(ctx.session, member),
        new=unit_label(change.to_catalog, change.to_code),
    )
    for decider in deciders:
        if decider.id is not None and decider.id != member.id:
            await notify_member(
                ctx,
                decider.id,
                Reply(text, change_choices(change.id), columns=2),
                "unit_change_request",
                dedupe_key=f"unit-change:{change.id}:{decider.id}",
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
            member_choices(person.id),
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
            change_choices(change.id),
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
    assert ctx.option is not None
    _, verdict, raw_id = ctx.option.value.split(":")
    member = await _pending_member(ctx, int(raw_id))
    if member is None or ctx.member is None or member.id is None:
        return
    if verdict != "ok":
        data = {"kind": KIND_MEMBER, "id": member.id, "name": member.full_name}
        await ctx.start_flow("reject", data)
        return
    await registrations.approve(ctx.session, member=member, by=ctx.member.id, now=ctx.now())
    await notify_member(
        ctx,
        member.id,
        Reply(t.TELL_APPROVED, (Option(t.SEE_MENU, "cmd:help"),)),
        "approval_result",
    )
    ctx.say(t.APPROVED_DONE.format(name=member.full_name))


async def on_change_decision(ctx: Context) -> None:
    """A Duyệt / Từ chối button of a unit change request was pressed."""
    assert ctx.option is not None
    _, verdict, raw_id = ctx.option.value.split(":")
    found = await _pending_change(ctx, int(raw_id))
    if found is None or ctx.member is None or ctx.member.id is None:
        return
    change, member = found
    if verdict != "ok":
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
    unit = unit_label(change.to_catalog, change.to_code)
    assert member.id is not None
    await notify_member(
        ctx, member.id, Reply(t.TELL_CHANGE_APPROVED.format(unit=unit)), "approval_result"
    )
    ctx.say(t.CHANGE_APPROVED_DONE.format(name=member.full_name))


async def ask_reason(turn: Turn) -> Reply:
    """Ask why the registration or change is refused."""
    options = tuple(Option(reason, f"r:{reason}") for reason in t.REASONS)
    return Reply(t.ASK_REASON.format(name=turn.data["name"]), options)


async def read_reason(turn: Turn) -> Outcome:
    """Refuse with the chosen or typed reason and tell the person."""
    raw = turn.value[2:] if turn.value and turn.value.startswith("r:") else turn.text
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
        unit = unit_label(change.to_catalog, change.to_code)
        text = t.TELL_CHANGE_REJECTED.format(unit=unit, reason=reason)
        ctx.say(t.CHANGE_REJECTED_DONE.format(name=member.full_name))
    else:
        pending = await _pending_member(ctx, int(turn.data["id"]))
        if pending is None or ctx.member is None or ctx.member.id is None:
            return Done()
        member = pending
        await registrations.reject(
            ctx.session, member=member, by=ctx.member.id, reason=reason, now=ctx.now()
        )
        text = t.TELL_REJECTED.format(reason=reason)
        ctx.say(t.REJECTED_DONE.format(name=member.full_name, reason=reason))
    assert member.id is not None
    await notify_member(ctx, member.id, Reply(text), "approval_result")
    return Done()


REJECT_FLOW = Flow(
    name="reject",
    title=t.REJECT_TITLE,
    steps=(Step("reason", ask_reason, read_reason),),
)
