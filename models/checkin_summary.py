"""What a check-in round gathered: who was asked and who reported (by district and commune,
people on leave apart), the statuses answered per task, and the blockers with who and where.
Read for /tonghop and `mangluoi report`."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, true
from sqlalchemy import select as select_columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from models import checkin_changes, checkins, unit_catalog
from models.announcements import AnnouncementFile
from models.checkin_changes import Changes
from models.checkins import CheckinAnswer, CheckinPerson, CheckinReply, CheckinRound
from models.members import Member
from models.organisations import Organisation
from models.scopes import Scope, member_filter
from models.tasks import Task, TaskAssignment, TaskStatus


@dataclass
class Tally:
    """People asked, reports, people on leave (who do not count)."""

    asked: int = 0
    submitted: int = 0
    on_leave: int = 0

    @property
    def expected(self) -> int:
        """People who count for the rate."""
        return self.asked - self.on_leave

    @property
    def rate(self) -> int:
        """The response rate in whole percent (100 when nobody counts)."""
        return 100 if self.expected <= 0 else round(100 * self.submitted / self.expected)


@dataclass
class TaskCounts:
    """The statuses answered on one task."""

    number: str
    title: str
    position: int
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in TaskStatus})


@dataclass(frozen=True)
class Blocker:
    """A blocked task as someone reported it."""

    number: str
    name: str
    district: str
    commune: str
    note: str


@dataclass
class Summary:
    """A round's figures."""

    row: CheckinRound
    overall: Tally
    by_district: dict[str, Tally]
    by_commune: dict[tuple[str, str], Tally]
    tasks: list[TaskCounts]
    blockers: list[Blocker]
    replies: list[list[tuple[str, str]]] = field(default_factory=list)
    """Per question of the round's own, (name, value) of each answer, by name."""
    silent: list[tuple[str, str, str]] = field(default_factory=list)
    """(name, district, commune) of who did not report (on leave apart), by name."""
    changes: Changes | None = None
    """What changed since the previous round of the series."""
    scoped: bool = False
    """Counted inside a coordinator's scope only (a round created above them)."""


@functools.lru_cache(maxsize=4096)
def place(catalog: str | None, code: str | None) -> tuple[str, str]:
    """(district, commune) names of a member's unit ("" where unknown)."""
    if not catalog or not code:
        return "", ""
    unit = unit_catalog.get_unit(catalog, code)
    if unit is None:
        return "", code
    if unit.level == "district":
        return unit.name, ""
    parent = unit_catalog.parent(unit)
    return (parent.name if parent else ""), unit.name


def _inside(scope: Scope | None) -> Any:
    """The filter keeping members inside `scope` (everyone without one)."""
    return member_filter(scope) if scope is not None else true()


def _answers_with(*columns: Any) -> Select[Any]:
    """A query of check-in answers with their task (through the assignment) and their
    author, selecting `columns`."""
    return (
        select_columns(*columns)
        .join(TaskAssignment, col(TaskAssignment.id) == col(CheckinAnswer.assignment_id))
        .join(Task, col(Task.id) == col(TaskAssignment.task_id))
        .join(Member, col(Member.id) == col(CheckinAnswer.member_id))
    )


