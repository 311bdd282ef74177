"""Helpers of the authorization matrix and the fuzzed conversations: talking as an actor on
any channel (buttons pressed by token, or numbers typed on a channel without buttons) and
reading everything an answer carries (texts, labels, XLSX and JSON files) for leaks."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import BotApp
from bot.dispatcher import Dispatcher
from bot.events import Incoming, Kind, OutFile, Outgoing
from jobs import checkins as checkin_jobs
from models import (
    announcements,
    checkins,
    members,
    organisations,
    task_assignments,
    task_deadlines,
    task_edits,
    task_progress,
    task_reminders,
    tasks,
    unit_catalog,
    unit_changes,
)
from models.announcements import AnnouncementState, Draft
from models.audience import Audience
from models.checkins import Recurrence
from models.tasks import TaskPlan, TaskStatus
from tests.utils.population import CATALOG, IA_GRAI, IA_SAO, Actors, seed_actors

IA_YOK = "23768"  # another commune of district A


class ActorDriver:
    """Sends messages as the seeded actors on one channel; keeps each one's last answer."""

    def __init__(self, dispatcher: Dispatcher, actors: Actors) -> None:
        self.dispatcher = dispatcher
        self.actors = actors
        self.last: dict[str, list[Outgoing]] = {}

    async def send_event(self, key: str, **values: object) -> list[Outgoing]:
        """Send any kind of message as actor `key`; return the answer."""
        external_id = self.actors.external_id(key)
        values.setdefault("kind", Kind.TEXT)
        event = Incoming(
            channel=self.actors.channel,
            external_id=external_id,
            chat_id=external_id,
            **values,  # type: ignore[arg-type]
        )
        delivered: list[Outgoing] = []

        async def collect(_event: Incoming, outgoing: list[Outgoing]) -> None:
            delivered.extend(outgoing)

        await self.dispatcher.handle(event, collect)
        self.last[key] = delivered
        return delivered

    async def send(self, key: str, text: str) -> list[Outgoing]:
        """Type a text as actor `key`."""
        return await self.send_event(key, text=text)

    async def press_token(self, key: str, token: str) -> list[Outgoing]:
        """Press a button by its token as actor `key`."""
        return await self.send_event(key, kind=Kind.OPTION, option_token=token)

    def text(self, key: str) -> str:
        """The texts of the last answer to `key`, joined."""
        return "\n".join(message.text for message in self.last.get(key, []))


def file_text(attachment: OutFile) -> str:
    """What a person can read in a file: every cell of an XLSX, a JSON document, or text."""
    content = attachment.content
    if attachment.filename.endswith(".xlsx") or zipfile.is_zipfile(io.BytesIO(content)):
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        except (KeyError, InvalidFileException):  # a zip that is not a workbook (DOCX)
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return "\n".join(
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                )
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        book.close()
        return "\n".join(cells)
    if attachment.filename.endswith(".json"):
        return json.dumps(json.loads(content), ensure_ascii=False)
    return content.decode("utf-8", "replace")


def readable(answer: list[Outgoing]) -> str:
    """Everything a person reads in an answer: texts, button labels and attached files."""
    parts: list[str] = []
    for message in answer:
        parts.append(message.text)
        parts.extend(option.label for option in message.options)
        for attachment in (message.document, message.image):
            if attachment is not None and not attachment.mime_type.startswith("image/"):
                parts.append(file_text(attachment))
    return "\n".join(parts)


_NOT_DIGIT = re.compile(r"\D")


def leaks(text: str, *, names: dict[str, str], phones: dict[str, str]) -> list[str]:
    """Which of the given people (by key) are named, or whose phone (in any spacing, with
    +84 or 0) is written, in `text`."""
    found = [key for key, name in names.items() if name in text]
    digits = _NOT_DIGIT.sub("", text)
    found.extend(key for key, phone in phones.items() if phone.lstrip("0") in digits)
    return sorted(set(found))


# ---- the world: the actors, trainings for commune A, a pending unit change ----------------


