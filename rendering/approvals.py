"""What deciders and the people decided on receive: the approval requests of a registration
or a unit change with their Duyệt / Từ chối buttons, and the answers."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.buttons.actions import DecideRegistration, DecideUnitChange, RunCommand, Verdict
from bot.events import Option, Reply
from bot.texts import membership as t
from bot.texts import registration as rt
from models.members import Member
from models.unit_changes import UnitChangeRequest
from rendering.members import describe, unit_label


def member_choices(member_id: int) -> tuple[Option, ...]:
    """The Duyệt / Từ chối buttons of a pending registration."""
    return (
        Option(t.APPROVE, DecideRegistration(Verdict.APPROVE, member_id).encode()),
        Option(t.REJECT, DecideRegistration(Verdict.REJECT, member_id).encode()),
    )


def change_choices(request_id: int) -> tuple[Option, ...]:
    """The Duyệt / Từ chối buttons of a unit change request."""
    return (
        Option(t.APPROVE, DecideUnitChange(Verdict.APPROVE, request_id).encode()),
        Option(t.REJECT, DecideUnitChange(Verdict.REJECT, request_id).encode()),
    )


async def registration_request(session: AsyncSession, member: Member) -> Reply:
    """The request sent to the deciders of a new registration."""
    assert member.id is not None
    text = rt.NOTIFY_NEW.format(summary=await describe(session, member))
    return Reply(text, member_choices(member.id), columns=2)


async def unit_change_request(
    session: AsyncSession, member: Member, change: UnitChangeRequest
) -> Reply:
    """The request sent to the deciders of a member's move to another unit."""
    assert change.id is not None
    text = t.NOTIFY_CHANGE.format(
        details=await describe(session, member),
        new=unit_label(change.to_catalog, change.to_code),
    )
    return Reply(text, change_choices(change.id), columns=2)


def approved() -> Reply:
    """Telling a member their registration was approved."""
    return Reply(t.TELL_APPROVED, (Option(t.SEE_MENU, RunCommand("help").encode()),))


def change_approved(change: UnitChangeRequest) -> Reply:
    """Telling a member their move to another unit was approved."""
    return Reply(t.TELL_CHANGE_APPROVED.format(unit=unit_label(change.to_catalog, change.to_code)))


def change_rejected(change: UnitChangeRequest, reason: str) -> Reply:
    """Telling a member their move to another unit was refused, and why."""
    unit = unit_label(change.to_catalog, change.to_code)
    return Reply(t.TELL_CHANGE_REJECTED.format(unit=unit, reason=reason))


def rejected(reason: str) -> Reply:
    """Telling a person their registration was refused, and why."""
    return Reply(t.TELL_REJECTED.format(reason=reason))
