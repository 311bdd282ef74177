"""Progress check-in rounds: a title, an audience (the same slices as announcements, inside
the creator's scope), a window, a recurrence, a state; the people of a round, their answers
(one per task of their organisation) and the members on leave.

A round's people are every active member of the audience who has at least one question:
a task of their organisation, or one of the round's own questions. They are fixed when it
opens; while it is open, members who come into the audience (approved, moved into it, back
to active, their organisation given tasks) join until nine tenths of the window has passed,
and those back from leave by then lose the on-leave mark. Nobody leaves a round: a member
who moves out of the audience stays asked and counted. A person on leave is counted as on
leave and gets no prompt. Every message goes through the outbox with keys that make a
second run harmless.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import UniqueConstraint, delete, exists, func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col, select

from bot.events import Reply
from models import announcements, audience, outbox, task_assignments
from models.announcement_rules import sender_scope
from models.announcements import Announcement, AnnouncementFile
from models.audience import Audience
from models.base import utcnow
from models.members import Member, MemberStatus
from models.outbox import SENDING, MessageKind, enqueue_fresh, enqueue_many
from models.scopes import Scope
from models.tasks import Task, TaskAssignment, TaskStatus, TaskStatusChange

TITLE_LIMIT = 200
BATCH = 500
JOIN_UNTIL = 0.9
"""The share of a round's window after which nobody joins it any more."""
SOURCE = "checkin"


class RoundState(StrEnum):
    """Where a round stands."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Recurrence(StrEnum):
    """How often a series of rounds comes back."""

    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class QuestionKind(StrEnum):
    """The kinds of a round's own questions (asked of everyone, after their tasks)."""

    STATUS = "status"
    PERCENT = "percent"
    NUMBER = "number"
    YES_NO = "yes_no"
    TEXT = "text"


MAX_QUESTIONS = 5
QUESTION_LIMIT = 200
REPLY_LIMIT = 300