async def summarize(
    session: AsyncSession, *, row: CheckinRound, today: dt.date, scope: Scope | None = None
) -> Summary:
    """Count one round (only its people inside `scope`, when given)."""
    assert row.id is not None
    inside = _inside(scope)
    result = await session.execute(
        select_columns(
            col(CheckinPerson.member_id),
            col(CheckinPerson.submitted_at).is_not(None),
            col(CheckinPerson.on_leave),
            col(Member.full_name),
            col(Member.unit_catalog),
            col(Member.unit_code),
        )
        .join(Member, col(Member.id) == col(CheckinPerson.member_id))
        .where(col(CheckinPerson.round_id) == row.id, inside)
    )
    people = list(result.all())
    away = await checkins.on_leave(
        session, member_ids=[p[0] for p in people if not p[1]], today=today
    )
    overall = Tally()
    by_district: dict[str, Tally] = {}
    by_commune: dict[tuple[str, str], Tally] = {}
    silent: list[tuple[str, str, str]] = []
    for member_id, submitted, leave, name, catalog, code in people:
        district, commune = place(catalog, code)
        absent = not submitted and (leave or member_id in away)
        for tally in (
            overall,
            by_district.setdefault(district, Tally()),
            by_commune.setdefault((district, commune), Tally()),
        ):
            tally.asked += 1
            if submitted:
                tally.submitted += 1
            elif absent:
                tally.on_leave += 1
        if not submitted and not absent:
            silent.append((name, district, commune))
    tally_query = (
        select(col(TaskAssignment.task_id), col(CheckinAnswer.status), func.count())
        .join(TaskAssignment, col(TaskAssignment.id) == col(CheckinAnswer.assignment_id))
        .where(CheckinAnswer.round_id == row.id)
    )
    if scope is not None:  # the join only when it filters
        tally_query = tally_query.join(
            Member, col(Member.id) == col(CheckinAnswer.member_id)
        ).where(inside)
    counted = await session.execute(
        tally_query.group_by(col(TaskAssignment.task_id), col(CheckinAnswer.status))
    )
    by_task: dict[int, dict[str, int]] = {}
    for task_id, status, count in counted.all():
        by_task.setdefault(task_id, {})[status] = int(count)
    per_task: list[TaskCounts] = []
    if by_task:
        found = await session.execute(select(Task).where(col(Task.id).in_(list(by_task))))
        for task in found.scalars():
            counts = TaskCounts(task.number, task.title, task.position)
            counts.counts.update(by_task[task.id or 0])
            per_task.append(counts)
    blocked = await session.execute(
        _answers_with(
            col(Task.number),
            col(Member.full_name),
            col(Member.unit_catalog),
            col(Member.unit_code),
            col(CheckinAnswer.note),
        )
        .where(
            col(CheckinAnswer.round_id) == row.id,
            col(CheckinAnswer.status) == TaskStatus.BLOCKED,
            inside,
        )
        .order_by(col(Task.position), col(Member.full_name))
    )
    blockers = [
        Blocker(number, name, *place(catalog, code), note or "")
        for number, name, catalog, code, note in blocked.all()
    ]
    replies: list[list[tuple[str, str]]] = [[] for _ in row.free_questions()]
    given = await session.execute(
        select(CheckinReply, Member)
        .join(Member, col(Member.id) == col(CheckinReply.member_id))
        .where(CheckinReply.round_id == row.id, inside)
        .order_by(col(Member.full_name))
    )
    for reply, member in given.all():
        if 0 <= reply.question < len(replies):
            replies[reply.question].append((member.full_name, reply.value))
    return Summary(
        replies=replies,
        row=row,
        overall=overall,
        by_district=by_district,
        by_commune=by_commune,
        tasks=sorted(per_task, key=lambda c: (c.position, c.number)),
        blockers=blockers,
        silent=sorted(silent),
        changes=await checkin_changes.since_previous(session, row=row, scope=scope),
        scoped=scope is not None,
    )


def rounds_reaching(scope: Scope) -> SelectOfScalar[int]:
    """The ids of the rounds that asked someone inside a scope (a subquery)."""
    return (
        select(col(CheckinPerson.round_id))
        .join(Member, col(Member.id) == col(CheckinPerson.member_id))
        .where(member_filter(scope))
        .distinct()
    )


async def reaches(session: AsyncSession, *, round_id: int, scope: Scope) -> bool:
    """Whether a round asked anyone inside a scope."""
    result = await session.execute(
        select(col(CheckinPerson.id))
        .join(Member, col(Member.id) == col(CheckinPerson.member_id))
        .where(CheckinPerson.round_id == round_id, member_filter(scope))
        .limit(1)
    )
    return result.first() is not None


async def latest(session: AsyncSession) -> CheckinRound | None:
    """The round that opened last (open or closed)."""
    result = await session.execute(
        select(CheckinRound)
        .where(col(CheckinRound.opened_at).is_not(None))
        .order_by(col(CheckinRound.opened_at).desc(), col(CheckinRound.id).desc())
        .limit(1)
    )
    return result.scalars().first()


async def reported_rounds(
    session: AsyncSession,
    *,
    author_member_id: int | None,
    limit: int = 8,
    reaching: Scope | None = None,
) -> list[CheckinRound]:
    """Rounds that have opened, newest first: a creator's own (all for None), and with
    `reaching`, also the rounds that asked someone inside that scope."""
    query = select(CheckinRound).where(col(CheckinRound.opened_at).is_not(None))
    if author_member_id is not None:
        mine = col(CheckinRound.author_member_id) == author_member_id
        if reaching is not None:
            mine = or_(mine, col(CheckinRound.id).in_(rounds_reaching(reaching)))
        query = query.where(mine)
    result = await session.execute(
        query.order_by(col(CheckinRound.opened_at).desc(), col(CheckinRound.id).desc()).limit(
            limit
        )
    )
    return list(result.scalars())


@dataclass(frozen=True)
class AnswerRow:
    """One answer of a round, with who gave it, where and for which organisation, and the
    evidence sent with it (for the XLSX sheet of every answer and the CSV)."""

    name: str
    district: str
    commune: str
    number: str
    title: str
    status: str
    percent: int | None
    note: str
    answered_at: dt.datetime
    organisation: str = ""
    evidence_id: int | None = None
    evidence_name: str = ""
    kind: str = ""
    """The kind of a round's own question when the row answers one ("" for a task)."""


