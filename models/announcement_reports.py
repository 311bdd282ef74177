"""What happened to an announcement: delivery, acknowledgements and answers per unit, who has
not acknowledged, and the attendee list — computed in SQL, never by loading the audience, and
always limited to a scope (a district coordinator never counts or sees anyone outside it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from models.announcements import Answer, Recipient
from models.members import Member
from models.outbox import OutboxMessage, OutboxState
from models.scopes import PROVINCE, Scope, unit_filter

SENT = "sent"
QUEUED = "queued"
UNCERTAIN = "uncertain"
FAILED = "failed"
UNREACHABLE = "unreachable"


def in_scope(scope: Scope) -> ColumnElement[bool]:
    """A WHERE clause keeping the recipients whose unit (when it was sent) lies in `scope`."""
    return unit_filter(scope, col(Recipient.unit_catalog), col(Recipient.unit_code))


def _has(key: str, states: list[str]) -> ColumnElement[bool]:
    return exists().where(
        col(OutboxMessage.dedupe_key) == key,
        col(OutboxMessage.member_id) == col(Recipient.member_id),
        col(OutboxMessage.state).in_(states),
    )


def delivery(key: str) -> ColumnElement[str]:
    """Per recipient: sent if any of their messages went out, else queued if one still
    waits, else uncertain if a send timed out after leaving (it may have arrived), else
    failed if one failed, else unreachable.

    Messages purged by retention count through the state kept on the recipient row
    (models.retention), so the figures stay the same after a purge.
    """
    kept = col(Recipient.kept_delivery)
    return case(
        ((kept == SENT) | _has(key, [OutboxState.SENT]), SENT),
        (_has(key, [OutboxState.QUEUED, OutboxState.SENDING]), QUEUED),
        ((kept == UNCERTAIN) | _has(key, [OutboxState.UNCERTAIN]), UNCERTAIN),
        ((kept == FAILED) | _has(key, [OutboxState.FAILED]), FAILED),
        else_=UNREACHABLE,
    )


@dataclass
class Tally:
    """Counts for a group of recipients."""

    total: int = 0
    delivery: dict[str, int] = field(default_factory=dict)
    acked: int = 0
    yes: int = 0
    no: int = 0

    def add(self, other: Tally) -> None:
        """Add another group's counts to these."""
        self.total += other.total
        self.acked += other.acked
        self.yes += other.yes
        self.no += other.no
        for state, count in other.delivery.items():
            self.delivery[state] = self.delivery.get(state, 0) + count


async def tally_by_unit(
    session: AsyncSession, *, announcement_id: int, dedupe_key: str, scope: Scope = PROVINCE
) -> dict[tuple[str | None, str | None], Tally]:
    """Counts per (unit catalog, unit code) of the recipients inside `scope`."""
    state = delivery(dedupe_key).label("delivery")
    inner = (
        select(
            col(Recipient.unit_catalog).label("catalog"),
            col(Recipient.unit_code).label("code"),
            state,
            case((col(Recipient.acked_at).is_not(None), 1), else_=0).label("acked"),
            case((col(Recipient.answer) == Answer.YES, 1), else_=0).label("yes"),
            case((col(Recipient.answer) == Answer.NO, 1), else_=0).label("no"),
        )
        .where(col(Recipient.announcement_id) == announcement_id, in_scope(scope))
        .subquery()
    )
    result = await session.execute(
        select(
            inner.c.catalog,
            inner.c.code,
            inner.c.delivery,
            func.count(),
            func.sum(inner.c.acked),
            func.sum(inner.c.yes),
            func.sum(inner.c.no),
        ).group_by(inner.c.catalog, inner.c.code, inner.c.delivery)
    )
    tallies: dict[tuple[str | None, str | None], Tally] = {}
    for catalog, code, state_name, total, acked, yes, no in result.all():
        tally = tallies.setdefault((catalog, code), Tally())
        tally.add(
            Tally(
                total=int(total),
                delivery={str(state_name): int(total)},
                acked=int(acked or 0),
                yes=int(yes or 0),
                no=int(no or 0),
            )
        )
    return tallies


@dataclass(frozen=True)
class Person:
    """One recipient as a report lists them."""

    name: str
    phone: str | None
    unit_catalog: str | None
    unit_code: str | None
    delivery: str
    answer: str | None = None
    reason: str | None = None
    answered_at: Any = None


