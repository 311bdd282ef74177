"""Helpers of the check-in tests: 30 members in three communes' committees with the plan's
tasks, a round saved by a coordinator, the sweep run, and what the outbox holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlmodel import col

from bot.app import BotApp
from jobs import checkins as checkin_jobs
from models import checkins, outbox, task_assignments, task_progress
from models.audience import Audience
from models.checkins import CheckinRound, Recurrence
from models.members import Member
from models.outbox import OutboxMessage
from models.tasks import TaskStatus
from tests.integration.registering import member_of
from tests.integration.task_chatting import (
    IA_SAO,
    IA_YOK,
    PLEIKU_WARD,
    assign,
    assignment,
    committee,
    import_seed,
    place,
)
from tests.utils.clock import FakeClock
from tests.utils.population import Unit, seed_members

PEOPLE = 30
CHAT_BASE = 7000
UNITS = (IA_SAO, IA_YOK, PLEIKU_WARD)
LAST_PERCENT = 40


def person(i: int) -> str:
    """The web chat id of seeded member i (0-based)."""
    return str(CHAT_BASE + i)


async def seed(app: BotApp, clock: FakeClock) -> None:
    """The plan imported; Ia Sao has tasks 5.3 and 5.2, Ia Yok and a Pleiku ward 5.3; Ia Yok
    already said "in progress, 40 %"; 30 members, in turn in Ia Sao, Ia Yok and the ward,
    work for their commune's committee. The demo commune people have no organisation."""
    await import_seed(app, clock)
    orgs = {code: await committee(app, code) for code in UNITS}
    for code in UNITS:
        await assign(app, clock, "5.3", orgs[code])
    await assign(app, clock, "5.2", orgs[IA_SAO])
    yok = await assignment(app, "5.3", orgs[IA_YOK])
    async with app.sessions() as session:
        today = clock().astimezone(app.services.config.zone).date()
        item = await task_progress.of_assignment(session, assignment_id=yok.id or 0, today=today)
        assert item is not None
        await task_assignments.set_status(
            session,
            assignment=item.assignment,
            status=TaskStatus.IN_PROGRESS,
            period=item.period,
            source="chat",
            by_member_id=None,
            by_label="chat",
            now=clock(),
            percent=LAST_PERCENT,
            note="Đang mở lớp",
        )
        await session.commit()
    await seed_members(
        app.sessions,
        count=PEOPLE,
        chat_base=CHAT_BASE,
        channel="webchat",
        units=[Unit("2024", code) for code in UNITS],
        category="cong_chuc_xa",
    )
    async with app.sessions() as session:
        for code in UNITS:
            await session.execute(
                update(Member)
                .where(col(Member.unit_code) == code, col(Member.full_name).like("Thành viên%"))
                .values(organisation_id=orgs[code].id)
            )
        await session.commit()
    for demo in ("xa", "totruong"):
        await place(app, demo, None)


async def save_round(
    app: BotApp,
    author: str,
    *,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    recurrence: Recurrence = Recurrence.NONE,
    units: tuple[str, ...] = UNITS,
    now: dt.datetime,
    questions: Sequence[dict[str, str]] = (),
) -> CheckinRound:
    """A round saved as the chat saves it (scheduled)."""
    creator = await member_of(app, author)
    assert creator is not None and creator.id is not None
    async with app.sessions() as session:
        row = await checkins.create(
            session,
            title="Báo cáo tiến độ tháng",
            author_member_id=creator.id,
            spec=Audience(catalog="2024", units=units),
            opens_at=opens_at,
            closes_at=closes_at,
            recurrence=recurrence,
            now=now,
            questions=questions,
        )
        await session.commit()
        return row


async def sweep(app: BotApp) -> int:
    """Run the check-in job once, as the scheduler leader does."""
    return await checkin_jobs.sweep(app.job_context)


async def rounds(app: BotApp) -> list[CheckinRound]:
    """Every round, by id."""
    async with app.sessions() as session:
        result = await session.execute(select(CheckinRound).order_by(col(CheckinRound.id)))
        return list(result.scalars())


async def keyed(app: BotApp, key: str) -> list[tuple[int, str, int]]:
    """(member id, text, priority) of the outbox rows under a key, by member."""
    async with app.sessions() as session:
        result = await session.execute(
            select(OutboxMessage)
            .where(col(OutboxMessage.dedupe_key) == key)
            .order_by(col(OutboxMessage.member_id))
        )
        found = []
        for row in result.scalars():
            reply = await outbox.load_payload(session, payload_id=row.payload_id)
            found.append((row.member_id, reply.text, row.priority))
        return found


async def member_ids(app: BotApp, indexes: list[int]) -> list[int]:
    """The member ids of seeded members, by index."""
    found = []
    for i in indexes:
        member = await member_of(app, person(i))
        assert member is not None and member.id is not None
        found.append(member.id)
    return sorted(found)
