"""What happened to an announcement: delivery (and on which messenger), acknowledgements and
answers per unit, who has not acknowledged, and the attendee list — computed in SQL, never by
loading the audience, and always limited to a scope (a district coordinator never counts or
sees anyone outside it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from models.announcements import Answer, Recipient, dedupe_key_of
from models.members import Member
from models.outbox import OutboxMessage, OutboxState
from models.scopes import PROVINCE, Scope, unit_filter

SENT = "sent"
QUEUED = "queued"
UNCERTAIN = "uncertain"
FAILED = "failed"
UNREACHABLE = "unreachable"
UNKNOWN_CHANNEL = "unknown"
"""The messenger of a recipient whose message left before messengers were kept (retention
purged its outbox row); None means no message was ever queued for them."""


def in_scope(scope: Scope) -> ColumnElement[bool]:
    """A WHERE clause keeping the recipients whose unit (when it was sent) lies in `scope`."""
    return unit_filter(scope, col(Recipient.unit_catalog), col(Recipient.unit_code))


def _rank(state: Any) -> ColumnElement[int]:
    """The order in which delivery() picks a state (a sent row first)."""
    return case(
        (state == OutboxState.SENT, 0),
        (state.in_([OutboxState.QUEUED, OutboxState.SENDING]), 1),
        (state == OutboxState.UNCERTAIN, 2),
        (state == OutboxState.FAILED, 3),
        (state == OutboxState.UNREACHABLE, 4),
        else_=5,
    )


def _mine(key: str) -> tuple[ColumnElement[bool], ...]:
    """The outbox rows of one announcement (its key) to the recipient of the outer query:
    one look-up of the ix_outbox_member index (member_id, dedupe_key)."""
    return (
        col(OutboxMessage.member_id) == col(Recipient.member_id),
        col(OutboxMessage.dedupe_key) == key,
    )


def _live_rank(key: str) -> ColumnElement[int | None]:
    """The best _rank of the recipient's outbox rows still kept (NULL when none).

    One aggregate over the rows of (member, key) rather than one EXISTS per state: filtered
    on the state, SQLite would pick the index on the state and read every row in that state
    for each recipient."""
    return select(func.min(_rank(col(OutboxMessage.state)))).where(*_mine(key)).scalar_subquery()


def delivery(key: str) -> ColumnElement[str]:
    """Per recipient: sent if any of their messages went out, else queued if one still
    waits, else uncertain if a send timed out after leaving (it may have arrived), else
    failed if one failed, else unreachable.

    Messages purged by retention count through the state kept on the recipient row
    (models.retention), so the figures stay the same after a purge.
    """
    kept = col(Recipient.kept_delivery)
    live = _live_rank(key)
    return case(
        ((kept == SENT) | (live == 0), SENT),
        (live == 1, QUEUED),
        ((kept == UNCERTAIN) | (live == 2), UNCERTAIN),
        ((kept == FAILED) | (live == 3), FAILED),
        else_=UNREACHABLE,
    )


def delivery_channel(key: str) -> ColumnElement[str | None]:
    """Per recipient: the messenger their message went to — the channel of the outbox row
    that decides delivery() (that row was made for the identity the sender used, so after a
    403 on the preferred messenger the next message's row names the other one), else the
    messenger kept when retention purged the rows, UNKNOWN_CHANNEL for rows purged before
    messengers were kept, and None when no message was ever queued for them."""
    live = (
        select(col(OutboxMessage.channel))
        .where(*_mine(key))
        .order_by(_rank(col(OutboxMessage.state)), col(OutboxMessage.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    kept_state = col(Recipient.kept_delivery)
    kept = func.coalesce(col(Recipient.kept_channel), literal(UNKNOWN_CHANNEL))
    return case(
        (kept_state.is_(None), live),
        (func.coalesce(_live_rank(key), 9) <= _rank(kept_state), live),
        else_=kept,
    )


@dataclass
class Tally:
    """Counts for a group of recipients."""

    total: int = 0
    delivery: dict[str, int] = field(default_factory=dict)
    acked: int = 0
    yes: int = 0
    no: int = 0
    channels: dict[str, dict[str | None, int]] = field(default_factory=dict)
    """Per delivery state, how many on each messenger (see delivery_channel)."""

    def add(self, other: Tally) -> None:
        """Add another group's counts to these."""
        self.total += other.total
        self.acked += other.acked
        self.yes += other.yes
        self.no += other.no
        for state, count in other.delivery.items():
            self.delivery[state] = self.delivery.get(state, 0) + count
        for state, counts in other.channels.items():
            mine = self.channels.setdefault(state, {})
            for channel, count in counts.items():
                mine[channel] = mine.get(channel, 0) + count

    def by_channel(self, state: str) -> dict[str | None, int]:
        """How many recipients in `state` there are on each messenger."""
        return dict(self.channels.get(state, {}))


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
            delivery_channel(dedupe_key).label("channel"),
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
            inner.c.channel,
            func.count(),
            func.sum(inner.c.acked),
            func.sum(inner.c.yes),
            func.sum(inner.c.no),
        ).group_by(inner.c.catalog, inner.c.code, inner.c.delivery, inner.c.channel)
    )
    tallies: dict[tuple[str | None, str | None], Tally] = {}
    for catalog, code, state_name, channel, total, acked, yes, no in result.all():
        tally = tallies.setdefault((catalog, code), Tally())
        tally.add(
            Tally(
                total=int(total),
                delivery={str(state_name): int(total)},
                acked=int(acked or 0),
                yes=int(yes or 0),
                no=int(no or 0),
                channels={str(state_name): {channel: int(total)}},
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
    channel: str | None = None
    """The messenger the announcement went to (see delivery_channel)."""


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
            delivery_channel(dedupe_key),
        )
        .join(Member, col(Member.id) == col(Recipient.member_id))
        .where(*where)
        .order_by(col(Member.full_name), col(Member.id))
        .limit(limit)
        .offset(offset)
    )
    rows = (await session.execute(query)).all()
    people = [
        Person(name, phone, cat, code, str(state), channel=channel)
        for name, phone, cat, code, state, channel in rows
    ]
    return people, int(total)


async def answers(
    session: AsyncSession, *, announcement_id: int, batch: int = 500, scope: Scope = PROVINCE
) -> AsyncIterator[Person]:
    """Every recipient inside `scope` who answered, attending first, then by name, with the
    messenger the announcement went to — read in batches."""
    channel = delivery_channel(dedupe_key_of(announcement_id))
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
                channel,
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
                channel=row[9],
            )
        if len(rows) < batch:
            return
        last = rows[-1]
        last_rank = (int(last[0]), str(last[1]), int(last[2]))


async def unanswered(
    session: AsyncSession, *, announcement_id: int, batch: int = 500, scope: Scope = PROVINCE
) -> AsyncIterator[Person]:
    """Every recipient inside `scope` who has not answered yet, by name, with their delivery
    state and the messenger the announcement went to — read in batches."""
    key = dedupe_key_of(announcement_id)
    state, channel = delivery(key), delivery_channel(key)
    last: tuple[str, int] | None = None
    while True:
        query = (
            select(
                col(Member.full_name),
                col(Member.id),
                col(Member.phone),
                col(Recipient.unit_catalog),
                col(Recipient.unit_code),
                state,
                channel,
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
        for name, _member_id, phone, catalog, code, reached, via in rows:
            yield Person(
                name=name,
                phone=phone,
                unit_catalog=catalog,
                unit_code=code,
                delivery=str(reached),
                channel=via,
            )
        if len(rows) < batch:
            return
        last = (str(rows[-1][0]), int(rows[-1][1] or 0))
