"""Files for Zalo people by signed download link, over real HTTP to the bot's web server:
issue, serve once, expire by the clock, refuse forged and unknown links, purge; a Zalo
member's /xuatdulieu becomes a link to a real JSON file; an announcement photo reaches a
Zalo member through sendPhoto from an address the fake Zalo server fetches; without a
public address, the old sentence."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import httpx
import openpyxl
import pytest
from sqlalchemy import func, select

from bot import broadcast_cli, demo
from bot.app import BotApp
from bot.channels.zalo_send import link_note
from bot.events import OutFile, Outgoing
from bot.texts import demo as demo_texts
from bot.texts import files as ft
from jobs import housekeeping
from models import file_links, members
from models.file_links import FileLink, FileLinkContent
from models.members import MemberBase, MemberStatus, Role
from tests.fakes.zalo_server import FakeZaloServer
from tests.utils.broadcasting import deliver_all
from tests.utils.clock import ZONE, FakeClock
from tests.utils.zalo import ZaloApps, ZaloPerson, zalo_of

CHAT = "9a1c7e55d0b34f2a8c61"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LINK = re.compile(r"https?://\S+/files/\S+")
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


async def _issue(
    app: BotApp, content: bytes, filename: str, mime: str, *, once: bool = True
) -> str:
    async with app.sessions() as session:
        link = await file_links.issue(
            session,
            content=content,
            filename=filename,
            mime_type=mime,
            channel="zalo",
            external_id=CHAT,
            now=app.services.clock(),
            lifetime=timedelta(hours=24),
            single_use=once,
        )
        await session.commit()
    return f"http://127.0.0.1:{app.web_port}{link.path}"


async def _count(app: BotApp, table: type) -> int:
    async with app.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(table))).scalar_one())


async def test_a_link_gives_its_file_once_and_refuses_the_rest(
    zalo_app: ZaloApps, clock: FakeClock
) -> None:
    app = await zalo_app(public=True)
    name = "Dữ liệu cá nhân – Phạm Thị Dung.json"
    url = await _issue(app, b'{"a": 1}', name, "application/json")
    async with httpx.AsyncClient() as http:
        head = await http.head(url)
        assert head.status_code == 200  # a check, not a download
        first = await http.get(url)
        assert first.status_code == 200
        assert first.content == b'{"a": 1}'
        assert first.headers["content-type"].startswith("application/json")
        disposition = first.headers["content-disposition"]
        assert disposition.startswith("attachment;")
        encoded = disposition.split("filename*=UTF-8''")[1]
        assert unquote(encoded) == name
        assert first.headers["cache-control"] == "no-store"

        again = await http.get(url)
        assert again.status_code == 410
        assert ft.USED[0] in again.text and "text/html" in again.headers["content-type"]

        fresh = await _issue(app, b"x", "a.json", "application/json")
        forged = fresh[:-4] + ("AAAA" if not fresh.endswith("AAAA") else "BBBB")
        assert (await http.get(forged)).status_code == 403
        link_id = fresh.rsplit("/", 2)[1]
        unknown = fresh.replace(f"/files/{link_id}/", "/files/khongcoid/")
        assert (await http.get(unknown)).status_code == 404
        assert (await http.get(fresh)).status_code == 200  # the forgeries did not use it

        photo = await _issue(app, PNG, "biểu đồ.png", "image/png", once=False)
        expiring = await _issue(app, b"y", "b.json", "application/json")
        for _ in range(2):  # a picture is fetched by Zalo's servers, maybe twice
            shown = await http.get(photo)
            assert shown.status_code == 200 and shown.content == PNG
            assert shown.headers["content-disposition"].startswith("inline;")

        clock.advance(hours=24, seconds=1)
        late = await http.get(expiring)
        assert late.status_code == 410 and ft.EXPIRED[0] in late.text
        assert (await http.get(photo)).status_code == 410

        purged = await housekeeping.purge_old(app.job_context)
        assert purged.links == 4
        assert await _count(app, FileLink) == 0
        assert await _count(app, FileLinkContent) == 0
        assert (await http.get(expiring)).status_code == 404


async def _zalo_member(app: BotApp, chat_id: str, name: str) -> None:
    async with app.sessions() as session:
        identity = await members.touch_identity(
            session, channel="zalo", external_id=chat_id, chat_id=chat_id, display_name=name
        )
        member = await members.create_member(
            session,
            data=MemberBase(
                full_name=name, category="cong_chuc_xa", unit_catalog="2024", unit_code="23767"
            ),
            status=MemberStatus.ACTIVE,
        )
        assert member.id is not None
        await members.link_identity(session, identity=identity, member_id=member.id)
        await session.commit()


async def test_a_zalo_member_downloads_their_data_by_link_once(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, clock: FakeClock
) -> None:
    app = await zalo_app(public=True)
    await _zalo_member(app, CHAT, "Ksor H'Lan")
    person = ZaloPerson(app, fake_zalo, CHAT)
    text = "\n".join(await person.say("/xuatdulieu"))
    [url] = LINK.findall(text)
    assert url.startswith(f"http://127.0.0.1:{app.web_port}/files/")
    expires = clock() + timedelta(hours=24)
    assert f"tải về trước {expires.astimezone(ZONE).strftime('%H:%M %d/%m/%Y')}" in text
    assert "dữ liệu JSON" in text and ".json" in text
    assert "chưa gửi được qua Zalo" not in text
    async with httpx.AsyncClient() as http:
        response = await http.get(url)
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["member"]["full_name"] == "Ksor H'Lan"
        assert data["accounts"][0]["external_id"] == CHAT
        assert (await http.get(url)).status_code == 410
    async with app.sessions() as session:
        [link] = (await session.execute(select(FileLink))).scalars().all()
    assert (link.channel, link.external_id, link.single_use) == ("zalo", CHAT, True)
    assert url.rsplit("/", 1)[1] not in link.token_hash  # only the hash is kept


async def test_without_a_public_address_the_file_is_named_as_before(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    await _zalo_member(app, CHAT, "Ksor H'Lan")
    person = ZaloPerson(app, fake_zalo, CHAT)
    text = "\n".join(await person.say("/xuatdulieu"))
    assert "chưa gửi được qua Zalo" in text and "du-lieu-ca-nhan" in text
    assert not LINK.findall(text)
    assert await _count(app, FileLink) == 0


def test_the_link_sentence_names_the_file_what_it_holds_and_the_deadline() -> None:
    moment = FakeClock()()
    note = link_note("danh-ba.xlsx", XLSX, "https://bot.example.vn/files/a/b", moment, ZONE)
    local = moment.astimezone(ZONE)
    assert "“danh-ba.xlsx”" in note and "bảng tính Excel" in note
    assert f"tải về trước {local:%H:%M} {local:%d/%m/%Y}" in note
    assert "https://bot.example.vn/files/a/b" in note


@pytest.mark.slow
async def test_an_announcement_photo_reaches_a_zalo_member_through_send_photo(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, clock: FakeClock, tmp_path: Path
) -> None:
    app = await zalo_app(public=True, webchat=True)
    async with app.sessions() as session:
        await demo.seed(session, with_teams=False)
        await session.commit()
    await _zalo_member(app, CHAT, "Ksor H'Lan")
    (tmp_path / "so-do.png").write_bytes(PNG)
    notice = tmp_path / "thongbao.toml"
    notice.write_text(
        'sender = "webchat:so"\nkind = "notice"\ntitle = "Sơ đồ hội trường"\n'
        'body = "Sơ đồ chỗ ngồi buổi giao ban."\nurgent = true\nattachment = "so-do.png"\n',
        encoding="utf-8",
    )
    await broadcast_cli.run(app.config, notice, dry_run=False, clock=clock)
    await deliver_all(app)
    photos = [sent for sent in fake_zalo.sent if sent.method == "sendPhoto"]
    assert [sent.chat_id for sent in photos] == [CHAT]
    [photo] = photos
    assert photo.photo is not None
    assert photo.photo.startswith(f"http://127.0.0.1:{app.web_port}/files/")
    assert photo.text is not None and "Sơ đồ hội trường" in photo.text
    [fetched] = fake_zalo.fetched
    assert (fetched.url, fetched.status, fetched.content) == (photo.photo, 200, PNG)
    assert fetched.content_type == "image/png"


async def test_a_photo_zalo_refuses_goes_as_text_with_its_link(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(public=True)
    chart = OutFile("bieu-do.png", PNG, "image/png")
    fake_zalo.fail_next(400, method="sendPhoto", description="Bad request: photo")
    await zalo_of(app).send(CHAT, Outgoing(text="Tiến độ quý IV", image=chart))
    [text] = [sent.text for sent in fake_zalo.sent if sent.method == "sendMessage"]
    assert text is not None and text.startswith("Tiến độ quý IV")
    [url] = LINK.findall(text)
    async with httpx.AsyncClient() as http:
        response = await http.get(url)
    assert response.status_code == 200 and response.content == PNG


async def test_a_zalo_coordinator_opens_the_directory_workbook_from_the_link(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(public=True)
    async with app.sessions() as session:
        await demo.seed(session, with_teams=False)
        await session.commit()
    await _zalo_member(app, CHAT, "Ksor H'Lan")
    async with app.sessions() as session:
        identity = await members.get_identity(session, channel="zalo", external_id=CHAT)
        assert identity is not None and identity.member_id is not None
        member = await members.get_member(session, member_id=identity.member_id)
        assert member is not None
        await members.set_role(
            session, member=member, role=Role.COORDINATOR, scope_catalog="2024", scope_code="628"
        )
        await session.commit()
    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say("/thanhvien")
    text = "\n".join(await person.say("Xuất Excel"))
    [url] = LINK.findall(text)
    assert "bảng tính Excel" in text and ".xlsx" in text
    async with httpx.AsyncClient() as http:
        response = await http.get(url)
    assert response.status_code == 200
    assert "filename*=UTF-8''thanh-vien-huyen-ia-grai" in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [str(cell) for row in book.active.iter_rows(values_only=True) for cell in row]
    assert demo_texts.PEOPLE["xa"][0] in cells
