"""Forgetting old messages and files: finished outbox rows, unused message bodies and
uploaded files (announcement attachments, check-in evidence) older than the configured age,
deleted a batch at a time; and the records of deadline reminders and escalations sent, once
their deadline can no longer remind anybody (a purged record must never let a reminder go
again).

Each batch is one query on an index of the creation time (for outbox rows: of state and
creation time). Before outbox rows of an announcement go, the best delivery state of each
recipient is kept on the recipient row (`kept_delivery`, and the messenger of that row in
`kept_channel`), so the announcement's report (/tinhhinh) shows the same figures after the
purge.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Result, String, bindparam, case, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from models.announcements import (
    Announcement,
    AnnouncementFile,
    AnnouncementState,
    Recipient,
    announcement_of,
)
from models.checkins import CheckinAnswer
from models.outbox import OutboxMessage, OutboxState
from models.outbox_payloads import OutboxPayload
from models.task_reminders import TaskEscalation, TaskReminder
from models.tasks import TaskDeadline

FINISHED = (
    OutboxState.SENT,
    OutboxState.FAILED,
    OutboxState.UNREACHABLE,
    OutboxState.UNCERTAIN,
    OutboxState.CANCELLED,
)
"""Only rows that will never be sent again are purged; queued ones stay, however old."""
KEPT_RANK = {
    OutboxState.SENT: 0,
    OutboxState.UNCERTAIN: 1,
    OutboxState.FAILED: 2,
    OutboxState.UNREACHABLE: 3,
}
"""Which state wins when a recipient had several rows (the order the reports use)."""
IN_PROGRESS = (AnnouncementState.SCHEDULED, AnnouncementState.RELEASING)


async def purge_outbox(session: AsyncSession, *, before: datetime, limit: int) -> int:
    """Delete up to `limit` finished outbox rows created before `before`, keeping the
    delivery of announcement recipients (state and messenger); return how many were deleted.

    One range of the ix_outbox_finished index (state, created_at) per finished state, so
    old rows still queued are never read again batch after batch.
    """
    rows = (
        await session.execute(
            select(
                col(OutboxMessage.id),
                col(OutboxMessage.dedupe_key),
                col(OutboxMessage.member_id),
                col(OutboxMessage.state),
                col(OutboxMessage.channel),
            )
            .where(
                col(OutboxMessage.created_at) < before,
                col(OutboxMessage.state).in_(FINISHED),
            )
            .limit(limit)
        )
    ).all()
    if not rows:
        return 0
    await _keep_delivery(
        session, [(key, member, state, channel) for _, key, member, state, channel in rows]
    )
    ids = [int(row[0] or 0) for row in rows]
    await _delete_ids(session, OutboxMessage, ids)
    return len(ids)


def _found_ids(found: Result[Any]) -> list[int]:
    """The ids a purge's `select(<model>.id)` batch found."""
    return [row_id for row_id in found.scalars() if row_id is not None]


async def _delete_ids(session: AsyncSession, model: Any, ids: Sequence[int]) -> None:
    """Delete the rows of `model` with these ids (nothing when there are none)."""
    if ids:
        await session.execute(
            delete(model)
            .where(col(model.id).in_(ids))
            .execution_options(synchronize_session=False)
        )


def _kept_rank(state: Any) -> Any:
    """The KEPT_RANK of a state column or parameter, in SQL (NULL ranks after all)."""
    return case(
        *((state == name, rank) for name, rank in KEPT_RANK.items()),
        else_=len(KEPT_RANK),
    )


