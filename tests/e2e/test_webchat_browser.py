"""The web chat page in a real headless Chromium, against the real app on a free port."""

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator, Page, ViewportSize, async_playwright, expect
from sqlmodel import select

from bot import demo
from bot.app import BotApp
from bot.events import OutFile, Outgoing
from bot.texts import broadcast as broadcast_texts
from bot.texts import common as common_texts
from bot.texts import demo as demo_texts
from bot.texts import feedback as feedback_texts
from models import feedback
from models.announcements import AnnouncementFile
from tests.conftest import make_config
from tests.utils.clock import FakeClock

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
HAVE_CHROMIUM = CHROMIUM.exists()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SHOTS = os.environ.get("WEBCHAT_SCREENSHOTS")  # a folder to keep the screenshots in


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """A headless Chromium from the system (skipped when it is not installed)."""
    if not HAVE_CHROMIUM:
        pytest.skip(f"Chromium not found at {CHROMIUM}; install the 'chromium' package")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        await chromium.close()


@pytest.fixture
async def served(db_url: str, clock: FakeClock) -> AsyncIterator[BotApp]:
    """The whole bot with its web server listening on a free local port."""
    app = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await app.start(web=True)
    try:
        yield app
    finally:
        await app.stop()


@pytest.fixture
async def page(browser: Browser, served: BotApp) -> AsyncIterator[Page]:
    """A phone-sized page with the web chat open; fails the test on any script error."""
    context = await browser.new_context(viewport=PHONE, locale="vi-VN")
    chat_page = await context.new_page()
    errors: list[str] = []
    chat_page.on("pageerror", lambda error: errors.append(str(error)))
    await chat_page.goto(f"http://127.0.0.1:{served.web_port}/chat/")
    yield chat_page
    await context.close()
    assert errors == []


def my_last_text(page: Page) -> Locator:
    """The text of the newest message the person sent."""
    return page.get_by_test_id("message-me").last.get_by_test_id("message-text")


def option(page: Page, label: str) -> Locator:
    """The newest option button with exactly this label."""
    by_name = page.get_by_role("button", name=label, exact=True)
    return page.get_by_test_id("option-button").and_(by_name).last


async def type_and_send(page: Page, text: str, *, enter: bool = True) -> None:
    """Type into the input box and send with Enter (or the "Gửi" button)."""
    await page.get_by_test_id("message-input").fill(text)
    if enter:
        await page.get_by_test_id("message-input").press("Enter")
    else:
        await page.get_by_test_id("send-button").click()


async def test_feedback_conversation_in_the_browser(
    page: Page, served: BotApp, tmp_path: Path
) -> None:
    """A member sends feedback with buttons and typing; a guest is told to register."""
    bot_says = page.get_by_test_id("message-bot")
    name = demo_texts.PEOPLE["xa"][0]
    await expect(page.get_by_test_id("demo-notice")).to_contain_text("hư cấu")

    await page.get_by_test_id("person-picker").select_option("xa")
    await expect(page.get_by_test_id("current-person")).to_have_text(name)
    await expect(page.get_by_test_id("person-description")).to_have_text(
        demo_texts.PEOPLE["xa"][1]
    )
    await type_and_send(page, "/start")
    welcome = common_texts.WELCOME_MEMBER.format(name=name).splitlines()[0]
    await expect(bot_says.last).to_contain_text(welcome)
    await expect(my_last_text(page)).to_have_text("/start")

    await option(page, feedback_texts.BUTTON).click()
    await expect(bot_says.last).to_contain_text(feedback_texts.ASK_TOPIC)
    await expect(option(page, feedback_texts.BUTTON)).to_be_disabled()

    await option(page, feedback_texts.TOPICS["bug"]).click()
    await expect(my_last_text(page)).to_have_text(feedback_texts.TOPICS["bug"])
    await expect(bot_says.last).to_contain_text(feedback_texts.ASK_TEXT.split("(")[0])

    typed = "Nút <b>Báo cáo</b> không mở được"
    await type_and_send(page, typed, enter=False)
    await expect(bot_says.last).to_contain_text(feedback_texts.THANKS)
    mine = page.get_by_test_id("message-me").last
    await expect(mine).to_contain_text(typed)
    await expect(mine.locator("b")).to_have_count(0)
    async with served.sessions() as session:
        stored = await feedback.recent(session, limit=1)
    assert [(row.topic, row.text) for row in stored] == [("bug", typed)]

    await page.reload()
    await expect(page.get_by_test_id("person-picker")).to_have_value("xa")
    await expect(bot_says.last).to_contain_text(feedback_texts.THANKS)

    await page.get_by_test_id("person-picker").select_option("khach")
    await expect(page.get_by_test_id("current-person")).to_have_text(demo_texts.PEOPLE["khach"][0])
    await expect(page.get_by_test_id("message-list")).not_to_contain_text(feedback_texts.THANKS)
    await type_and_send(page, "/start")
    not_member = common_texts.WELCOME_GUEST.splitlines()[1]
    await expect(bot_says.last).to_contain_text(not_member)

    shot = tmp_path / "webchat.png"
    await page.screenshot(path=str(shot))
    data = await asyncio.to_thread(shot.read_bytes)
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000


