"""Who a check-in round asks: everyone of the audience with at least one question (a task of
their organisation or one of the round's own questions), and members who come into the
audience while it is open (approved, given an organisation, moved into it, back from leave)
until nine tenths of the window; nobody once it has passed, and nobody leaves a round."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import functools
import io
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col

from bot import cli
from bot.app import BotApp
from bot.texts import checkins as t
from models import checkin_summary, checkins, members
from models.announcement_rules import sender_scope
from models.audience import Audience
from models.members import Member, MemberBase, MemberStatus
from rendering import checkin_summary as summary_view
from rendering import checkins as view
from tests.fakes.zalo_server import FakeZaloServer
from tests.integration.checkin_people import (
    PEOPLE,
    UNITS,
    member_ids,
    person,
    save_round,
    seed,
    sweep,
)
from tests.integration.checkin_people import keyed as keyed_rows
from tests.integration.registering import member_of
from tests.integration.task_chatting import IA_SAO, IA_YOK, committee, place
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock
from tests.utils.population import Unit, seed_members
from tests.utils.zalo import ZaloApps, ZaloPerson

OWN = (
    {"kind": "yes_no", "text": "Đã tổ chức tập huấn chưa?"},
    {"kind": "number", "text": "Số hộ dân đã cài VNeID"},
)
NO_ORG = 2  # a ward member whose organisation is taken away: no task
DEMO_WITHOUT_ORG = ("xa", "totruong")  # the demo people of Ia Sao have no organisation
NEW_BASE = 9000
ZALO_CHAT = "zalo-hung"


def _zone(app: BotApp) -> dt.tzinfo:
    return app.services.config.zone


async def _preview(app: BotApp, own: int) -> checkins.Preview:
    creator = await member_of(app, "so")
    scope = sender_scope(creator)
    assert scope is not None
    async with app.sessions() as session:
        return await checkins.preview(
            session, spec=Audience(catalog="2024", units=UNITS), scope=scope, own=own
        )


@pytest.mark.local_time(10)  # the prompt is delivered at once, outside quiet hours
async def test_a_rounds_own_questions_reach_members_without_tasks(
    app: BotApp, chat: ChatDriver, clock: FakeClock, db_url: str, tmp_path: Path
) -> None:
    await seed(app, clock)
    async with app.sessions() as session:
        member = await member_of(app, person(NO_ORG))
        assert member is not None
        await session.execute(
            update(Member).where(col(Member.id) == member.id).values(organisation_id=None)
        )
        await session.commit()
    without_tasks = 1 + len(DEMO_WITHOUT_ORG)

    # Without own questions the people without a task are left out, and the preview says so.
    tasks_only = await _preview(app, own=0)
    assert (tasks_only.people, tasks_only.left_out, tasks_only.own_only) == (
        PEOPLE - 1,
        without_tasks,
        0,
    )
    # With two own questions everyone is asked: 2 (no task) to 2 + 2 (Ia Sao's two tasks).
    counted = await _preview(app, own=len(OWN))
    assert (counted.people, counted.left_out, counted.own_only) == (
        PEOPLE - 1 + without_tasks,
        0,
        without_tasks,
    )
    assert (counted.fewest, counted.most) == (len(OWN), 2 + len(OWN))
    closes = clock() + dt.timedelta(days=4)
    row = await save_round(
        app, "so", opens_at=clock(), closes_at=closes, now=clock(), questions=OWN
    )
    text = "\n".join(view.preview_counts(row, app.services.config.zone, counted))
    assert f"Sẽ hỏi {counted.people} người; mỗi người 2–4 câu hỏi" in text
    assert f"Trong đó {without_tasks} người chưa có đơn vị" in text
    assert "không hỏi những người này" not in text
    lines = view.preview_counts(row, app.services.config.zone, tasks_only)
    assert t.PREVIEW_WITHOUT.format(count=without_tasks) in lines

    assert await sweep(app) == counted.people
    await deliver_all(app)
    prompt = (await inbox(app, "xa"))[-1]
    assert "trả lời 2 câu hỏi chung" in prompt.text

    # "xa" has no organisation: straight to the own questions, typed numbers as on Zalo.
    await chat.press_token("xa", prompt.buttons[t.START])
    assert "Câu hỏi chung 1/2: Đã tổ chức tập huấn chưa?" in chat.text("xa")
    assert not any(t.NOTHING_NEW in label for label in chat.labels("xa"))
    await chat.send("xa", "1")  # "Có"
    assert "Câu hỏi chung 2/2: Số hộ dân đã cài VNeID" in chat.text("xa")
    await chat.send("xa", "nhiều lắm")
    assert t.NUMBER_BAD in chat.text("xa") and "Câu hỏi chung 2/2" in chat.text("xa")
    await chat.send("xa", "120")
    summary = chat.text("xa")
    assert "1. Đã tổ chức tập huấn chưa?: Có" in summary and t.SUMMARY_ASK_OWN in summary
    assert "Nhiệm vụ" not in summary
    await chat.send("xa", "1")  # "Gửi báo cáo"
    assert "(2 câu hỏi chung)" in chat.text("xa")

    # The ward member without organisation, by the menu; edits an answer before sending.
    who = person(NO_ORG)
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")
    await chat.press(who, t.NO)
    await chat.send(who, "40")
    await chat.press(who, "Sửa câu hỏi chung 2")
    await chat.send(who, "45")
    assert "2. Số hộ dân đã cài VNeID: 45" in chat.text(who)
    await chat.press(who, t.SEND)
    assert "Đã gửi báo cáo" in chat.text(who)
    # A member with a task answers it first, then the same questions.
    await chat.send(person(1), "/baocaotiendo")
    await chat.press(person(1), "Báo cáo:")
    await chat.press(person(1), t.NOTHING_NEW)
    assert "Câu hỏi chung 1/2" in chat.text(person(1))
    await chat.press(person(1), t.YES)
    await chat.send(person(1), "30")
    await chat.press(person(1), t.SEND)
    assert "(1 nhiệm vụ, 2 câu hỏi chung)" in chat.text(person(1))

    # The close and the summary count them: 3 of everyone asked.
    clock.current = closes
    await sweep(app)
    reported, expected = 3, PEOPLE - 1 + without_tasks
    rate = round(100 * reported / expected)
    [(_, closed, _)] = await keyed_rows(app, f"checkin:{row.id}:closed")
    assert f"Đã báo cáo: {reported}/{expected} người ({rate}%)" in closed
    async with app.sessions() as session:
        today = clock().astimezone(app.services.config.zone).date()
        found = await checkin_summary.summarize(session, row=row, today=today)
    assert (found.overall.asked, found.overall.submitted) == (expected, reported)
    assert sorted(value for _, value in found.replies[0]) == ["no", "yes", "yes"]
    average = round((120 + 45 + 30) / 3, 1)
    text = "\n".join(summary_view.lines(found, app.services.config.zone))
    assert f"• Số hộ dân đã cài VNeID: trung bình {average:g}".replace(".", ",") in text

    # The command line's CSV: the task answer, then the answers to the own questions.
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{db_url}"\n', encoding="utf-8")
    out = tmp_path / "bao-cao.csv"
    args = ["report", "--latest", "--format", "csv", "--out", str(out), "--config", str(config)]
    call = functools.partial(cli.main, args, clock=clock)
    assert await asyncio.to_thread(call) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 1 + 1 + 2 * reported
    assert rows[1][4] == "5.3"
    xa = await member_of(app, "xa")
    assert xa is not None
    mine = [(r[4], r[5], r[6]) for r in rows if r[0] == xa.full_name]
    assert mine == [
        (t.OWN_QUESTION_CELL.format(index=1), OWN[0]["text"], t.YES),
        (t.OWN_QUESTION_CELL.format(index=2), OWN[1]["text"], "120"),
    ]


async def _new_member(app: BotApp, index: int, **values: object) -> int:
    """One more active member of Ia Yok (no organisation), changed by `values`; their id."""
    await seed_members(
        app.sessions,
        count=1,
        chat_base=NEW_BASE + index,
        channel="webchat",
        units=[Unit("2024", IA_YOK)],
        name=f"Người mới {index}",
    )
    member = await member_of(app, str(NEW_BASE + index))
    assert member is not None and member.id is not None
    if values:
        await _change(app, member.id, **values)
    return member.id


async def _change(app: BotApp, member_id: int, **values: object) -> None:
    async with app.sessions() as session:
        await session.execute(update(Member).where(col(Member.id) == member_id).values(**values))
        await session.commit()


@pytest.mark.local_time(10)
async def test_members_who_come_into_the_audience_mid_round_are_asked(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await seed(app, clock)
    zone = _zone(app)
    yok = await committee(app, IA_YOK)
    [away, mover] = await member_ids(app, [4, 0])
    async with app.sessions() as session:  # on leave for the first two days of the round
        today = clock().astimezone(zone).date()
        until = today + dt.timedelta(days=2)
        await checkins.set_leave(session, member_id=away, until=until, now=clock())
        await session.commit()
    row = await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(days=10), now=clock()
    )
    assert row.id is not None
    assert await sweep(app) == PEOPLE - 1  # the one on leave is counted but not prompted
    prompt_key = f"checkin:{row.id}:prompt"

    # Joined an hour later: no organisation yet (no question: not asked), then given one.
    clock.advance(hours=1)
    given_org = await _new_member(app, 1)
    waiting = await _new_member(app, 2, organisation_id=yok.id, status=MemberStatus.PENDING)
    elsewhere = await _new_member(app, 3, organisation_id=yok.id, unit_code="628")
    assert await sweep(app) == 0
    await _change(app, given_org, organisation_id=yok.id)
    assert await sweep(app) == 1
    assert await sweep(app) == 0  # a second run adds nobody and prompts nobody twice
    assert given_org in {m for m, _, _ in await keyed_rows(app, prompt_key)}

    # Approved, moved into the audience; someone moves out of it (they stay in the round).
    await _change(app, waiting, status=MemberStatus.ACTIVE)
    await _change(app, elsewhere, unit_code=IA_YOK)
    await _change(app, mover, unit_code="628")
    clock.current = row.mark(0.5)
    silent_half = PEOPLE - 1 + 1  # all but the one on leave, with the first to join
    # the half-way reminders first, then the two who joined and the one back from leave
    assert await sweep(app) == silent_half + 3
    half = {m for m, _, _ in await keyed_rows(app, f"checkin:{row.id}:remind:50")}
    assert len(half) == silent_half and given_org in half and mover in half
    assert not half & {waiting, elsewhere, away}
    prompted = {m for m, _, _ in await keyed_rows(app, prompt_key)}
    assert {given_org, waiting, elsewhere, away} <= prompted
    assert len(prompted) == PEOPLE + 3

    # A late joiner reports like everyone (Ia Yok's last answer repeated).
    await deliver_all(app)
    late = str(NEW_BASE + 2)
    await chat.press_token(late, (await inbox(app, late))[-1].buttons[t.START])
    await chat.press(late, t.NOTHING_NEW)
    await chat.press(late, t.SEND)
    assert "Đã gửi báo cáo" in chat.text(late)

    # After nine tenths of the window nobody joins any more.
    clock.current = row.mark(0.95)
    too_late = await _new_member(app, 4, organisation_id=yok.id)
    await sweep(app)
    async with app.sessions() as session:
        assert await checkins.person(session, round_id=row.id, member_id=too_late) is None
        assert await checkins.person(session, round_id=row.id, member_id=mover) is not None
    assert too_late not in {m for m, _, _ in await keyed_rows(app, prompt_key)}

    # The figures: the 30 and the 3 who joined; 1 reported.
    clock.current = row.closes_at
    await sweep(app)
    reported, expected = 1, PEOPLE + 3
    rate = round(100 * reported / expected)
    [(_, closed, _)] = await keyed_rows(app, f"checkin:{row.id}:closed")
    assert f"Đã báo cáo: {reported}/{expected} người ({rate}%)" in closed
    assert "nghỉ phép" not in closed.splitlines()[1]  # back from leave: counted


async def test_a_member_still_on_leave_stays_marked(app: BotApp, clock: FakeClock) -> None:
    await seed(app, clock)
    [away] = await member_ids(app, [4])
    async with app.sessions() as session:
        today = clock().astimezone(_zone(app)).date()
        await checkins.set_leave(
            session, member_id=away, until=today + dt.timedelta(days=30), now=clock()
        )
        await session.commit()
    row = await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(days=10), now=clock()
    )
    assert row.id is not None
    await sweep(app)
    clock.current = row.mark(0.3)
    assert await sweep(app) == 0
    async with app.sessions() as session:
        found = await checkins.person(session, round_id=row.id, member_id=away)
        assert found is not None and found.on_leave
    await place(app, "xa", await committee(app, IA_YOK))  # given an organisation with a task
    assert await sweep(app) == 1


async def test_a_member_without_tasks_answers_on_zalo_by_typed_numbers(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, clock: FakeClock
) -> None:
    app = await zalo_app(seed_demo=True)
    async with app.sessions() as session:
        member = await members.create_member(
            session,
            data=MemberBase(full_name="Siu Văn Hùng", unit_catalog="2024", unit_code=IA_SAO),
            status=MemberStatus.ACTIVE,
        )
        identity = await members.touch_identity(
            session, channel="zalo", external_id=ZALO_CHAT, chat_id=ZALO_CHAT, display_name=None
        )
        await members.link_identity(session, identity=identity, member_id=member.id or 0)
        await session.commit()
    assert member.id is not None
    row = await save_round(
        app,
        "so",
        opens_at=clock(),
        closes_at=clock() + dt.timedelta(days=3),
        now=clock(),
        units=(IA_SAO,),
        questions=OWN,
    )
    assert row.id is not None
    await sweep(app)
    async with app.sessions() as session:
        assert await checkins.person(session, round_id=row.id, member_id=member.id) is not None
    hung = ZaloPerson(app, fake_zalo, ZALO_CHAT)
    await hung.say("/baocaotiendo")
    assert "1. " in hung.text
    await hung.say("1")  # the round
    assert "Câu hỏi chung 1/2: Đã tổ chức tập huấn chưa?" in hung.text
    assert f"2. {t.NO}" in hung.text and t.NOTHING_NEW not in hung.text
    await hung.say("2")  # "Không"
    assert "Câu hỏi chung 2/2" in hung.text
    await hung.say("😀")
    assert t.NUMBER_BAD in hung.text and "Câu hỏi chung 2/2" in hung.text
    await hung.say("7")
    assert f"1. Đã tổ chức tập huấn chưa?: {t.NO}" in hung.text
    await hung.say("1")  # "Gửi báo cáo"
    assert "(2 câu hỏi chung)" in hung.text
    async with app.sessions() as session:
        sent = await checkins.replies_of(session, round_id=row.id, member_id=member.id)
        found = await checkins.person(session, round_id=row.id, member_id=member.id)
    assert sent == {0: "no", 1: "7"}
    assert found is not None and found.submitted_at is not None