@dataclass
class World:
    """The actors and the ids of what they could act on."""

    actors: Actors
    announcement_id: int
    """A training of this morning, sent by the district to commune A."""
    change_id: int
    upcoming_id: int = 0
    """A meeting in three days, sent to commune A, still taking answers."""
    scheduled_id: int = 0
    """An announcement of the district that goes out tomorrow."""
    deadline_id: int = 0
    """The deadline (ten days ago, not done) of a task of the commune A committee, the
    organisation of the commune A member."""
    escalation_id: int = 0
    """The escalation of that late deadline."""
    round_id: int = 0
    """A check-in round of the district, open, asking the members of commune A."""
    answer_id: int = 0
    """The commune A member's answer in that round, sent with an evidence photo."""

    def id(self, key: str) -> int:
        """A seeded person's member id."""
        return self.actors.member_ids[key]


async def build_world(app: BotApp, channel: str) -> World:
    """Seed the actors, a training sent by the district to commune A, a move request of the
    commune A member to another commune of district A, a late task deadline of the member's
    organisation (the commune A committee) with its escalation, and an open check-in round of
    the district asking commune A."""
    actors = await seed_actors(app.sessions, channel=channel)
    ids = actors.member_ids
    async with app.sessions() as session:
        now = app.services.clock()
        author = ids["huyen"]
        announcement_id = await _training(session, now - timedelta(hours=2), author, ids)
        upcoming_id = await _training(session, now + timedelta(days=3), author, ids)
        scheduled_id = await _training(
            session, now + timedelta(days=3), author, ids, send_at=now + timedelta(days=1)
        )
        member = await members.get_member(session, member_id=ids["tv"])
        assert member is not None
        change = await unit_changes.request(
            session,
            member=member,
            to_catalog=CATALOG,
            to_code=IA_YOK,
            organisation_id=None,
            now=app.services.clock(),
        )
        await session.commit()
        assert change.id is not None
    deadline_id, escalation_id = await late_task(app, "1.1", {IA_SAO: ids["tv"]})
    round_id, answer_id = await _open_round(app, ids["huyen"], ids["tv"])
    return World(
        actors=actors,
        announcement_id=announcement_id,
        change_id=change.id,
        upcoming_id=upcoming_id,
        scheduled_id=scheduled_id,
        deadline_id=deadline_id,
        escalation_id=escalation_id,
        round_id=round_id,
        answer_id=answer_id,
    )


LATE_DAYS = 10
PLAN = "Kế hoạch thử"


async def late_task(
    app: BotApp, number: str, people: dict[str, int], *, claim: bool = True
) -> tuple[int, int]:
    """A task of the committees of the units of `people` (unit code -> a member id, who works
    there) due ten days ago, not done, and (if `claim`) its escalation: the first deadline's
    id and the escalation's id (0 when not claimed)."""
    config = app.services.config
    now = app.services.clock()
    today = now.astimezone(config.zone).date()
    async with app.sessions() as session:
        committees = []
        for code, member_id in people.items():
            unit = unit_catalog.get_unit(CATALOG, code)
            assert unit is not None
            committee = await organisations.committee_for(session, unit=unit)
            committees.append(committee)
            member = await members.get_member(session, member_id=member_id)
            assert member is not None
            member.organisation_id = committee.id
            session.add(member)
        plan = await tasks.plan_by_name(session, name=PLAN)
        if plan is None:
            plan = TaskPlan(name=PLAN, created_at=now, updated_at=now)
            session.add(plan)
            await session.flush()
        assert plan.id is not None
        task = await task_edits.create_task(
            session,
            plan_id=plan.id,
            group_id=None,
            number=number,
            title="Rà soát thành viên Tổ công nghệ số cộng đồng",
            lead=committees[0],
            timing_text="Trước 30/06/2026",
            today=today,
            default_day=config.tasks.yearly_day,
            by_member_id=None,
            by_label="test",
            now=now,
        )
        for committee in committees[1:]:
            assert committee.id is not None
            await task_assignments.add(
                session,
                task=task,
                organisation_id=committee.id,
                by_member_id=None,
                by_label="test",
                now=now,
            )
        assignments = [
            a for a, _org in await task_assignments.of_task(session, task_id=task.id or 0)
        ]
        ids = [a.id or 0 for a in assignments]
        due = today - timedelta(days=LATE_DAYS)
        for assignment_id in ids:
            await task_deadlines.retire_all(session, assignment_id=assignment_id, now=now)
        await task_deadlines.set_deadline(
            session,
            task=task,
            assignments=assignments,
            due_on=due,
            by_member_id=None,
            by_label="test",
            now=now,
        )
        current = await task_deadlines.active_deadlines(session, assignment_ids=ids)
        deadline = current[ids[0]][0]
        escalation_id = 0
        if claim:
            claimed = await task_reminders.claim_escalation(
                session, task_id=task.id or 0, period=deadline.period, due_on=due, late=1, now=now
            )
            assert claimed is not None
            escalation_id = claimed
        await session.commit()
        assert deadline.id is not None
        return deadline.id, escalation_id