async def test_polled_message_with_file_and_image(page: Page, served: BotApp) -> None:
    """A message sent outside any request shows up by polling, with its file and picture."""
    await page.get_by_test_id("person-picker").select_option("totruong")
    await expect(page.get_by_test_id("empty-state")).to_be_visible()
    picture = await page.screenshot(clip={"x": 0, "y": 0, "width": 40, "height": 30})
    webchat = served.channels.get("webchat")
    assert webchat is not None
    await webchat.send(
        "totruong",
        Outgoing(
            text="Thông báo: xem hướng dẫn tại https://gialai.gov.vn/cds.",
            document=OutFile("Kế hoạch tháng 3.xlsx", b"PK\x03\x04demo", "application/zip"),
            image=OutFile("anh.png", picture, "image/png"),
        ),
    )
    bot_says = page.get_by_test_id("message-bot").last
    await expect(bot_says).to_contain_text("Thông báo", timeout=10_000)
    link = bot_says.get_by_role("link", name="https://gialai.gov.vn/cds", exact=True)
    await expect(link).to_have_attribute("href", "https://gialai.gov.vn/cds")
    await expect(bot_says.get_by_test_id("message-file")).to_contain_text("Kế hoạch tháng 3.xlsx")
    image = bot_says.get_by_test_id("message-image")
    await expect(image).to_be_visible()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == 40

    page.once("dialog", lambda dialog: asyncio.ensure_future(dialog.accept("0905123456")))
    await webchat.send("totruong", Outgoing(text="Số điện thoại?", ask_contact=True))
    contact = page.get_by_test_id("contact-button")
    await expect(contact).to_be_enabled(timeout=10_000)
    await contact.click()
    await expect(my_last_text(page)).to_have_text("📱 0905123456")
    await expect(contact).to_be_disabled()


async def _keep(page: Page, tmp_path: Path, name: str) -> bytes:
    """Take a screenshot (kept in $WEBCHAT_SCREENSHOTS when set, to look at)."""
    folder = Path(SHOTS) if SHOTS else tmp_path
    shot = folder / name
    await page.screenshot(path=str(shot))
    data = await asyncio.to_thread(shot.read_bytes)
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
    return data


async def test_header_and_picker_take_at_most_a_fifth_of_a_phone(
    page: Page, tmp_path: Path
) -> None:
    """At 390 × 844 the header and the person picker fit in 168 px, whole names shown."""
    limit = PHONE["height"] / 5
    name = page.get_by_test_id("current-person")
    description = page.get_by_test_id("person-description")
    for person in demo.PEOPLE:
        await page.get_by_test_id("person-picker").select_option(person.key)
        await expect(name).to_have_text(person.name)
        await expect(description).to_have_text(person.description)
        header = await page.get_by_test_id("header").bounding_box()
        picker = await page.get_by_test_id("picker").bounding_box()
        messages = await page.get_by_test_id("message-list").bounding_box()
        assert header is not None and picker is not None and messages is not None
        assert header["y"] == 0 and picker["y"] >= header["y"] + header["height"] - 1
        bottom = picker["y"] + picker["height"]
        assert bottom <= limit, f"{person.key}: header and picker {bottom:.0f} px > {limit} px"
        assert messages["y"] >= bottom - 1  # the messages start below, nothing overlaps
        for element in (name, description):  # nothing cut off or hidden behind an ellipsis
            cut = await element.evaluate(
                "e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"
            )
            assert not cut, f"{person.key}: {await element.text_content()!r} is cut"
            box = await element.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    await expect(page.get_by_test_id("demo-notice")).to_be_visible()
    await _keep(page, tmp_path, "webchat-header.png")


