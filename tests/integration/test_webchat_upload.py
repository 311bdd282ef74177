"""Attaching a photo or document in the web chat: the upload route, its limits, and the
announcement flow receiving the file the same way as from Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlmodel import select

from bot.app import BotApp
from bot.channels import webchat
from bot.events import Attachment, FetchedFile, FileTooBig, FileUnavailable, Kind, Outgoing
from bot.texts import broadcast as bt
from bot.web import server
from models.announcements import Announcement, AnnouncementFile
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

PDF = b"%PDF-1.4 giay moi tap huan\n" * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@pytest.fixture
async def web(app: BotApp) -> AsyncIterator[httpx.AsyncClient]:
    """The web server's routes, called in-process."""
    transport = httpx.ASGITransport(app=server.build(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://chat.test") as client:
        yield client


async def _upload(
    web: httpx.AsyncClient, person: str, name: str, content: bytes, mime: str
) -> httpx.Response:
    return await web.post(
        "/chat/api/upload",
        params={"person": person, "name": name, "after": "0"},
        content=content,
        headers={"Content-Type": mime},
    )


def _texts(response: httpx.Response) -> list[str]:
    return [m["text"] for m in response.json()["messages"] if m["from"] == "bot"]


def _token(response: httpx.Response, label: str) -> str:
    for message in reversed(response.json()["messages"]):
        for option in message.get("options", []):
            if label in option["label"]:
                return str(option["token"])
    raise AssertionError(f"no button {label!r}")


def _mine(response: httpx.Response) -> list[dict[str, Any]]:
    return [m for m in response.json()["messages"] if m["from"] == "me"]


async def _up_to_the_file_step(chat: ChatDriver) -> None:
    await chat.send("huyen", "/thongbao")
    await chat.press("huyen", "Thông báo chung")
    await chat.send("huyen", "Kế hoạch chuyển đổi số 2026")
    await chat.send("huyen", "Gửi các đồng chí kế hoạch đính kèm.")
    assert chat.text("huyen").startswith(bt.ASK_FILE)


async def test_a_document_attached_in_the_page_goes_out_with_the_announcement(
    app: BotApp, chat: ChatDriver, web: httpx.AsyncClient
) -> None:
    await _up_to_the_file_step(chat)
    response = await _upload(web, "huyen", "Kế hoạch 2026.pdf", PDF, "application/pdf")
    assert response.status_code == 200
    assert bt.FILE_SAVED.format(name="Kế hoạch 2026.pdf") in _texts(response)
    [shown] = _mine(response)  # the person sees their file in the transcript, as a link
    assert shown["file"]["name"] == "Kế hoạch 2026.pdf"
    download = await web.get(shown["file"]["url"])
    assert download.content == PDF
    async with app.sessions() as session:
        [stored] = list((await session.execute(select(AnnouncementFile))).scalars())
    assert (stored.kind, stored.filename, stored.mime_type) == (
        "document",
        "Kế hoạch 2026.pdf",
        "application/pdf",
    )
    assert stored.content == PDF

    await chat.send("huyen", "/huy")
    await _up_to_the_file_step(chat)
    assert "Kế hoạch 2026.pdf" not in " ".join(chat.labels("huyen"))  # a fresh start


async def test_a_photo_is_a_photo_and_reaches_members(
    app: BotApp, chat: ChatDriver, web: httpx.AsyncClient
) -> None:
    await _up_to_the_file_step(chat)
    response = await _upload(web, "huyen", "anh-hop.png", PNG, "image/png")
    assert response.status_code == 200, response.text
    [shown] = _mine(response)
    assert shown["image"]["name"] == "anh-hop.png" and "file" not in shown
    await chat.press_token("huyen", _token(response, "Xem trước"))
    await chat.press("huyen", "Gửi ngay")
    await deliver_all(app)
    async with app.sessions() as session:
        [row] = list((await session.execute(select(Announcement))).scalars())
        stored = await session.get(AnnouncementFile, row.attachment_id)
    assert stored is not None and stored.kind == "photo" and stored.content == PNG
    [received] = await inbox(app, "xa")
    assert "Kế hoạch chuyển đổi số 2026" in received.text
    assert received.image is not None and received.image["name"] == "anh-hop.png"


async def test_limits_are_those_of_telegram(
    app: BotApp, chat: ChatDriver, web: httpx.AsyncClient
) -> None:
    await _up_to_the_file_step(chat)
    empty = await _upload(web, "huyen", "rong.pdf", b"", "application/pdf")
    assert empty.status_code == 400 and "trống" in empty.json()["error"]

    huge = b"x" * (webchat.MAX_DOCUMENT_BYTES + 1)
    refused = await _upload(web, "huyen", "lon.zip", huge, "application/zip")
    assert refused.status_code == 413
    assert "quá giới hạn 20 MB" in refused.json()["error"]

    # Under the web chat's 20 MB but over what an announcement may carry: the same answer
    # as a file that large sent on Telegram, and the question again.
    big = b"x" * (12 * 1024 * 1024)
    answered = await _upload(web, "huyen", "ke-hoach.zip", big, "application/zip")
    assert answered.status_code == 200
    texts = _texts(answered)
    assert bt.FILE_TOO_BIG.format(size=12.0, limit=10) in texts[0]

    unknown = await _upload(web, "nguoi-la", "a.pdf", PDF, "application/pdf")
    assert unknown.status_code == 400
    async with app.sessions() as session:
        assert list((await session.execute(select(AnnouncementFile))).scalars()) == []


async def test_a_file_outside_a_question_gets_an_answer(
    app: BotApp, web: httpx.AsyncClient
) -> None:
    response = await _upload(web, "xa", "anh.jpg", b"\xff\xd8\xff" + b"\x00" * 50, "image/jpeg")
    assert response.status_code == 200
    assert _texts(response), "every message gets an answer"


async def test_the_channel_fetches_only_what_a_person_attached(app: BotApp) -> None:
    channel = app.channels["webchat"]
    assert isinstance(channel, webchat.WebchatChannel) and channel.fetchable_kinds == {
        Kind.PHOTO,
        Kind.DOCUMENT,
    }
    event = await channel.record_upload("huyen", name="ke-hoach.pdf", mime="", content=PDF)
    assert event.attachment is not None and event.kind == Kind.DOCUMENT
    fetched = await channel.fetch_file(event.attachment, max_bytes=len(PDF))
    assert fetched == FetchedFile(PDF, "ke-hoach.pdf", "")
    with pytest.raises(FileTooBig) as too_big:
        await channel.fetch_file(event.attachment, max_bytes=len(PDF) - 1)
    assert too_big.value.size == len(PDF)
    sent = await channel.send("huyen", Outgoing(text="Xin chào"))
    for file_id in (sent, "999999", "khong-phai-so"):
        with pytest.raises(FileUnavailable):
            await channel.fetch_file(Attachment(Kind.DOCUMENT, file_id), max_bytes=len(PDF))


def test_file_names_and_kinds() -> None:
    assert webchat.clean_filename("C:\\Users\\an\\giấy mời.pdf") == "giấy mời.pdf"
    assert webchat.clean_filename("../../etc/passwd") == "passwd"
    assert webchat.clean_filename("a\x00b\nc.txt") == "abc.txt"
    assert webchat.clean_filename("") == "tep-dinh-kem"
    assert len(webchat.clean_filename("x" * 500)) == webchat.MAX_NAME
    assert webchat.upload_kind("image/jpeg", 1000) == Kind.PHOTO
    assert webchat.upload_kind("image/png", webchat.MAX_PHOTO_BYTES + 1) == Kind.DOCUMENT
    assert webchat.upload_kind("image/gif", 1000) == Kind.DOCUMENT
    assert webchat.upload_kind("application/pdf", 1000) == Kind.DOCUMENT
