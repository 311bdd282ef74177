"""A coordinator's "Nhắc những người chưa báo cáo" under a round's summary: one reminder to
the people in their scope who have not reported, queued in the outbox as a reminder and at
most once per round and person (the outbox's unique key on key and identity)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from models import outbox
from models.checkins import CheckinRound, silent
from models.members import Member
from models.outbox import SENDING, MessageKind
from models.scopes import Scope, member_filter


@dataclass(frozen=True)
class Nudged:
    """What one press did: people still silent in the scope, and how many were queued now."""

    silent: int
    queued: int


def nudge_key(row: CheckinRound) -> str:
    """The outbox key of a round's nudge (one per person: key and identity are unique)."""
    return f"{row.key}:nudge"


async def silent_in_scope(
    session: AsyncSession, *, row: CheckinRound, scope: Scope, today: dt.date
) -> list[int]:
    """The people of a round in `scope` who have not reported and are not on leave."""
    assert row.id is not None
    ids = await silent(session, round_id=row.id, today=today)
    if not ids or scope.codes is None:
        return ids
    result = await session.execute(
        select(col(Member.id)).where(col(Member.id).in_(ids), member_filter(scope))
    )
    inside = {m for m in result.scalars() if m is not None}
    return [m for m in ids if m in inside]


async def nudge(
    session: AsyncSession, *, row: CheckinRound, scope: Scope, payload_id: int, today: dt.date
) -> Nudged:
    """Queue the stored reminder for the silent people in `scope` not nudged yet."""
    ids = await silent_in_scope(session, row=row, scope=scope, today=today)
    if not ids:
        return Nudged(0, 0)
    reached = await outbox.enqueue_fresh(
        session,
        member_ids=ids,
        payload_id=payload_id,
        priority=SENDING[MessageKind.REMINDER].priority,
        kind="checkin_nudge",
        dedupe_key=nudge_key(row),
    )
    return Nudged(len(ids), len(reached))