async def test_attach_a_document_where_the_bot_asks_for_one(
    page: Page, served: BotApp, tmp_path: Path
) -> None:
    """A coordinator composing an announcement attaches the invitation from the page."""
    bot_says = page.get_by_test_id("message-bot")
    await page.get_by_test_id("person-picker").select_option("huyen")
    await type_and_send(page, "/thongbao")
    await option(page, broadcast_texts.KINDS["notice"]).click()
    await expect(bot_says.last).to_contain_text(broadcast_texts.ASK_TITLE.split("(")[0])
    await type_and_send(page, "Kế hoạch chuyển đổi số 2026")
    await type_and_send(page, "Gửi các đồng chí kế hoạch đính kèm.")
    await expect(bot_says.last).to_contain_text(broadcast_texts.ASK_FILE.split("?")[0])

    content = b"%PDF-1.4 giay moi\n" * 100
    files = page.get_by_test_id("file-input")
    await files.set_input_files(
        {"name": "Giấy mời.pdf", "mimeType": "application/pdf", "buffer": content}
    )
    saved = broadcast_texts.FILE_SAVED.format(name="Giấy mời.pdf")
    await expect(page.get_by_test_id("message-list")).to_contain_text(saved)
    mine = page.get_by_test_id("message-me").last.get_by_test_id("message-file")
    await expect(mine).to_contain_text("Giấy mời.pdf")
    await expect(page.get_by_test_id("attach-button")).to_be_enabled()
    async with served.sessions() as session:
        [stored] = list((await session.execute(select(AnnouncementFile))).scalars())
    assert (stored.filename, stored.kind, stored.content) == ("Giấy mời.pdf", "document", content)
    await mine.scroll_into_view_if_needed()
    await _keep(page, tmp_path, "webchat-attached.png")

    # A picture outside a question: shown in the person's bubble, and the bot answers.

    picture = await page.screenshot(clip={"x": 0, "y": 0, "width": 60, "height": 40})
    await files.set_input_files({"name": "anh.png", "mimeType": "image/png", "buffer": picture})
    image = page.get_by_test_id("message-me").last.get_by_test_id("message-image")
    await expect(image).to_be_visible()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == 60
    await expect(bot_says.last).to_contain_text(broadcast_texts.AUDIENCE_HEADER.split(".")[0])


async def test_a_zalo_style_person_types_numbers_instead_of_pressing(
    page: Page, served: BotApp
) -> None:
    """The "(kiểu Zalo)" person: numbered lists, no buttons, answers typed, files as links."""
    bot_says = page.get_by_test_id("message-bot")
    await page.get_by_test_id("person-picker").select_option("zalo")
    await expect(page.get_by_test_id("current-person")).to_have_text(demo_texts.PEOPLE["zalo"][0])
    await type_and_send(page, "/gopy")
    labels = list(feedback_texts.TOPICS.values())
    await expect(bot_says.last).to_contain_text(f"1. {labels[0]}")
    await expect(bot_says.last.get_by_test_id("option-button")).to_have_count(0)
    await type_and_send(page, "1")
    await expect(bot_says.last).to_contain_text(feedback_texts.ASK_TEXT.split("(")[0].strip())

    await served.channels["webchat"].send(
        "zalo", Outgoing(text="Danh sách", document=OutFile("danh-ba.xlsx", b"PK", "x/y"))
    )
    link = page.get_by_test_id("message-file-link").last
    await expect(link).to_have_text("📎 danh-ba.xlsx", timeout=15000)
    await expect(page.get_by_test_id("message-file")).to_have_count(0)
