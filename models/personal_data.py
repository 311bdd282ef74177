"""A member's own data (Decree 13/2023/NĐ-CP): everything stored about them, and erasure.

Erasure anonymises the member row instead of deleting it, so that counts which include the
person (members per commune, deliveries, check-ins) stay right; what identifies them (name,
phone, position, messenger account ids, conversation state, web chat transcript) is removed,
and messages still queued for them are dropped.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import audit, members, options, organisations, outbox, teams, unit_changes
from models.conversations import ConversationState
from models.feedback import Feedback
from models.members import Member, MemberStatus, Role
from models.outbox import OutboxMessage
from models.unit_changes import ChangeStatus, UnitChangeRequest
from models.webchat import WebchatMessage

ERASED_ACCOUNT = "erased:"
ERASED_REASON = "erased"


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


async def collect(session: AsyncSession, *, member: Member) -> dict[str, Any]:
    """Everything stored about a member, as plain JSON-ready data."""
    assert member.id is not None
    record = {
        key: (_when(value) if isinstance(value, datetime) else value)
        for key, value in member.model_dump().items()
    }
    if member.organisation_id is not None:
        org = await organisations.get(session, organisation_id=member.organisation_id)
        record["organisation_name"] = org.name if org else None
    if member.team_id is not None:
        team = await teams.get(session, team_id=member.team_id)
        record["team_name"] = team.name if team else None
    identities = await members.identities_of(session, member_id=member.id)
    accounts = [
        {
            "channel": i.channel,
            "external_id": i.external_id,
            "chat_id": i.chat_id,
            "display_name": i.display_name,
            "reachable": i.reachable,
            "first_seen": _when(i.created_at),
            "last_seen": _when(i.last_seen_at),
        }
        for i in identities
    ]
    feedback = await session.execute(
        select(Feedback).where(
            or_(
                col(Feedback.member_id) == member.id,
                *[
                    (col(Feedback.channel) == i.channel)
                    & (col(Feedback.external_id) == i.external_id)
                    for i in identities
                ],
            )
        )
    )
    return {
        "member": record,
        "accounts": accounts,
        "teams_led": [t.name for t in await teams.led_by(session, member_id=member.id)],
        "unit_change_requests": [
            {
                "from": [r.from_catalog, r.from_code],
                "to": [r.to_catalog, r.to_code],
                "status": r.status,
                "reason": r.reason,
                "created_at": _when(r.created_at),
            }
            for r in await unit_changes.of_member(session, member_id=member.id)
        ],
        "feedback": [
            {"topic": f.topic, "text": f.text, "created_at": _when(f.created_at)}
            for f in feedback.scalars()
        ],
        "audit_log": [
            {"at": _when(e.at), "action": e.action, "by": e.actor_label, "details": e.details}
            for e in await audit.entries_for(session, target_member_id=member.id)
        ],
    }


async def erase(
    session: AsyncSession, *, member: Member, placeholder_name: str, now: datetime
) -> int:
    """Erase what identifies a member and stop everything addressed to them.

    Returns how many messenger accounts were forgotten.
    """
    assert member.id is not None
    identities = await members.identities_of(session, member_id=member.id)
    for identity in identities:
        who = (identity.channel, identity.external_id)
        await session.execute(
            delete(ConversationState).where(
                col(ConversationState.channel) == who[0],
                col(ConversationState.external_id) == who[1],
            )
        )
        await options.forget(session, channel=who[0], external_id=who[1])
        await session.execute(
            update(Feedback)
            .where(col(Feedback.channel) == who[0], col(Feedback.external_id) == who[1])
            .values(external_id=ERASED_ACCOUNT, member_id=None)
        )
        if identity.channel == "webchat":
            await session.execute(
                delete(WebchatMessage).where(col(WebchatMessage.person) == identity.chat_id)
            )
        assert identity.id is not None
        await outbox.drop_for_identity(session, identity_id=identity.id, reason=ERASED_REASON)
        # Sent messages keep pointing at the identity, so it stays, without the account.
        marker = f"{ERASED_ACCOUNT}{identity.id}"
        identity.external_id = marker
        identity.chat_id = marker
        identity.display_name = None
        identity.member_id = None
        identity.reachable = False
        identity.unreachable_reason = ERASED_REASON
        identity.unreachable_at = now
        session.add(identity)
    await session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.member_id) == member.id)
        .values(chat_id=ERASED_ACCOUNT, external_id=ERASED_ACCOUNT)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Feedback).where(col(Feedback.member_id) == member.id).values(member_id=None)
    )
    await session.execute(
        update(UnitChangeRequest)
        .where(
            col(UnitChangeRequest.member_id) == member.id,
            col(UnitChangeRequest.status) == ChangeStatus.PENDING,
        )
        .values(status=ChangeStatus.CANCELLED, decided_at=now)
    )
    await teams.clear_leader(session, member_id=member.id)
    member.full_name = placeholder_name
    member.phone = None
    member.position = None
    member.status = MemberStatus.DELETED
    member.role = Role.MEMBER
    member.scope_catalog = None
    member.scope_code = None
    member.deleted_at = now
    member.updated_at = now
    session.add(member)
    await session.flush()
    await audit.record(
        session,
        action="member.erase",
        actor_member_id=member.id,
        actor_label="self",
        target_member_id=member.id,
        details={"accounts": len(identities)},
    )
    return len(identities)
