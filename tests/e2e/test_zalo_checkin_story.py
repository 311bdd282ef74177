"""A commune official on Zalo gets a check-in round's prompt as a numbered list (Zalo has no
buttons), reports on the three tasks of their commune by typing numbers (and one note), with a
photo sent as a Zalo image as evidence of the first, and the round's summary counts the
report. At the evidence step, text, a picture too big, an address that fails or is slow, or
something that is not a picture get a polite sentence and the same question."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import col

from bot.app import BotApp
from bot.texts import checkins as t
from models import checkin_summary, checkins
from models.announcements import AnnouncementFile
from models.checkins import CheckinAnswer
from tests.e2e.test_zalo_reminder_story import CHAT, received, use_zalo
from tests.fakes import zalo_updates as updates
from tests.fakes.zalo_server import FakeZaloServer
from tests.integration.checkin_people import save_round, sweep
from tests.integration.reminding import at, seed_with_deadlines
from tests.integration.task_chatting import IA_SAO
from tests.utils.pictures import padded, picture
from tests.utils.plain_channel import number_of
from tests.utils.zalo import ZaloApps, ZaloPerson, zalo_of

START = dt.date(2026, 6, 2)  # a Tuesday


async def open_round(zalo_app: ZaloApps, fake_zalo: FakeZaloServer) -> tuple[BotApp, int, str]:
    """The demo commune official on Zalo, a round open for Ia Sao's three tasks, and its
    prompt received: the app, the round's id and the prompt."""
    app = await zalo_app(webchat=True, seed_demo=True, per_chat_per_second=2.0)
    clock = zalo_app.clock
    clock.current = at(START, 9, 0)
    due = dt.date(2026, 9, 30)
    await seed_with_deadlines(app, clock, {"4.1": due, "5.2": due, "5.3": due})
    await use_zalo(app, "xa")
    row = await save_round(
        app,
        "so",
        opens_at=clock(),
        closes_at=clock() + dt.timedelta(hours=48),
        units=(IA_SAO,),
        now=clock(),
    )
    assert await sweep(app) >= 1

    [prompt] = await received(app, fake_zalo, 1)
    return app, row.id or 0, prompt


async def evidence(app: BotApp) -> dict[str, bytes]:
    """The evidence kept with the official's answers: stored file id → its bytes."""
    async with app.sessions() as session:
        found = await session.execute(
            select(CheckinAnswer.evidence_file_id, AnnouncementFile.content).join(
                AnnouncementFile, col(AnnouncementFile.id) == col(CheckinAnswer.evidence_file_id)
            )
        )
        rows = list(found.all())
    return {str(file_id): content for file_id, content in rows}


async def test_a_checkin_on_zalo_answered_by_numbers(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app, round_id, prompt = await open_round(zalo_app, fake_zalo)
    clock = zalo_app.clock
    assert "Báo cáo tiến độ tháng" in prompt
    start = number_of(prompt, t.START)
    assert f"{start}. {t.START}" in prompt and f"{number_of(prompt, t.LEAVE)}. {t.LEAVE}" in prompt

    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say(start)
    assert "Nhiệm vụ 4.1 (1/3)" in person.text
    await person.say(number_of(person.text, "Hoàn thành"))
    await person.say(number_of(person.text, t.SKIP))  # no note
    assert t.ASK_EVIDENCE_PHOTO.format(number="4.1", limit=10) in person.text
    photo = picture("JPEG", (64, 48))
    await person.send(updates.image(CHAT, fake_zalo.add_photo(photo), caption="Ảnh lớp học"))
    assert t.EVIDENCE_SAVED.format(name="anh.jpg") in person.text
    assert "Nhiệm vụ 5.2 (2/3)" in person.text
    await person.say(number_of(person.text, "Đang thực hiện"))
    await person.say(number_of(person.text, "50%"))
    await person.say(number_of(person.text, t.SKIP))  # no note
    await person.say("bỏ qua")  # no evidence, typed
    assert "Nhiệm vụ 5.3 (3/3)" in person.text
    await person.say(number_of(person.text, "Vướng mắc"))
    await person.say("Thiếu máy tính bảng")  # the note is typed
    await person.say(number_of(person.text, "25%"))
    assert t.ASK_EVIDENCE_PHOTO.format(number="5.3", limit=10) in person.text
    await person.say(number_of(person.text, t.SKIP))
    summary = person.text
    assert "Nhiệm vụ 4.1: Hoàn thành, 100% — đã kèm minh chứng" in summary
    assert "Nhiệm vụ 5.2: Đang thực hiện, 50%" in summary
    assert "Nhiệm vụ 5.3: Vướng mắc, 25% — Thiếu máy tính bảng" in summary
    await person.say(number_of(summary, "Gửi báo cáo"))
    assert "Đã gửi báo cáo" in person.text

    async with app.sessions() as session:
        fresh = await checkins.get(session, round_id=round_id)
        assert fresh is not None
        counted = await checkin_summary.summarize(
            session, row=fresh, today=clock().astimezone(app.services.config.zone).date()
        )
    assert counted.overall.submitted == 1
    by_task = {task.number: task.counts for task in counted.tasks}
    assert by_task["4.1"]["done"] == 1
    assert by_task["5.2"]["in_progress"] == 1
    assert by_task["5.3"]["blocked"] == 1
    assert [(b.number, b.note) for b in counted.blockers] == [("5.3", "Thiếu máy tính bảng")]
    assert counted.by_commune[("Huyện Ia Grai", "Xã Ia Sao")].submitted == 1
    assert list((await evidence(app)).values()) == [photo]  # the bytes as sent


async def test_what_is_not_a_usable_photo_gets_the_same_question_again(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app, _round_id, prompt = await open_round(zalo_app, fake_zalo)
    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say(number_of(prompt, t.START))
    await person.say(number_of(person.text, "Hoàn thành"))
    [asked] = await person.say(number_of(person.text, t.SKIP))  # no note
    assert asked.startswith(t.ASK_EVIDENCE_PHOTO.format(number="4.1", limit=10))
    assert "tệp" not in asked.split("\n")[0]  # a photo is asked for, not a file

    async def refused(update: dict[str, object], sentence: str) -> None:
        assert await person.send(update) == [sentence, asked]

    await refused(updates.text(CHAT, "ảnh em gửi sau ạ"), t.EVIDENCE_PHOTO_TEXT)
    too_big = fake_zalo.add_photo(padded("JPEG", 11 * 1024 * 1024))
    await refused(updates.image(CHAT, too_big), t.EVIDENCE_PHOTO_TOO_BIG.format(limit=10))
    assert fake_zalo.photo(too_big).sent < 11 * 1024 * 1024
    gone = fake_zalo.photo_url("da-het-han.jpg")
    await refused(updates.image(CHAT, gone), t.EVIDENCE_PHOTO_FAILED)
    page = fake_zalo.add_photo(b"<html>Dang nhap</html>", content_type="text/html")
    await refused(updates.image(CHAT, page), t.EVIDENCE_NOT_IMAGE)
    zalo_of(app).download_timeout = 0.2
    slow = fake_zalo.add_photo(picture(), delay=30.0)
    await refused(updates.image(CHAT, slow), t.EVIDENCE_PHOTO_FAILED)

    await person.say("Bỏ qua")  # typed
    assert "Nhiệm vụ 5.2 (2/3)" in person.text
    assert await evidence(app) == {}
    async with app.sessions() as session:
        kept = await session.execute(select(AnnouncementFile.id))
        assert list(kept.scalars()) == []  # nothing refused was stored
