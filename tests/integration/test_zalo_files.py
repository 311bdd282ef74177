"""The Zalo channel downloads a picture a person sent from the address Zalo gave: the bytes
as served, a MIME type and name read from the picture itself; refused over the size cap
without reading it all (by Content-Length, or while streaming without one), when the address
answers 404, is slow, is not http(s), or serves something that is not a picture; the
address's token never reaches the logs."""

from __future__ import annotations

import logging

import pytest

from bot import logs
from bot.app import BotApp
from bot.channels import zalo_files
from bot.events import Attachment, FileTooBig, FileUnavailable, Kind, NotAnImage
from tests.fakes.zalo_server import PHOTO_TOKEN, FakeZaloServer
from tests.utils.pictures import padded, picture
from tests.utils.zalo import ZaloApps, zalo_of

MB = 1024 * 1024
BIG = 32 * MB
"""Far more than the sockets between the fake and the bot can hold unread."""


async def fetch(app: BotApp, url: str, max_bytes: int = MB) -> object:
    """What the channel downloads from `url`, as a photo a person sent."""
    return await zalo_of(app).fetch_file(Attachment(Kind.PHOTO, url), max_bytes=max_bytes)


@pytest.mark.parametrize(
    ("fmt", "mime", "name"),
    [
        ("JPEG", "image/jpeg", "anh.jpg"),
        ("PNG", "image/png", "anh.png"),
        ("GIF", "image/gif", "anh.gif"),
    ],
)
async def test_a_picture_is_downloaded_as_served(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, fmt: str, mime: str, name: str
) -> None:
    app = await zalo_app()
    content = picture(fmt, (40, 30))
    # The declared type is not trusted: the picture's own bytes say what it is.
    url = fake_zalo.add_photo(content, content_type="application/octet-stream")
    fetched = await zalo_of(app).fetch_file(Attachment(Kind.PHOTO, url), max_bytes=len(content))
    assert fetched.content == content
    assert (fetched.mime_type, fetched.filename) == (mime, name)
    assert fake_zalo.photo(url).requests == 1


@pytest.mark.parametrize("declare_length", [True, False])
async def test_a_picture_over_the_cap_is_refused_without_reading_it_all(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, declare_length: bool
) -> None:
    app = await zalo_app()
    url = fake_zalo.add_photo(padded("JPEG", BIG), declare_length=declare_length)
    with pytest.raises(FileTooBig) as caught:
        await fetch(app, url, max_bytes=MB)
    if declare_length:
        assert caught.value.size == BIG  # told by Content-Length, before reading
    else:
        assert MB < caught.value.size < BIG  # what was read when the cap was passed
    assert fake_zalo.photo(url).sent < BIG
    exact = fake_zalo.add_photo(padded("JPEG", MB), declare_length=declare_length)
    assert len(getattr(await fetch(app, exact, max_bytes=MB), "content", b"")) == MB


async def test_an_address_that_answers_404_or_500_is_unavailable(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    with pytest.raises(FileUnavailable) as missing:
        await fetch(app, fake_zalo.photo_url("khong-con.jpg"))
    assert not isinstance(missing.value, NotAnImage)
    broken = fake_zalo.add_photo(picture(), status=500)
    with pytest.raises(FileUnavailable):
        await fetch(app, broken)
    assert fake_zalo.photo(broken).requests == 1


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"<html><body>Trang dang nhap</body></html>", "text/html; charset=utf-8"),
        (b"%PDF-1.4\n" + b"bien ban" * 40, "image/jpeg"),  # a picture's type, not its bytes
        (b"", "image/jpeg"),
    ],
)
async def test_what_is_not_a_picture_is_refused(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, content: bytes, content_type: str
) -> None:
    app = await zalo_app()
    with pytest.raises(NotAnImage):
        await fetch(app, fake_zalo.add_photo(content, content_type=content_type))


async def test_a_slow_address_is_given_up(zalo_app: ZaloApps, fake_zalo: FakeZaloServer) -> None:
    app = await zalo_app()
    zalo_of(app).download_timeout = 0.2
    url = fake_zalo.add_photo(picture(), delay=30.0)
    with pytest.raises(FileUnavailable) as caught:
        await fetch(app, url)
    assert "0.2s" in str(caught.value)


async def test_only_web_addresses_and_photos_are_fetched(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer
) -> None:
    app = await zalo_app()
    channel = zalo_of(app)
    assert channel.can_fetch(Kind.PHOTO) and not channel.can_fetch(Kind.DOCUMENT)
    url = fake_zalo.add_photo(picture())
    for address in ("file:///etc/passwd", "ftp://127.0.0.1/anh.jpg", "0a1b2c3d4e5f60718293"):
        with pytest.raises(FileUnavailable):
            await fetch(app, address)
    with pytest.raises(FileUnavailable):
        await channel.fetch_file(Attachment(Kind.DOCUMENT, url, "a.pdf"), max_bytes=MB)
    assert fake_zalo.photo(url).requests == 0


async def test_the_token_in_an_address_never_reaches_the_logs(
    zalo_app: ZaloApps, fake_zalo: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = await zalo_app()
    caplog.set_level(logging.DEBUG)
    for name in logs.QUIET_LOGGERS:  # as the bot's logging set-up quietens them
        caplog.set_level(logging.WARNING, logger=name)
    zalo_of(app).download_timeout = 0.2
    failing = [
        fake_zalo.photo_url("khong-con.jpg"),
        fake_zalo.add_photo(b"<html></html>", content_type="text/html"),
        fake_zalo.add_photo(padded("JPEG", 2 * MB)),
        fake_zalo.add_photo(picture(), delay=30.0),
    ]
    for url in failing:
        with pytest.raises((FileUnavailable, FileTooBig)):
            await fetch(app, url)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/photos/khong-con.jpg" in logged  # the address is named, without its query
    assert PHOTO_TOKEN not in logged and PHOTO_TOKEN not in caplog.text
    assert zalo_files.shown(failing[0]) == failing[0].split("?", 1)[0]
    assert zalo_files.shown("https://u:p@f.zdn.vn:8443/a/b.jpg?sig=1#x") == (
        "https://f.zdn.vn:8443/a/b.jpg"
    )
