"""Evidence in a check-in report: after the note, an optional photo or document (image, PDF,
DOCX, XLSX up to 10 MB) or "Bỏ qua"; text, a file too big or of another kind gets a sentence
and the same question. The file is kept with the uploaded files and linked to the answer;
"Không có gì thay đổi/mới" carry it; an edit keeps, replaces or drops it; a cancelled report
leaves no file behind. The sheet of every answer in /tonghop and `mangluoi report` names the
file, or links to it when the server has a public address, inside the asker's scope only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlmodel import col

from bot.app import BotApp
from bot.buttons.actions import CheckinEvidence
from bot.channels.webchat import WebchatChannel
from bot.events import Attachment, Incoming, Kind, Outgoing
from bot.texts import checkins as t
from bot.texts import common as ct
from models import file_links, options, retention
from models.announcements import AnnouncementFile
from models.checkins import CheckinAnswer
from models.file_links import FileLink
from models.tasks import Task, TaskAssignment
from tests.integration.checkin_people import person, save_round, seed, sweep
from tests.integration.registering import member_of
from tests.integration.task_chatting import (
    IA_SAO,
    PLEIKU_WARD,
    XLSX,
    UploadingChat,
    committee,
    take_uploads,
)
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

PHOTO = b"\xff\xd8\xff\xe0" + b"anh lop hoc" * 50
PDF = b"%PDF-1.4\n" + b"bien ban" * 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BASE = "https://bot.example.vn"


@pytest.fixture
async def uploads(app: BotApp, clock: FakeClock) -> UploadingChat:
    """A round open for the 30 members, on a web chat that takes files."""
    return await _open_round(app, clock)


@pytest.fixture
async def uploads_in_march(app: BotApp, clock: FakeClock) -> UploadingChat:
    """The same round opened on 02/03/2026, when a yearly task marked done moves on to next
    year's deadline (from 16/12 on, the year's deadline is past and a colleague's "Hoàn
    thành" stays the task's last answer, which "Không có gì mới" would repeat)."""
    clock.current = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 09:00 local
    return await _open_round(app, clock)


async def _open_round(app: BotApp, clock: FakeClock) -> UploadingChat:
    await seed(app, clock)
    await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(hours=48), now=clock()
    )
    await sweep(app)
    return take_uploads(app)


async def _file(
    chat: ChatDriver,
    uploads: UploadingChat,
    who: str,
    kind: Kind,
    name: str | None,
    mime: str | None,
    content: bytes,
) -> None:
    file_id = f"file-{len(uploads.files) + 1}"
    uploads.files[file_id] = content
    event = Incoming(
        channel="webchat",
        external_id=who,
        chat_id=who,
        kind=kind,
        attachment=Attachment(kind, file_id, name, mime),
    )
    await chat.send_event(event)


async def _begin(chat: ChatDriver, who: str) -> None:
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Báo cáo:")


async def _stored(app: BotApp) -> dict[int, AnnouncementFile]:
    async with app.sessions() as session:
        found = await session.execute(select(AnnouncementFile))
        return {row.id or 0: row for row in found.scalars()}


async def _answers(app: BotApp, who: str) -> list[CheckinAnswer]:
    """A member's answers, by task position (Ia Sao: 5.2, then 5.3)."""
    member = await member_of(app, who)
    assert member is not None
    async with app.sessions() as session:
        found = await session.execute(
            select(CheckinAnswer)
            .join(TaskAssignment, col(TaskAssignment.id) == col(CheckinAnswer.assignment_id))
            .join(Task, col(Task.id) == col(TaskAssignment.task_id))
            .where(CheckinAnswer.member_id == member.id)
            .order_by(col(Task.position))
        )
        return list(found.scalars())