async def _keep_delivery(
    session: AsyncSession, rows: Sequence[tuple[str | None, int, str, str]]
) -> None:
    """Fold the states of rows about to go into their recipients' kept delivery, and keep
    the messenger of the row whose state wins."""
    best: dict[tuple[int, int], tuple[str, str]] = {}
    for key, member_id, state, channel in rows:
        announcement_id = announcement_of(key)
        if announcement_id is None or state not in KEPT_RANK:
            continue
        pair = (announcement_id, int(member_id))
        known = best.get(pair)
        if known is None or KEPT_RANK[OutboxState(state)] < KEPT_RANK[OutboxState(known[0])]:
            best[pair] = (state, channel)
    if not best:
        return
    table: Any = Recipient.__table__  # type: ignore[attr-defined]
    new = bindparam("new_state", type_=String)
    merged = case(
        (or_(table.c.kept_delivery == OutboxState.SENT, new == OutboxState.SENT), "sent"),
        (
            or_(table.c.kept_delivery == OutboxState.UNCERTAIN, new == OutboxState.UNCERTAIN),
            "uncertain",
        ),
        (or_(table.c.kept_delivery == OutboxState.FAILED, new == OutboxState.FAILED), "failed"),
        else_="unreachable",
    )
    # Both SET clauses read the row as it was: the new row's messenger is kept when its
    # state wins (or ties) over the one kept before.
    kept_channel = case(
        (_kept_rank(new) <= _kept_rank(table.c.kept_delivery), bindparam("new_channel")),
        else_=table.c.kept_channel,
    )
    statement = (
        update(table)
        .where(
            table.c.announcement_id == bindparam("the_announcement"),
            table.c.member_id == bindparam("the_member"),
        )
        .values(kept_delivery=merged, kept_channel=kept_channel)
    )
    params = [
        {
            "the_announcement": a,
            "the_member": m,
            "new_state": str(state),
            "new_channel": channel_name,
        }
        for (a, m), (state, channel_name) in sorted(best.items())
    ]
    await session.execute(statement, params)


async def purge_payloads(session: AsyncSession, *, before: datetime, limit: int) -> int:
    """Delete up to `limit` message bodies stored before `before` that no outbox row and no
    announcement still being released uses; return how many."""
    used = exists().where(col(OutboxMessage.payload_id) == col(OutboxPayload.id))
    releasing = exists().where(
        col(Announcement.state).in_(IN_PROGRESS),
        or_(
            col(Announcement.payload_id) == col(OutboxPayload.id),
            col(Announcement.file_payload_id) == col(OutboxPayload.id),
        ),
    )
    found = await session.execute(
        select(col(OutboxPayload.id))
        .where(col(OutboxPayload.created_at) < before, ~used, ~releasing)
        .order_by(col(OutboxPayload.created_at))
        .limit(limit)
    )
    ids = _found_ids(found)
    await _delete_ids(session, OutboxPayload, ids)
    return len(ids)


async def purge_files(session: AsyncSession, *, before: datetime, limit: int) -> int:
    """Delete up to `limit` uploaded files (announcement attachments, check-in evidence)
    uploaded before `before` (except those of announcements not yet fully released),
    unlinking them; return how many."""
    pending = exists().where(
        col(Announcement.attachment_id) == col(AnnouncementFile.id),
        col(Announcement.state).in_(IN_PROGRESS),
    )
    found = await session.execute(
        select(col(AnnouncementFile.id))
        .where(col(AnnouncementFile.created_at) < before, ~pending)
        .order_by(col(AnnouncementFile.created_at))
        .limit(limit)
    )
    ids = _found_ids(found)
    if not ids:
        return 0
    await session.execute(
        update(Announcement)
        .where(col(Announcement.attachment_id).in_(ids))
        .values(attachment_id=None)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(CheckinAnswer)
        .where(col(CheckinAnswer.evidence_file_id).in_(ids))
        .values(evidence_file_id=None)
        .execution_options(synchronize_session=False)
    )
    await _delete_ids(session, AnnouncementFile, ids)
    return len(ids)


async def purge_task_reminders(
    session: AsyncSession, *, before: datetime, past: date, limit: int
) -> int:
    """Delete up to `limit` records of deadline reminders sent before `before` whose
    deadline can no longer remind: replaced (a moved deadline is a new row; the old one
    never comes back) or due before `past` (beyond the overdue horizon, when nothing goes
    any more, whatever its status). Return how many."""
    found = await session.execute(
        select(col(TaskReminder.id))
        .join(TaskDeadline, col(TaskDeadline.id) == col(TaskReminder.deadline_id))
        .where(
            col(TaskReminder.sent_at) < before,
            or_(~col(TaskDeadline.active), col(TaskDeadline.due_on) < past),
        )
        .limit(limit)
    )
    ids = _found_ids(found)
    await _delete_ids(session, TaskReminder, ids)
    return len(ids)


async def purge_task_escalations(
    session: AsyncSession, *, before: datetime, past: date, limit: int
) -> int:
    """Delete up to `limit` records of escalations sent before `before` about deadlines due
    before `past` (beyond the overdue horizon: never escalated again; a deadline moved back
    to the same day within it would be). Return how many."""
    found = await session.execute(
        select(col(TaskEscalation.id))
        .where(col(TaskEscalation.sent_at) < before, col(TaskEscalation.due_on) < past)
        .limit(limit)
    )
    ids = _found_ids(found)
    await _delete_ids(session, TaskEscalation, ids)
    return len(ids)