class CheckinRound(SQLModel, table=True):
    """One round of progress reports."""

    __tablename__ = "checkin_rounds"
    __table_args__ = (UniqueConstraint("series_id", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    series_id: int | None = Field(default=None, index=True)
    sequence: int = 1
    title: str = Field(max_length=TITLE_LIMIT)
    author_member_id: int = Field(foreign_key="members.id", index=True)
    audience: str = Field(default="{}")
    questions: str = Field(default="[]")
    state: str = Field(default=RoundState.SCHEDULED, max_length=16, index=True)
    recurrence: str = Field(default=Recurrence.NONE, max_length=16)
    opens_at: dt.datetime
    closes_at: dt.datetime
    opened_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    reminded_half_at: dt.datetime | None = None
    reminded_late_at: dt.datetime | None = None
    reported_at: dt.datetime | None = None
    next_created: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)

    @property
    def key(self) -> str:
        """The outbox key prefix of this round's messages."""
        return f"checkin:{self.id}"

    def audience_spec(self, catalog: str) -> Audience:
        """The stored audience."""
        return Audience.from_json(json.loads(self.audience or "{}"), catalog=catalog)

    def free_questions(self) -> list[dict[str, str]]:
        """The round's own questions: {"kind": a QuestionKind, "text": the question}."""
        found: list[dict[str, str]] = json.loads(self.questions or "[]")
        return found

    def mark(self, share: float) -> dt.datetime:
        """The moment a share of the window has passed (0.5: half way)."""
        return self.opens_at + (self.closes_at - self.opens_at) * share


class CheckinPerson(SQLModel, table=True):
    """One person asked to report in one round, and whether they did."""

    __tablename__ = "checkin_people"
    __table_args__ = (UniqueConstraint("round_id", "member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="checkin_rounds.id", index=True)
    member_id: int = Field(foreign_key="members.id", index=True)
    organisation_id: int | None = None
    questions: int = 0
    on_leave: bool = False
    submitted_at: dt.datetime | None = None


class CheckinAnswer(SQLModel, table=True):
    """One person's answer on one task in one round (the status fact is in task history)."""

    __tablename__ = "checkin_answers"
    __table_args__ = (UniqueConstraint("round_id", "member_id", "assignment_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="checkin_rounds.id", index=True)
    member_id: int = Field(foreign_key="members.id")
    assignment_id: int = Field(foreign_key="task_assignments.id")
    status: str = Field(max_length=16)
    percent: int | None = None
    note: str | None = Field(default=None, max_length=1000)
    change_id: int | None = Field(default=None, foreign_key="task_status_changes.id")
    evidence_file_id: int | None = Field(
        default=None, foreign_key="announcement_files.id", index=True
    )
    """The photo or document sent as evidence, kept with the uploaded files
    (`announcement_files`, purged by the attachment retention)."""
    answered_at: dt.datetime = Field(default_factory=utcnow)


class CheckinReply(SQLModel, table=True):
    """One person's answer to one of a round's own questions (by its position)."""

    __tablename__ = "checkin_replies"
    __table_args__ = (UniqueConstraint("round_id", "member_id", "question"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="checkin_rounds.id", index=True)
    member_id: int = Field(foreign_key="members.id")
    question: int
    value: str = Field(max_length=REPLY_LIMIT)
    answered_at: dt.datetime = Field(default_factory=utcnow)


class CheckinLeave(SQLModel, table=True):
    """A member on leave until a day: no prompts or reminders until then."""

    __tablename__ = "checkin_leaves"

    member_id: int = Field(foreign_key="members.id", primary_key=True)
    until: dt.date
    set_at: dt.datetime = Field(default_factory=utcnow)


# ---- rounds ----------------------------------------------------------------------------


async def create(
    session: AsyncSession,
    *,
    title: str,
    author_member_id: int,
    spec: Audience,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    recurrence: Recurrence,
    now: dt.datetime,
    questions: Sequence[dict[str, str]] = (),
) -> CheckinRound:
    """Save a scheduled round (the first of its series), with its own questions if any."""
    row = CheckinRound(
        title=title,
        author_member_id=author_member_id,
        audience=json.dumps(spec.to_json(), ensure_ascii=False),
        questions=json.dumps(list(questions), ensure_ascii=False),
        opens_at=opens_at,
        closes_at=closes_at,
        recurrence=recurrence,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    row.series_id = row.id
    session.add(row)
    await session.flush()
    return row


async def get(session: AsyncSession, *, round_id: int) -> CheckinRound | None:
    """A round by id."""
    return await session.get(CheckinRound, round_id)


async def of_author(session: AsyncSession, *, author_member_id: int) -> list[CheckinRound]:
    """A creator's rounds not yet closed, then the last closed ones, newest first."""
    result = await session.execute(
        select(CheckinRound)
        .where(CheckinRound.author_member_id == author_member_id)
        .order_by(col(CheckinRound.opens_at).desc(), col(CheckinRound.id).desc())
        .limit(20)
    )
    rows = list(result.scalars())
    live = [r for r in rows if r.state in (RoundState.SCHEDULED, RoundState.OPEN)]
    ended = [r for r in rows if r.state == RoundState.CLOSED][:3]
    return live + ended


async def in_state(session: AsyncSession, *, state: RoundState) -> list[CheckinRound]:
    """Every round in a state, oldest first."""
    result = await session.execute(
        select(CheckinRound).where(CheckinRound.state == state).order_by(col(CheckinRound.id))
    )
    return list(result.scalars())


async def unreported(session: AsyncSession) -> list[CheckinRound]:
    """Closed rounds whose creator has not yet been sent the list of who did not report."""
    result = await session.execute(
        select(CheckinRound)
        .where(CheckinRound.state == RoundState.CLOSED, col(CheckinRound.reported_at).is_(None))
        .order_by(col(CheckinRound.id))
    )
    return list(result.scalars())


async def needing_next(session: AsyncSession) -> list[CheckinRound]:
    """Open or closed rounds of a recurring series whose next round is not scheduled yet."""
    result = await session.execute(
        select(CheckinRound)
        .where(
            col(CheckinRound.state).in_([RoundState.OPEN, RoundState.CLOSED]),
            CheckinRound.recurrence != Recurrence.NONE,
            col(CheckinRound.next_created).is_(False),
        )
        .order_by(col(CheckinRound.id))
    )
    return list(result.scalars())


def next_opening(opens_at: dt.datetime, recurrence: Recurrence, zone: ZoneInfo) -> dt.datetime:
    """When the next round of a series opens: a week, a month or a quarter later, at the same
    local time (on the last day of a shorter month)."""
    local = opens_at.astimezone(zone)
    if recurrence == Recurrence.WEEKLY:
        moved = local.date() + dt.timedelta(days=7)
    else:
        months = 1 if recurrence == Recurrence.MONTHLY else 3
        index = local.month - 1 + months
        year, month = local.year + index // 12, index % 12 + 1
        day = min(local.day, calendar.monthrange(year, month)[1])
        moved = dt.date(year, month, day)
    return dt.datetime.combine(moved, local.timetz().replace(tzinfo=None), tzinfo=zone).astimezone(
        dt.UTC
    )


async def schedule_next(
    session: AsyncSession, *, row: CheckinRound, zone: ZoneInfo, now: dt.datetime
) -> CheckinRound | None:
    """Schedule the next round of a recurring series once (None if it does not recur, was
    cancelled or its next round exists)."""
    if row.recurrence == Recurrence.NONE or row.next_created or row.state == RoundState.CANCELLED:
        return None
    opens = next_opening(row.opens_at, Recurrence(row.recurrence), zone)
    following = CheckinRound(
        series_id=row.series_id or row.id,
        sequence=row.sequence + 1,
        title=row.title,
        author_member_id=row.author_member_id,
        audience=row.audience,
        questions=row.questions,
        recurrence=row.recurrence,
        opens_at=opens,
        closes_at=opens + (row.closes_at - row.opens_at),
        created_at=now,
    )
    existing = await session.execute(
        select(CheckinRound).where(
            CheckinRound.series_id == following.series_id,
            CheckinRound.sequence == following.sequence,
        )
    )
    row.next_created = True
    session.add(row)
    if existing.scalars().first() is not None:
        await session.flush()
        return None
    session.add(following)
    await session.flush()
    return following


async def cancel(session: AsyncSession, *, row: CheckinRound, now: dt.datetime) -> None:
    """Cancel a round: no more prompts or reminders (the series stops with it)."""
    row.state, row.cancelled_at, row.next_created = RoundState.CANCELLED, now, True
    session.add(row)
    await outbox.cancel_prefix(session, prefix=f"{row.key}:")
    await session.flush()


async def close(session: AsyncSession, *, row: CheckinRound, now: dt.datetime) -> None:
    """Close a round (at its time or early): answers are no longer taken."""
    row.state, row.closed_at = RoundState.CLOSED, now
    if row.closes_at > now:
        row.closes_at = now
    session.add(row)
    await outbox.cancel_prefix(session, prefix=f"{row.key}:remind")
    await session.flush()


# ---- people ----------------------------------------------------------------------------


async def task_counts(session: AsyncSession, *, organisation_ids: Sequence[int]) -> dict[int, int]:
    """How many current tasks each organisation has."""
    if not organisation_ids:
        return {}
    result = await session.execute(
        select(col(TaskAssignment.organisation_id), func.count())
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .where(
            col(TaskAssignment.organisation_id).in_(list(organisation_ids)),
            col(TaskAssignment.active),
            col(Task.in_plan),
        )
        .group_by(col(TaskAssignment.organisation_id))
    )
    return {int(org): int(n) for org, n in result.all()}


@dataclass(frozen=True)
class Candidate:
    """A member of a round's audience and how many questions they would answer (their
    organisation's tasks, then the round's own questions)."""

    member_id: int
    organisation_id: int | None
    tasks: int
    questions: int


async def _candidates(
    session: AsyncSession,
    *,
    spec: Audience,
    scope: Scope,
    after_id: int,
    limit: int,
    own: int,
    outside_round: int | None = None,
) -> tuple[list[Candidate], int | None]:
    """The next members of the audience with their question counts (`own`: the round's own
    questions, asked of everyone), and the cursor; only those not yet in round
    `outside_round`, when given."""
    query = select(col(Member.id), col(Member.organisation_id)).where(
        audience.where(spec, scope), col(Member.id) > after_id
    )
    if outside_round is not None:
        query = query.where(
            ~exists().where(
                col(CheckinPerson.round_id) == outside_round,
                col(CheckinPerson.member_id) == col(Member.id),
            )
        )
    result = await session.execute(query.order_by(col(Member.id)).limit(limit))
    rows = [(int(r[0] or 0), r[1]) for r in result.all()]
    if not rows:
        return [], None
    counts = await task_counts(session, organisation_ids=sorted({o for _, o in rows if o}))
    found = []
    for member_id, organisation_id in rows:
        tasks = counts.get(organisation_id or 0, 0)
        found.append(Candidate(member_id, organisation_id, tasks, tasks + own))
    return found, rows[-1][0]


@dataclass(frozen=True)
class Preview:
    """What opening a round would do: who is asked, how many questions each, who answers only
    the round's own questions (no task), and who is left out (no question at all)."""

    people: int
    left_out: int
    fewest: int
    most: int
    own_only: int = 0


async def preview(session: AsyncSession, *, spec: Audience, scope: Scope, own: int = 0) -> Preview:
    """Count who a round with `own` questions of its own would ask, and how many questions
    each."""
    after, people, left_out, own_only, fewest, most = 0, 0, 0, 0, 0, 0
    while True:
        found, cursor = await _candidates(
            session, spec=spec, scope=scope, after_id=after, limit=BATCH, own=own
        )
        if cursor is None:
            return Preview(people, left_out, fewest, most, own_only)
        for one in found:
            if one.questions == 0:
                left_out += 1
                continue
            if one.tasks == 0:
                own_only += 1
            fewest = one.questions if people == 0 else min(fewest, one.questions)
            most = max(most, one.questions)
            people += 1
        after = cursor


async def on_leave(
    session: AsyncSession, *, member_ids: Sequence[int], today: dt.date
) -> set[int]:
    """The members among these on leave today."""
    if not member_ids:
        return set()
    result = await session.execute(
        select(col(CheckinLeave.member_id)).where(
            col(CheckinLeave.member_id).in_(list(member_ids)), col(CheckinLeave.until) >= today
        )
    )
    return {int(m) for m in result.scalars()}


async def open_round(
    session: AsyncSession,
    *,
    row: CheckinRound,
    scope: Scope,
    catalog: str,
    reply: Reply,
    today: dt.date,
    now: dt.datetime,
) -> int:
    """Open a round: fix its people and queue each the prompt (stored once, reminder
    priority); return how many were reached. Running it again adds nobody twice."""
    assert row.id is not None
    payload_id = await outbox.store_payload(session, reply=reply)
    after, queued = 0, 0
    while True:
        asked, away, cursor = await _enrol(
            session, row=row, scope=scope, catalog=catalog, after=after, today=today
        )
        if cursor is None:
            break
        queued += await _prompt(
            session, row=row, member_ids=[m for m in asked if m not in away], payload_id=payload_id
        )
        after = cursor
    row.state, row.opened_at = RoundState.OPEN, now
    session.add(row)
    await session.flush()
    return queued


async def _enrol(
    session: AsyncSession,
    *,
    row: CheckinRound,
    scope: Scope,
    catalog: str,
    after: int,
    today: dt.date,
    new_only: bool = False,
) -> tuple[list[int], set[int], int | None]:
    """Add the next batch of the audience (those with a question) to a round: the members
    asked, those among them on leave, and the cursor (None at the end)."""
    assert row.id is not None
    found, cursor = await _candidates(
        session,
        spec=row.audience_spec(catalog),
        scope=scope,
        after_id=after,
        limit=BATCH,
        own=len(row.free_questions()),
        outside_round=row.id if new_only else None,
    )
    asked = [one for one in found if one.questions > 0]
    ids = [one.member_id for one in asked]
    away = await on_leave(session, member_ids=ids, today=today)
    known = await _known(session, round_id=row.id, member_ids=ids)
    for one in asked:
        if one.member_id not in known:
            session.add(
                CheckinPerson(
                    round_id=row.id,
                    member_id=one.member_id,
                    organisation_id=one.organisation_id,
                    questions=one.questions,
                    on_leave=one.member_id in away,
                )
            )
    await session.flush()
    return ids, away, cursor


async def _prompt(
    session: AsyncSession,
    *,
    row: CheckinRound,
    member_ids: list[int],
    payload_id: int,
    fresh: bool = False,
) -> int:
    """Queue a round's prompt to these members (once each); how many are reachable, or, when
    `fresh`, how many were queued now."""
    return await _queue(
        session,
        member_ids=member_ids,
        payload_id=payload_id,
        kind="checkin_prompt",
        dedupe_key=f"{row.key}:prompt",
        fresh=fresh,
    )


async def _queue(
    session: AsyncSession,
    *,
    member_ids: list[int],
    payload_id: int,
    kind: str,
    dedupe_key: str,
    fresh: bool,
) -> int:
    """Queue a check-in message (at reminder priority) to these members, once each under
    `dedupe_key`; how many are reachable, or, when `fresh`, how many were queued now."""
    if not member_ids:
        return 0
    enqueue = enqueue_fresh if fresh else enqueue_many
    reached = await enqueue(
        session,
        member_ids=member_ids,
        payload_id=payload_id,
        priority=SENDING[MessageKind.REMINDER].priority,
        kind=kind,
        dedupe_key=dedupe_key,
    )
    return len(reached)


def may_join(row: CheckinRound, now: dt.datetime) -> bool:
    """Whether members may still join an open round (before nine tenths of its window)."""
    return row.state == RoundState.OPEN and now < min(row.mark(JOIN_UNTIL), row.closes_at)


async def late_people(
    session: AsyncSession, *, row: CheckinRound, catalog: str, today: dt.date, now: dt.datetime
) -> list[int]:
    """Add to an open round the members of its audience who now have a question and are not
    in it yet, and clear the on-leave mark of its people back from leave; return those of
    them to prompt (not on leave). Nothing once joining is over, or when the round's creator
    may no longer ask anyone (the round then stays as it is)."""
    assert row.id is not None
    if not may_join(row, now):
        return []
    prompted: list[int] = []
    scope = sender_scope(await session.get(Member, row.author_member_id))
    after: int | None = 0
    while scope is not None and after is not None:
        asked, away, after = await _enrol(
            session, row=row, scope=scope, catalog=catalog, after=after, today=today, new_only=True
        )
        prompted += [m for m in asked if m not in away]
    result = await session.execute(
        select(col(CheckinPerson.member_id)).where(
            CheckinPerson.round_id == row.id,
            col(CheckinPerson.on_leave).is_(True),
            col(CheckinPerson.submitted_at).is_(None),
        )
    )
    marked = [int(m) for m in result.scalars()]
    still = await on_leave(session, member_ids=marked, today=today)
    back = [m for m in marked if m not in still]
    if back:
        await session.execute(
            update(CheckinPerson)
            .where(col(CheckinPerson.round_id) == row.id, col(CheckinPerson.member_id).in_(back))
            .values(on_leave=False)
            .execution_options(synchronize_session=False)
        )
        prompted += back
    return sorted(prompted)


async def prompt_late(
    session: AsyncSession, *, row: CheckinRound, member_ids: list[int], reply: Reply
) -> int:
    """Queue the round's prompt to members who joined it late or came back from leave (each
    once: members prompted at the opening are not prompted again); how many were queued."""
    if not member_ids:
        return 0
    payload_id = await outbox.store_payload(session, reply=reply)
    return await _prompt(
        session, row=row, member_ids=member_ids, payload_id=payload_id, fresh=True
    )


async def _known(session: AsyncSession, *, round_id: int, member_ids: list[int]) -> set[int]:
    if not member_ids:
        return set()
    result = await session.execute(
        select(col(CheckinPerson.member_id)).where(
            CheckinPerson.round_id == round_id, col(CheckinPerson.member_id).in_(member_ids)
        )
    )
    return {int(m) for m in result.scalars()}


async def opener(
    session: AsyncSession, *, row: CheckinRound, now: dt.datetime
) -> tuple[Member, Scope] | None:
    """The creator of a round and the scope they may ask in; None (and the round cancelled)
    when they may no longer ask anyone."""
    author = await session.get(Member, row.author_member_id)
    scope = sender_scope(author)
    if author is None or scope is None:
        await cancel(session, row=row, now=now)
        return None
    return author, scope


async def person(session: AsyncSession, *, round_id: int, member_id: int) -> CheckinPerson | None:
    """A member's place in a round (None if they are not asked in it)."""
    result = await session.execute(
        select(CheckinPerson).where(
            CheckinPerson.round_id == round_id, CheckinPerson.member_id == member_id
        )
    )
    return result.scalars().first()


async def open_for(
    session: AsyncSession, *, member_id: int
) -> list[tuple[CheckinRound, CheckinPerson]]:
    """The open rounds a member is asked in, oldest first."""
    result = await session.execute(
        select(CheckinRound, CheckinPerson)
        .join(CheckinPerson, col(CheckinPerson.round_id) == col(CheckinRound.id))
        .where(CheckinPerson.member_id == member_id, CheckinRound.state == RoundState.OPEN)
        .order_by(col(CheckinRound.id))
    )
    return [(r, p) for r, p in result.all()]


async def silent(session: AsyncSession, *, round_id: int, today: dt.date) -> list[int]:
    """The people of a round who have not reported and are not on leave."""
    result = await session.execute(
        select(col(CheckinPerson.member_id))
        .join(Member, col(Member.id) == col(CheckinPerson.member_id))
        .where(
            CheckinPerson.round_id == round_id,
            col(CheckinPerson.submitted_at).is_(None),
            col(CheckinPerson.on_leave).is_(False),
            col(Member.status) == MemberStatus.ACTIVE,
        )
        .order_by(col(CheckinPerson.member_id))
    )
    ids = [int(m) for m in result.scalars()]
    away = await on_leave(session, member_ids=ids, today=today)
    return [m for m in ids if m not in away]


async def remind(
    session: AsyncSession, *, row: CheckinRound, step: str, payload_id: int, today: dt.date
) -> int:
    """Queue one reminder to everyone still silent (once per person and step)."""
    assert row.id is not None
    ids = await silent(session, round_id=row.id, today=today)
    return await _queue(
        session,
        member_ids=ids,
        payload_id=payload_id,
        kind="checkin_reminder",
        dedupe_key=f"{row.key}:remind:{step}",
        fresh=True,
    )


@dataclass(frozen=True)
class Missing:
    """Someone who did not report, and where they work."""

    name: str
    unit_catalog: str | None
    unit_code: str | None


async def missing(session: AsyncSession, *, round_id: int, today: dt.date) -> list[Missing]:
    """The people who did not report (not counting those on leave)."""
    ids = await silent(session, round_id=round_id, today=today)
    if not ids:
        return []
    result = await session.execute(
        select(Member).where(col(Member.id).in_(ids)).order_by(col(Member.full_name))
    )
    return [Missing(m.full_name, m.unit_catalog, m.unit_code) for m in result.scalars()]


@dataclass(frozen=True)
class Response:
    """How many of a round's people reported."""

    asked: int
    submitted: int
    on_leave: int

    @property
    def expected(self) -> int:
        """People who count for the response rate (those on leave do not)."""
        return self.asked - self.on_leave


async def response(session: AsyncSession, *, round_id: int, today: dt.date) -> Response:
    """Count a round's people, reports and people on leave."""
    result = await session.execute(select(CheckinPerson).where(CheckinPerson.round_id == round_id))
    people = list(result.scalars())
    away = await on_leave(
        session,
        member_ids=[p.member_id for p in people if p.submitted_at is None],
        today=today,
    )
    submitted = sum(1 for p in people if p.submitted_at is not None)
    leave = sum(
        1 for p in people if p.submitted_at is None and (p.on_leave or p.member_id in away)
    )
    return Response(len(people), submitted, leave)


# ---- answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """One answer as the conversation collected it."""

    assignment_id: int
    period: str
    status: TaskStatus
    percent: int | None
    note: str | None
    evidence_file_id: int | None = None


async def latest_change(
    session: AsyncSession, *, assignment_id: int, period: str
) -> TaskStatusChange | None:
    """The last status written for an assignment and period (the answer "nothing changed"
    repeats)."""
    result = await session.execute(
        select(TaskStatusChange)
        .where(TaskStatusChange.assignment_id == assignment_id, TaskStatusChange.period == period)
        .order_by(col(TaskStatusChange.id).desc())
        .limit(1)
    )
    return result.scalars().first()


async def submit(
    session: AsyncSession,
    *,
    row: CheckinRound,
    member: Member,
    given: Sequence[Given],
    by_label: str,
    now: dt.datetime,
    replies: dict[int, str] | None = None,
) -> None:
    """Write a person's answers: the same status fact as /nhiemvu (source "checkin") and
    the round's answer records (an edit replaces the earlier answers)."""
    assert row.id is not None and member.id is not None
    kept = await _existing_files(session, [g.evidence_file_id for g in given])
    for one in given:
        assignment = await session.get(TaskAssignment, one.assignment_id)
        if assignment is None or not assignment.active:
            continue
        change = await task_assignments.set_status(
            session,
            assignment=assignment,
            status=one.status,
            period=one.period,
            source=SOURCE,
            by_member_id=member.id,
            by_label=by_label,
            now=now,
            percent=one.percent,
            note=one.note,
        )
        found = await session.execute(
            select(CheckinAnswer).where(
                CheckinAnswer.round_id == row.id,
                CheckinAnswer.member_id == member.id,
                CheckinAnswer.assignment_id == one.assignment_id,
            )
        )
        answer = found.scalars().first() or CheckinAnswer(
            round_id=row.id, member_id=member.id, assignment_id=one.assignment_id, status=""
        )
        answer.status, answer.percent, answer.note = one.status, one.percent, one.note
        answer.change_id, answer.answered_at = change.id, now
        # evidence deleted meanwhile (replaced in another report, purged) is left out
        answer.evidence_file_id = one.evidence_file_id if one.evidence_file_id in kept else None
        session.add(answer)
    sent = await replies_of(session, round_id=row.id, member_id=member.id, rows=True)
    for question, value in (replies or {}).items():
        reply = sent.get(question) or CheckinReply(
            round_id=row.id, member_id=member.id, question=question, value=""
        )
        reply.value, reply.answered_at = value[:REPLY_LIMIT], now
        session.add(reply)
    await session.execute(
        update(CheckinPerson)
        .where(col(CheckinPerson.round_id) == row.id, col(CheckinPerson.member_id) == member.id)
        .values(submitted_at=now, on_leave=False)
        .execution_options(synchronize_session=False)
    )
    await session.flush()


async def _existing_files(session: AsyncSession, file_ids: Sequence[int | None]) -> set[int]:
    """The stored files among these ids."""
    wanted = sorted({i for i in file_ids if i is not None})
    if not wanted:
        return set()
    found = await session.execute(
        select(col(AnnouncementFile.id)).where(col(AnnouncementFile.id).in_(wanted))
    )
    return {int(i) for i in found.scalars() if i is not None}


async def evidence_of_change(session: AsyncSession, *, change_id: int) -> int | None:
    """The evidence file of the check-in answer that wrote a status change (None when the
    change came from elsewhere or had none)."""
    result = await session.execute(
        select(col(CheckinAnswer.evidence_file_id))
        .where(
            col(CheckinAnswer.change_id) == change_id,
            col(CheckinAnswer.evidence_file_id).is_not(None),
        )
        .limit(1)
    )
    found = result.scalars().first()
    return int(found) if found is not None else None


async def save_evidence(
    session: AsyncSession,
    *,
    kind: str,
    filename: str,
    mime_type: str,
    content: bytes,
    member_id: int | None,
) -> int:
    """Keep a photo or document sent as evidence with the other uploaded files; its id."""
    return await announcements.save_file(
        session,
        kind=kind,
        filename=filename,
        mime_type=mime_type,
        content=content,
        uploaded_by=member_id,
    )


async def drop_unused_evidence(session: AsyncSession, *, file_ids: Sequence[int]) -> int:
    """Delete the files among these that no check-in answer and no announcement uses (sent
    during a report that was cancelled, or replaced before sending); how many."""
    if not file_ids:
        return 0
    answered = select(col(CheckinAnswer.evidence_file_id)).where(
        col(CheckinAnswer.evidence_file_id).in_(list(file_ids))
    )
    attached = select(col(Announcement.attachment_id)).where(
        col(Announcement.attachment_id).in_(list(file_ids))
    )
    found = await session.execute(
        select(col(AnnouncementFile.id)).where(
            col(AnnouncementFile.id).in_(list(file_ids)),
            col(AnnouncementFile.id).not_in(answered),
            col(AnnouncementFile.id).not_in(attached),
        )
    )
    unused = [int(i) for i in found.scalars() if i is not None]
    if unused:
        await session.execute(
            delete(AnnouncementFile)
            .where(col(AnnouncementFile.id).in_(unused))
            .execution_options(synchronize_session=False)
        )
    return len(unused)


async def evidence_file(session: AsyncSession, *, file_id: int) -> AnnouncementFile | None:
    """A stored evidence file by id."""
    return await announcements.get_file(session, file_id=file_id)


async def answers_of(
    session: AsyncSession, *, round_id: int, member_id: int
) -> dict[int, CheckinAnswer]:
    """A person's answers in a round, by assignment id."""
    result = await session.execute(
        select(CheckinAnswer).where(
            CheckinAnswer.round_id == round_id, CheckinAnswer.member_id == member_id
        )
    )
    return {a.assignment_id: a for a in result.scalars()}


async def replies_of(
    session: AsyncSession, *, round_id: int, member_id: int, rows: bool = False
) -> dict[int, Any]:
    """A person's answers to a round's own questions, by position (values, or the rows)."""
    result = await session.execute(
        select(CheckinReply).where(
            CheckinReply.round_id == round_id, CheckinReply.member_id == member_id
        )
    )
    return {r.question: (r if rows else r.value) for r in result.scalars()}


# ---- leave -----------------------------------------------------------------------------


async def set_leave(
    session: AsyncSession, *, member_id: int, until: dt.date, now: dt.datetime
) -> None:
    """Pause prompts and reminders for a member until a day (inclusive); the open rounds
    they have not reported in count them as on leave."""
    row = await session.get(CheckinLeave, member_id)
    if row is None:
        row = CheckinLeave(member_id=member_id, until=until, set_at=now)
    row.until, row.set_at = until, now
    session.add(row)
    open_ids = select(col(CheckinRound.id)).where(CheckinRound.state == RoundState.OPEN)
    await session.execute(
        update(CheckinPerson)
        .where(
            col(CheckinPerson.member_id) == member_id,
            col(CheckinPerson.submitted_at).is_(None),
            col(CheckinPerson.round_id).in_(open_ids),
        )
        .values(on_leave=True)
        .execution_options(synchronize_session=False)
    )
    await session.flush()


async def leave_until(session: AsyncSession, *, member_id: int, today: dt.date) -> dt.date | None:
    """The last day of a member's leave, if they are on leave today."""
    row = await session.get(CheckinLeave, member_id)
    return row.until if row is not None and row.until >= today else None


async def end_leave(session: AsyncSession, *, member_id: int) -> None:
    """End a member's leave now: the open rounds count and remind them again."""
    row = await session.get(CheckinLeave, member_id)
    if row is not None:
        await session.delete(row)
    open_ids = select(col(CheckinRound.id)).where(CheckinRound.state == RoundState.OPEN)
    await session.execute(
        update(CheckinPerson)
        .where(
            col(CheckinPerson.member_id) == member_id,
            col(CheckinPerson.round_id).in_(open_ids),
        )
        .values(on_leave=False)
        .execution_options(synchronize_session=False)
    )
    await session.flush()


def as_json(row: CheckinRound) -> dict[str, Any]:
    """A round's main fields, for logs and the CLI."""
    return {
        "id": row.id,
        "title": row.title,
        "state": row.state,
        "opens_at": row.opens_at.isoformat(),
        "closes_at": row.closes_at.isoformat(),
        "recurrence": row.recurrence,
    }