async def _report_with_files(chat: ChatDriver, uploads: UploadingChat, who: str) -> None:
    """Ia Sao's 5.2 with a photo (after text, refused), 5.3 with a PDF (after a file too big
    and one of another kind, refused)."""
    await _begin(chat, who)
    await chat.press(who, "Đang thực hiện")
    await chat.press(who, "50%")
    await chat.press(who, t.SKIP)
    asked = chat.text(who)
    assert "Minh chứng cho nhiệm vụ 5.2" in asked and "tối đa 10 MB" in asked
    assert t.SKIP in chat.labels(who)
    await chat.send(who, "ảnh em gửi sau ạ")  # text where a photo is expected
    assert chat.text(who) == f"{t.EVIDENCE_TEXT}\n{asked}"
    await _file(chat, uploads, who, Kind.PHOTO, None, "image/jpeg", PHOTO)
    assert t.EVIDENCE_SAVED.format(name="anh.jpg") in chat.text(who)
    assert "Nhiệm vụ 5.3 (2/2)" in chat.text(who)
    await chat.press(who, "Hoàn thành")
    await chat.send(who, "Đã mở 3 lớp")
    assert "Minh chứng cho nhiệm vụ 5.3" in chat.text(who)
    big = b"%PDF" + b"0" * (10 * 1024 * 1024)
    await _file(chat, uploads, who, Kind.DOCUMENT, "bien-ban.pdf", "application/pdf", big)
    assert "quá giới hạn 10 MB" in chat.text(who)
    assert "Minh chứng cho nhiệm vụ 5.3" in chat.text(who)  # the same question
    await _file(chat, uploads, who, Kind.DOCUMENT, "cai-dat.exe", "application/x-msdos", b"MZ")
    assert t.EVIDENCE_TYPE.format(name="cai-dat.exe") in chat.text(who)
    assert "Minh chứng cho nhiệm vụ 5.3" in chat.text(who)
    await _file(chat, uploads, who, Kind.DOCUMENT, "bien-ban.pdf", "application/pdf", PDF)
    assert t.EVIDENCE_SAVED.format(name="bien-ban.pdf") in chat.text(who)
    text = chat.text(who)
    assert "Nhiệm vụ 5.2: Đang thực hiện, 50% — đã kèm minh chứng" in text
    assert "Nhiệm vụ 5.3: Hoàn thành, 100% — Đã mở 3 lớp — đã kèm minh chứng" in text
    await chat.press(who, t.SEND)
    assert "Đã gửi báo cáo" in chat.text(who)


