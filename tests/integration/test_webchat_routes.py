"""The web chat's page and API, mounted on the web server by the web chat channel."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot import demo
from bot.app import BotApp
from bot.events import OutFile, Outgoing
from bot.texts import feedback as ft
from tests.conftest import make_config
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day


@pytest.fixture
async def served(db_url: str, clock: FakeClock) -> AsyncIterator[BotApp]:
    """The bot with the web chat and its web server on a free port."""
    app = BotApp(make_config(db_url), seed_demo=True, clock=clock)
    await app.start()
    yield app
    await app.stop()


async def test_the_page_and_its_api_are_served(served: BotApp) -> None:
    base = f"http://127.0.0.1:{served.web_port}"
    async with httpx.AsyncClient(base_url=base) as http:
        assert (await http.get("/", follow_redirects=False)).headers["location"] == "/chat/"
        page = await http.get("/chat/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        people = (await http.get("/chat/api/people")).json()["people"]
        assert "khach" in [p["key"] for p in people]
        # The page offers exactly the people the demo seeds, in the same order.
        assert [(p["key"], p["name"]) for p in people] == [(d.key, d.name) for d in demo.PEOPLE]
        assert (await http.post("/chat/api/send", content=b"{")).status_code == 400
        nobody = await http.post("/chat/api/send", json={"person": "ai-do", "text": "/start"})
        assert nobody.status_code == 400
        sent = await http.post("/chat/api/send", json={"person": "khach", "text": "/start"})
        mine, answer = sent.json()["messages"]
        assert (mine["from"], mine["text"], answer["from"]) == ("me", "/start", "bot")
        assert "/dangky" in answer["text"]
        polled = await http.get("/chat/api/messages", params={"person": "khach", "after": "0"})
        assert [m["id"] for m in polled.json()["messages"]] == [mine["id"], answer["id"]]

        webchat = served.channels["webchat"]
        await webchat.send(
            "khach", Outgoing(text="Tệp", document=OutFile("ke hoach.xlsx", b"PK", "x/y"))
        )
        after = {"person": "khach", "after": str(answer["id"])}
        [pushed] = (await http.get("/chat/api/messages", params=after)).json()["messages"]
        download = await http.get(pushed["file"]["url"])
        assert download.content == b"PK" and download.headers["content-type"] == "x/y"
        assert "ke%20hoach.xlsx" in download.headers["content-disposition"]
        assert (await http.get(f"/chat/api/files/{answer['id']}/file")).status_code == 404


async def test_a_zalo_style_person_answers_numbered_lists_by_typing(served: BotApp) -> None:
    """The "(kiểu Zalo)" demo person sees no buttons: options are numbered under the text
    and a typed number or label answers; a file comes as a download link."""
    base = f"http://127.0.0.1:{served.web_port}"
    async with httpx.AsyncClient(base_url=base) as http:
        people = (await http.get("/chat/api/people")).json()["people"]
        [zalo] = [p for p in people if p["key"] == "zalo"]
        assert "(kiểu Zalo)" in zalo["name"]

        async def say(text: str) -> dict[str, object]:
            sent = await http.post("/chat/api/send", json={"person": "zalo", "text": text})
            return sent.json()["messages"][-1]

        topics = await say("/gopy")
        assert topics["options"] == [] and topics["style"] == "zalo"
        labels = list(ft.TOPICS.values())
        assert f"1. {labels[0]}" in str(topics["text"])
        assert f"2. {labels[1]}" in str(topics["text"])
        asked = await say("1")
        assert ft.ASK_TEXT.split("(")[0].strip() in str(asked["text"])
        thanked = await say("Ứng dụng chạy chậm khi mở danh sách")
        assert ft.THANKS in str(thanked["text"])

        again = await say("/gopy")
        assert f"2. {labels[1]}" in str(again["text"])
        by_label = await say(labels[1])
        assert ft.ASK_TEXT.split("(")[0].strip() in str(by_label["text"])

        webchat = served.channels["webchat"]
        assert webchat.shows_buttons("xa") and not webchat.shows_buttons("zalo")
        await webchat.send(
            "zalo", Outgoing(text="Danh sách", document=OutFile("danh-ba.xlsx", b"PK", "x/y"))
        )
        polled = await http.get("/chat/api/messages", params={"person": "zalo", "after": "0"})
        pushed = polled.json()["messages"][-1]
        assert pushed["style"] == "zalo" and pushed["file"]["name"] == "danh-ba.xlsx"
        assert (await http.get(pushed["file"]["url"])).content == b"PK"