async def _open_round(app: BotApp, author: int, reporter: int) -> tuple[int, int]:
    """A round of the district coordinator asking commune A, opened by the check-in job, and
    the report of `reporter`: their committee's task blocked with a photo (the summary and
    the photo's caption name them); the round's id and that answer's."""
    now = app.services.clock()
    today = now.astimezone(app.services.config.zone).date()
    async with app.sessions() as session:
        row = await checkins.create(
            session,
            title="Báo cáo tiến độ tháng",
            author_member_id=author,
            spec=Audience(catalog=CATALOG, units=(IA_SAO,)),
            opens_at=now,
            closes_at=now + timedelta(days=7),
            recurrence=Recurrence.NONE,
            now=now,
        )
        await session.commit()
        assert row.id is not None
        round_id = row.id
    await checkin_jobs.sweep(app.job_context)
    async with app.sessions() as session:
        row = await checkins.get(session, round_id=round_id)
        member = await members.get_member(session, member_id=reporter)
        assert row is not None and member is not None and member.organisation_id is not None
        items = await task_progress.of_organisation(
            session, organisation_id=member.organisation_id, today=today
        )
        photo = await checkins.save_evidence(
            session,
            kind="photo",
            filename="may-hong.jpg",
            mime_type="image/jpeg",
            content=b"\xff\xd8\xff photo",
            member_id=member.id,
        )
        given = [
            checkins.Given(
                i.assignment.id or 0, i.period, TaskStatus.BLOCKED, 20, "Thiếu máy", photo
            )
            for i in items
        ]
        assert given
        await checkins.submit(
            session, row=row, member=member, given=given, by_label="test", now=now
        )
        answers = await checkins.answers_of(session, round_id=round_id, member_id=member.id or 0)
        await session.commit()
    return round_id, min(a.id or 0 for a in answers.values())


async def _training(
    session: AsyncSession,
    event_at: datetime,
    author: int,
    ids: dict[str, int],
    *,
    send_at: datetime | None = None,
) -> int:
    """A training for commune A: sent to its two members, or only scheduled for `send_at`."""
    row = await announcements.create(
        session,
        draft=Draft(
            kind="training",
            title="Tập huấn kỹ năng số",
            body="Kính mời tham dự.",
            author_member_id=author,
            audience={"district": IA_GRAI},
            send_at=send_at or event_at - timedelta(days=5),
            event_at=event_at,
            place="Hội trường",
            rsvp=True,
        ),
    )
    assert row.id is not None
    if send_at is not None:
        return row.id
    row.state = AnnouncementState.SENT
    session.add(row)
    people = [(ids[key], CATALOG, IA_SAO) for key in ("tv", "tt")]
    await announcements.add_recipients(
        session, announcement_id=row.id, people=people, reached={ids["tv"], ids["tt"]}
    )
    return row.id
