"""A district coordinator who uses Zalo composes an announcement there and attaches a photo
sent as a Zalo image: the attachment question asks for a photo (Zalo passes on no documents),
something that is not a picture gets a polite sentence and the same question, and the
picture is kept with its bytes as sent."""

from __future__ import annotations

from sqlalchemy import select

from bot.texts import broadcast as bt
from models.announcements import AnnouncementFile
from tests.e2e.test_zalo_reminder_story import CHAT, use_zalo
from tests.fakes import zalo_updates as updates
from tests.fakes.zalo_server import FakeZaloServer
from tests.utils.pictures import picture
from tests.utils.plain_channel import number_of
from tests.utils.zalo import ZaloApps, ZaloPerson


async def test_a_coordinator_on_zalo_attaches_a_photo(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app(webchat=True, seed_demo=True)
    await use_zalo(app, "huyen")
    person = ZaloPerson(app, fake_zalo, CHAT)
    await person.say("/thongbao")
    await person.say(number_of(person.text, "Thông báo chung"))
    await person.say("Kế hoạch chuyển đổi số 2026")
    [asked] = await person.say("Gửi các đồng chí ảnh kế hoạch đính kèm.")
    assert asked.startswith(bt.ASK_PHOTO) and f". {bt.NO_FILE}" in asked

    page = fake_zalo.add_photo(b"<html>Dang nhap</html>", content_type="text/html")
    assert await person.send(updates.image(CHAT, page)) == [bt.NOT_AN_IMAGE, asked]
    photo = picture("PNG", (120, 80))
    await person.send(updates.image(CHAT, fake_zalo.add_photo(photo)))
    assert person.last[0] == bt.FILE_SAVED.format(name="anh.png")
    async with app.sessions() as session:
        [stored] = list((await session.execute(select(AnnouncementFile))).scalars())
    assert (stored.kind, stored.filename, stored.mime_type) == ("photo", "anh.png", "image/png")
    assert stored.content == photo