async def answer_rows(
    session: AsyncSession, *, row: CheckinRound, scope: Scope | None = None
) -> list[AnswerRow]:
    """Every answer of a round (of its people inside `scope`, when given), by task then
    name."""
    assert row.id is not None
    inside = _inside(scope)
    result = await session.execute(
        _answers_with(
            CheckinAnswer,
            Task,
            Member,
            col(Organisation.name),
            col(AnnouncementFile.filename),
        )
        .outerjoin(Organisation, col(Organisation.id) == col(TaskAssignment.organisation_id))
        .outerjoin(
            AnnouncementFile, col(AnnouncementFile.id) == col(CheckinAnswer.evidence_file_id)
        )
        .where(col(CheckinAnswer.round_id) == row.id, inside)
        .order_by(col(Task.position), col(Member.full_name), col(CheckinAnswer.id))
    )
    found = []
    for answer, task, member, organisation, filename in result.all():
        district, commune = place(member.unit_catalog, member.unit_code)
        found.append(
            AnswerRow(
                name=member.full_name,
                district=district,
                commune=commune,
                number=task.number,
                title=task.title,
                status=answer.status,
                percent=answer.percent,
                note=answer.note or "",
                answered_at=answer.answered_at,
                organisation=organisation or "",
                evidence_id=answer.evidence_file_id if filename is not None else None,
                evidence_name=filename or "",
            )
        )
    return found


async def reply_rows(
    session: AsyncSession, *, row: CheckinRound, scope: Scope | None = None
) -> list[AnswerRow]:
    """Every answer to a round's own questions (of its people inside `scope`, when given), by
    question then name, as rows like the task answers: `number` is the question's position
    (from 1), `title` its text, `status` the value and `kind` the question's kind."""
    assert row.id is not None
    questions = row.free_questions()
    if not questions:
        return []
    inside = _inside(scope)
    result = await session.execute(
        select(CheckinReply, Member)
        .join(Member, col(Member.id) == col(CheckinReply.member_id))
        .where(col(CheckinReply.round_id) == row.id, inside)
        .order_by(col(CheckinReply.question), col(Member.full_name), col(CheckinReply.id))
    )
    found = []
    for reply, member in result.all():
        if not 0 <= reply.question < len(questions):
            continue
        question = questions[reply.question]
        district, commune = place(member.unit_catalog, member.unit_code)
        found.append(
            AnswerRow(
                name=member.full_name,
                district=district,
                commune=commune,
                number=str(reply.question + 1),
                title=question["text"],
                status=reply.value,
                percent=None,
                note="",
                answered_at=reply.answered_at,
                kind=question["kind"],
            )
        )
    return found


@dataclass(frozen=True)
class Evidence:
    """An answer sent with evidence: which, whose, on which task, and the file's name."""

    answer_id: int
    number: str
    name: str
    filename: str


def _evidence_query(row_id: int, scope: Scope | None) -> Any:
    inside = _inside(scope)
    return (
        _answers_with(
            col(CheckinAnswer.id),
            col(Task.number),
            col(Member.full_name),
            col(AnnouncementFile.filename),
        )
        .join(AnnouncementFile, col(AnnouncementFile.id) == col(CheckinAnswer.evidence_file_id))
        .where(col(CheckinAnswer.round_id) == row_id, inside)
    )


async def evidence_count(session: AsyncSession, *, row: CheckinRound, scope: Scope | None) -> int:
    """How many answers of a round (of its people inside `scope`) carry evidence."""
    assert row.id is not None
    query = _evidence_query(row.id, scope).subquery()
    result = await session.execute(select_columns(func.count()).select_from(query))
    return int(result.scalar_one())


async def evidence_page(
    session: AsyncSession, *, row: CheckinRound, scope: Scope | None, offset: int, limit: int
) -> list[Evidence]:
    """A page of the answers of a round (of its people inside `scope`) with evidence, by
    task then name."""
    assert row.id is not None
    result = await session.execute(
        _evidence_query(row.id, scope)
        .order_by(col(Task.position), col(Member.full_name), col(CheckinAnswer.id))
        .offset(offset)
        .limit(limit)
    )
    return [Evidence(int(i or 0), n, name, f) for i, n, name, f in result.all()]


@dataclass(frozen=True)
class EvidenceFile:
    """An answer's evidence as sent: the file, whose it is, on which task, when."""

    round_id: int
    number: str
    name: str
    answered_at: dt.datetime
    file: AnnouncementFile | None
    """None when it is gone (replaced, dropped or purged)."""


async def evidence_file(
    session: AsyncSession, *, answer_id: int, scope: Scope | None
) -> EvidenceFile | None:
    """An answer's evidence, if the answer exists and its author is inside `scope` (when
    given); its file is None when the answer has none any more."""
    inside = _inside(scope)
    result = await session.execute(
        _answers_with(CheckinAnswer, col(Task.number), col(Member.full_name)).where(
            col(CheckinAnswer.id) == answer_id, inside
        )
    )
    found = result.first()
    if found is None:
        return None
    answer, number, name = found
    stored = None
    if answer.evidence_file_id is not None:
        stored = await session.get(AnnouncementFile, answer.evidence_file_id)
    return EvidenceFile(answer.round_id, number, name, answer.answered_at, stored)


async def answer_round(session: AsyncSession, *, answer_id: int) -> int | None:
    """The round a check-in answer belongs to (None for an unknown answer)."""
    answer = await session.get(CheckinAnswer, answer_id)
    return answer.round_id if answer is not None else None