async def test_a_photo_and_a_document_are_kept_with_the_answers(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    who = person(0)
    await _report_with_files(chat, uploads, who)
    stored = await _stored(app)
    assert sorted((f.kind, f.filename, f.mime_type) for f in stored.values()) == [
        ("document", "bien-ban.pdf", "application/pdf"),
        ("photo", "anh.jpg", "image/jpeg"),
    ]
    first, second = await _answers(app, who)
    assert first.evidence_file_id is not None and second.evidence_file_id is not None
    assert stored[first.evidence_file_id].content == PHOTO
    assert stored[second.evidence_file_id].content == PDF
    member = await member_of(app, who)
    assert member is not None
    assert {f.uploaded_by for f in stored.values()} == {member.id}


async def test_an_edit_keeps_replaces_or_drops_the_evidence(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    who = person(0)
    await _report_with_files(chat, uploads, who)
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Sửa báo cáo")
    await chat.press(who, "Sửa nhiệm vụ 5.2")
    await chat.press(who, "Đang thực hiện")
    await chat.press(who, "75%")
    await chat.press(who, t.SKIP)
    assert "Nhiệm vụ 5.2 đã kèm minh chứng" in chat.text(who)
    assert {t.EVIDENCE_KEEP, t.EVIDENCE_REMOVE} <= set(chat.labels(who))
    await chat.send(who, "giữ nhé")
    assert t.EVIDENCE_TEXT_AGAIN in chat.text(who)
    await chat.press(who, t.EVIDENCE_REMOVE)
    assert "Nhiệm vụ 5.2: Đang thực hiện, 75%\n" in chat.text(who)
    await chat.press(who, "Sửa nhiệm vụ 5.3")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await _file(chat, uploads, who, Kind.DOCUMENT, "so-lieu.xlsx", XLSX, b"PK\x03\x04 bang")
    assert "Nhiệm vụ 5.3: Hoàn thành, 100% — đã kèm minh chứng" in chat.text(who)
    await chat.press(who, t.SEND)
    first, second = await _answers(app, who)
    assert first.evidence_file_id is None
    stored = await _stored(app)
    assert second.evidence_file_id is not None
    assert stored[second.evidence_file_id].filename == "so-lieu.xlsx"
    assert len(stored) == 1  # the photo and the PDF no answer uses any more are gone

    # Another edit keeps what was sent ("Giữ minh chứng đã gửi").
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Sửa báo cáo")
    await chat.press(who, "Sửa nhiệm vụ 5.3")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.EVIDENCE_KEEP)
    await chat.press(who, t.SEND)
    assert (await _answers(app, who))[1].evidence_file_id == second.evidence_file_id


async def test_nothing_changed_carries_the_last_evidence(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    await _report_with_files(chat, uploads, person(0))
    photo = (await _answers(app, person(0)))[0].evidence_file_id
    who = person(3)  # Ia Sao as well: the same tasks of the same committee
    await _begin(chat, who)
    assert "Lần trước: Đang thực hiện, 50% — đã kèm minh chứng" in chat.text(who)
    await chat.press(who, t.SAME)  # "Không có gì thay đổi": the same answer, the same proof
    await chat.press(who, "Đang thực hiện")
    await chat.press(who, "25%")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    text = chat.text(who)
    assert "Nhiệm vụ 5.2: Đang thực hiện, 50% — đã kèm minh chứng" in text
    assert "Nhiệm vụ 5.3: Đang thực hiện, 25%\n" in text
    await chat.press(who, t.SEND)
    assert [a.evidence_file_id for a in await _answers(app, who)] == [photo, None]

    who = person(6)
    await _begin(chat, who)
    await chat.press(who, "Không có gì mới")  # every last answer, each with its evidence
    assert "Nhiệm vụ 5.2: Đang thực hiện, 50% — đã kèm minh chứng" in chat.text(who)
    assert "Nhiệm vụ 5.3: Đang thực hiện, 25%\n" in chat.text(who)  # none to carry
    await chat.press(who, t.SEND)
    assert [a.evidence_file_id for a in await _answers(app, who)] == [photo, None]
    assert len(await _stored(app)) == 2  # one file, kept once for every answer using it


async def test_skip_and_a_cancelled_report_leave_no_file(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    who = person(0)
    await _begin(chat, who)
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.send(who, "bỏ qua")  # typed, as on a channel without buttons
    assert "Nhiệm vụ 5.3 (2/2)" in chat.text(who)
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await _file(chat, uploads, who, Kind.PHOTO, None, "image/jpeg", PHOTO)
    assert len(await _stored(app)) == 1
    await chat.send(who, "/huy")
    assert await _stored(app) == {}
    assert await _answers(app, who) == []


async def test_a_channel_without_files_is_not_asked(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    uploads.fetchable_kinds = frozenset()  # the bot cannot download what people send
    who = person(0)
    await _begin(chat, who)
    await chat.press(who, "Hoàn thành")
    await _file(chat, uploads, who, Kind.PHOTO, None, "image/jpeg", PHOTO)
    assert ct.NOT_SUPPORTED.format(what=ct.WHAT_PHOTO) in chat.text(who)
    await chat.press(who, t.SKIP)
    assert "Nhiệm vụ 5.3 (2/2)" in chat.text(who) and "Minh chứng" not in chat.text(who)


async def test_a_channel_that_takes_photos_only_asks_for_a_photo(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    uploads.fetchable_kinds = frozenset({Kind.PHOTO})  # as Zalo: pictures, no documents
    who = person(0)
    await _begin(chat, who)
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)  # the note
    asked = chat.text(who)
    assert asked == t.ASK_EVIDENCE_PHOTO.format(number="5.2", limit=10)
    await chat.send(who, "ảnh em gửi sau ạ")
    assert chat.text(who) == f"{t.EVIDENCE_PHOTO_TEXT}\n{asked}"
    await _file(chat, uploads, who, Kind.DOCUMENT, "bien-ban.pdf", "application/pdf", PDF)
    assert chat.text(who) == f"{t.EVIDENCE_PHOTO_ONLY}\n{asked}"
    assert await _stored(app) == {}
    await _file(chat, uploads, who, Kind.PHOTO, None, "image/jpeg", PHOTO)
    assert t.EVIDENCE_SAVED.format(name="anh.jpg") in chat.text(who)
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    await chat.press(who, "Sửa nhiệm vụ 5.2")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    assert chat.text(who) == t.ASK_EVIDENCE_PHOTO_AGAIN.format(number="5.2", limit=10)
    await chat.send(who, "giữ nhé")
    assert t.EVIDENCE_PHOTO_TEXT_AGAIN in chat.text(who)


async def _reports_inside_and_outside(chat: ChatDriver, uploads: UploadingChat) -> str:
    """Reports with evidence from Ia Sao (in Ia Grai) and from the Pleiku ward (outside Ia
    Grai, one document); returns the ward's person."""
    await _report_with_files(chat, uploads, person(0))
    ward = person(2)
    await _begin(chat, ward)
    await chat.press(ward, "Hoàn thành")
    await chat.press(ward, t.SKIP)
    await _file(chat, uploads, ward, Kind.DOCUMENT, "phuong.docx", DOCX, b"PK\x03\x04 van ban")
    await chat.press(ward, t.SEND)
    return ward


async def test_the_sheet_of_every_answer_names_or_links_the_evidence(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    await _reports_inside_and_outside(chat, uploads)

    async def sheet(who: str, pick: str) -> list[tuple[object, ...]]:
        await chat.send(who, "/tonghop")
        await chat.press(who, pick)
        await chat.press(who, t.XLSX_BUTTON)
        [message] = chat.last[who]
        assert message.document is not None
        book = load_workbook(io.BytesIO(message.document.content))
        return list(book[t.SHEET_ANSWERS].iter_rows(values_only=True))

    rows = await sheet("so", "Báo cáo tiến độ tháng")
    assert rows[0][9] == t.EVIDENCE_NAME_COLUMN  # no public address: the file's name
    evidence = {(row[0], row[4]): row[9] for row in rows[1:]}
    assert evidence == {
        ("Thành viên 1", "5.2"): "anh.jpg",
        ("Thành viên 1", "5.3"): "bien-ban.pdf",
        ("Thành viên 3", "5.3"): "phuong.docx",
    }
    sao, ward_committee = await committee(app, IA_SAO), await committee(app, PLEIKU_WARD)
    assert [row[3] for row in rows[1:]] == [sao.name, sao.name, ward_committee.name]

    config = app.services.config
    web = config.web.model_copy(update={"public_base_url": BASE})
    app.services.config = config.model_copy(update={"web": web})
    rows = await sheet("so", "Báo cáo tiến độ tháng")
    assert rows[0][9] is not None and str(rows[0][9]).startswith("Minh chứng: liên kết tải về")
    links = [str(row[9]) for row in rows[1:]]
    assert len(links) == 3 and all(link.startswith(f"{BASE}/files/") for link in links)
    response = await _download(app, links[0])
    assert response == PHOTO  # the photo of 5.2, opened twice
    assert await _download(app, links[0]) == PHOTO

    # A district coordinator's sheet (a round created above them) holds Ia Grai only: no
    # row, and no link, for the Pleiku ward's evidence.
    rows = await sheet("huyen", "cấp trên tạo")
    assert [(row[0], row[4]) for row in rows[1:]] == [
        ("Thành viên 1", "5.2"),
        ("Thành viên 1", "5.3"),
    ]
    async with app.sessions() as session:
        issued = await session.execute(
            select(func.count()).where(col(FileLink.external_id) == "huyen")
        )
        assert issued.scalar_one() == 2


async def _download(app: BotApp, url: str) -> bytes:
    """The file behind a link, as the web server gives it."""
    link_id, token = url.removeprefix(f"{BASE}/files/").split("/")
    async with app.sessions() as session:
        found = await file_links.take(
            session, link_id=link_id, token=token, now=app.services.clock()
        )
        await session.commit()
    assert not isinstance(found, file_links.Refusal)
    return found.content


async def test_evidence_follows_the_attachment_retention(
    app: BotApp, chat: ChatDriver, clock: FakeClock, uploads: UploadingChat
) -> None:
    who = person(0)
    await _report_with_files(chat, uploads, who)
    age = dt.timedelta(days=app.services.config.retention.attachment_days)
    async with app.sessions() as session:
        for now, purged in ((clock() + age - dt.timedelta(days=1), 0), (clock() + age * 2, 2)):
            # as the housekeeping job does: files uploaded more than `age` before now
            assert await retention.purge_files(session, before=now - age, limit=10) == purged
        await session.commit()
    assert await _stored(app) == {}
    answers = await _answers(app, who)
    assert [(a.status, a.evidence_file_id) for a in answers] == [
        ("in_progress", None),
        ("done", None),
    ]  # the answers stay, without their evidence


async def _press_held(app: BotApp, chat: ChatDriver, who: str, value: str) -> list[Outgoing]:
    """Press a button value as if it had been shown to `who` (forwarded, or guessed)."""
    async with app.sessions() as session:
        token = await options.issue(
            session, channel="webchat", external_id=who, value=value, label="?", scope=None
        )
        await session.commit()
    return await chat.press_token(who, token)


async def test_evidence_files_come_in_the_chat_inside_the_askers_scope(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    ward = await _reports_inside_and_outside(chat, uploads)
    [ward_answer] = await _answers(app, ward)

    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    await chat.press("so", t.EVIDENCE_BUTTON.format(count=3))
    assert "(1–3 trong 3)" in chat.text("so")
    assert chat.labels("so")[:3] == [
        "5.2 · Thành viên 1 · anh.jpg",
        "5.3 · Thành viên 1 · bien-ban.pdf",
        "5.3 · Thành viên 3 · phuong.docx",
    ]
    await chat.press("so", "anh.jpg")
    [message] = chat.last["so"]
    assert message.image is not None and message.image.content == PHOTO
    assert "Minh chứng nhiệm vụ 5.2 của Thành viên 1" in message.text
    await chat.send("so", "/tonghop")
    await chat.press("so", "Báo cáo tiến độ tháng")
    await chat.press("so", t.EVIDENCE_BUTTON.format(count=3))
    await chat.press("so", "phuong.docx")
    [message] = chat.last["so"]
    assert message.document is not None and message.document.filename == "phuong.docx"

    # The district coordinator sees the round (created above them) for Ia Grai only: two
    # files listed; the ward's, pressed from a forwarded button, is refused.
    await chat.send("huyen", "/tonghop")
    await chat.press("huyen", "cấp trên tạo")
    await chat.press("huyen", t.EVIDENCE_BUTTON.format(count=2))
    assert not any("phuong" in label for label in chat.labels("huyen"))
    value = CheckinEvidence(ward_answer.id or 0).encode()
    answer = await _press_held(app, chat, "huyen", value)
    assert [m.text for m in answer] == [t.NOT_YOURS]
    assert all(m.document is None and m.image is None for m in answer)
    # Nor may a member of the round, nor a coordinator of another commune.
    for who in (person(0), "xa"):
        answer = await _press_held(app, chat, who, value)
        assert all(m.document is None and m.image is None for m in answer), who
        assert t.NOT_YOURS in "\n".join(m.text for m in answer), who


async def test_evidence_deleted_meanwhile_is_left_out_not_broken(
    app: BotApp, chat: ChatDriver, uploads_in_march: UploadingChat
) -> None:
    await _report_with_files(chat, uploads_in_march, person(0))
    who = person(3)  # repeats 5.2's answer and its photo, and has not sent yet
    await _begin(chat, who)
    await chat.press(who, "Không có gì mới")
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    await chat.press(who, t.SKIP)
    assert "Nhiệm vụ 5.2: Đang thực hiện, 50% — đã kèm minh chứng" in chat.text(who)
    # Meanwhile the photo's author drops it from their report: no answer uses it, it goes.
    await chat.send(person(0), "/baocaotiendo")
    await chat.press(person(0), "Sửa báo cáo")
    await chat.press(person(0), "Sửa nhiệm vụ 5.2")
    await chat.press(person(0), "Đang thực hiện")
    await chat.press(person(0), "50%")
    await chat.press(person(0), t.SKIP)
    await chat.press(person(0), t.EVIDENCE_REMOVE)
    await chat.press(person(0), t.SEND)
    assert len(await _stored(app)) == 1  # the PDF of 5.3 only
    await chat.press(who, t.SEND)
    assert "Đã gửi báo cáo" in chat.text(who)
    assert [a.evidence_file_id for a in await _answers(app, who)] == [None, None]


async def test_a_file_attached_in_the_web_chat_page_becomes_evidence(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await seed(app, clock)
    await save_round(
        app, "so", opens_at=clock(), closes_at=clock() + dt.timedelta(hours=48), now=clock()
    )
    await sweep(app)
    page = app.channels["webchat"]
    assert isinstance(page, WebchatChannel) and page.can_fetch(Kind.DOCUMENT)
    who = person(1)  # Ia Yok: task 5.3 only
    await _begin(chat, who)
    await chat.press(who, "Hoàn thành")
    await chat.press(who, t.SKIP)
    event = await page.record_upload(who, name="Biên bản.pdf", mime="application/pdf", content=PDF)
    await chat.send_event(event)
    assert t.EVIDENCE_SAVED.format(name="Biên bản.pdf") in chat.text(who)
    await chat.press(who, t.SEND)
    [answer] = await _answers(app, who)
    stored = await _stored(app)
    assert answer.evidence_file_id is not None
    assert stored[answer.evidence_file_id].content == PDF


async def test_an_edit_where_files_cannot_come_keeps_the_evidence(
    app: BotApp, chat: ChatDriver, uploads: UploadingChat
) -> None:
    who = person(0)
    await _report_with_files(chat, uploads, who)
    photo = (await _answers(app, who))[0].evidence_file_id
    uploads.fetchable_kinds = frozenset()  # the same person, now where files cannot be downloaded
    await chat.send(who, "/baocaotiendo")
    await chat.press(who, "Sửa báo cáo")
    await chat.press(who, "Sửa nhiệm vụ 5.2")
    await chat.press(who, "Đang thực hiện")
    await chat.press(who, "75%")
    await chat.press(who, t.SKIP)  # the note; no evidence question
    assert "Nhiệm vụ 5.2: Đang thực hiện, 75% — đã kèm minh chứng" in chat.text(who)
    await chat.press(who, t.SEND)
    assert (await _answers(app, who))[0].evidence_file_id == photo