def _unacked(announcement_id: int, scope: Scope) -> tuple[ColumnElement[bool], ...]:
    return (
        col(Recipient.announcement_id) == announcement_id,
        col(Recipient.acked_at).is_(None),
        in_scope(scope),
    )


async def unacknowledged(
    session: AsyncSession,
    *,
    announcement_id: int,
    dedupe_key: str,
    limit: int,
    offset: int,
    scope: Scope = PROVINCE,
) -> tuple[list[Person], int]:
    """One page of the recipients inside `scope` who have not acknowledged (by name), and how
    many in all."""
    where = _unacked(announcement_id, scope)
    total = (
        await session.execute(select(func.count()).select_from(Recipient).where(*where))
    ).scalar_one()
    query = (
        select(
            col(Member.full_name),
            col(Member.phone),
            col(Recipient.unit_catalog),
            col(Recipient.unit_code),
            delivery(dedupe_key),
        )
        .join(Member, col(Member.id) == col(Recipient.member_id))
        .where(*where)
        .order_by(col(Member.full_name), col(Member.id))
        .limit(limit)
        .offset(offset)
    )
    rows = (await session.execute(query)).all()
    people = [Person(name, phone, cat, code, str(state)) for name, phone, cat, code, state in rows]
    return people, int(total)


async def answers(
    session: AsyncSession, *, announcement_id: int, batch: int = 500, scope: Scope = PROVINCE
) -> AsyncIterator[Person]:
    """Every recipient inside `scope` who answered, attending first, then by name — read in
    batches."""
    last_rank: tuple[int, str, int] | None = None
    order_key = case((col(Recipient.answer) == Answer.YES, 0), else_=1)
    while True:
        query = (
            select(
                order_key.label("rank"),
                col(Member.full_name),
                col(Member.id),
                col(Member.phone),
                col(Recipient.unit_catalog),
                col(Recipient.unit_code),
                col(Recipient.answer),
                col(Recipient.reason),
                col(Recipient.answered_at),
            )
            .join(Member, col(Member.id) == col(Recipient.member_id))
            .where(
                col(Recipient.announcement_id) == announcement_id,
                col(Recipient.answer).is_not(None),
                in_scope(scope),
            )
            .order_by(order_key, col(Member.full_name), col(Member.id))
            .limit(batch)
        )
        if last_rank is not None:
            rank, name, member_id = last_rank
            query = query.where(
                (order_key > rank)
                | and_(order_key == rank, col(Member.full_name) > name)
                | and_(
                    order_key == rank, col(Member.full_name) == name, col(Member.id) > member_id
                )
            )
        rows = (await session.execute(query)).all()
        for row in rows:
            yield Person(
                name=row[1],
                phone=row[3],
                unit_catalog=row[4],
                unit_code=row[5],
                delivery=SENT,
                answer=row[6],
                reason=row[7],
                answered_at=row[8],
            )
        if len(rows) < batch:
            return
        last = rows[-1]
        last_rank = (int(last[0]), str(last[1]), int(last[2]))


async def unanswered(
    session: AsyncSession, *, announcement_id: int, batch: int = 500, scope: Scope = PROVINCE
) -> AsyncIterator[Person]:
    """Every recipient inside `scope` who has not answered yet, by name — read in batches."""
    last: tuple[str, int] | None = None
    while True:
        query = (
            select(
                col(Member.full_name),
                col(Member.id),
                col(Member.phone),
                col(Recipient.unit_catalog),
                col(Recipient.unit_code),
            )
            .join(Member, col(Member.id) == col(Recipient.member_id))
            .where(
                col(Recipient.announcement_id) == announcement_id,
                col(Recipient.answer).is_(None),
                in_scope(scope),
            )
            .order_by(col(Member.full_name), col(Member.id))
            .limit(batch)
        )
        if last is not None:
            name, member_id = last
            query = query.where(
                (col(Member.full_name) > name)
                | and_(col(Member.full_name) == name, col(Member.id) > member_id)
            )
        rows = (await session.execute(query)).all()
        for name, _member_id, phone, catalog, code in rows:
            yield Person(name=name, phone=phone, unit_catalog=catalog, unit_code=code, delivery="")
        if len(rows) < batch:
            return
        last = (str(rows[-1][0]), int(rows[-1][1] or 0))
