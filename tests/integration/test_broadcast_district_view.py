"""/tinhhinh for a district coordinator: the Sở's announcements as they reached his district
(figures and names of his district only), the breakdown down to communes, and one reminder
to those who have not answered, through the outbox, never twice."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlmodel import col

from bot.app import BotApp
from bot.buttons.actions import Report, ReportView
from bot.texts import broadcast as t
from models import options
from models.outbox import OutboxMessage
from tests.integration.composing import compose
from tests.integration.registering import grant
from tests.utils.broadcasting import deliver_all, inbox
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock
from tests.utils.population import Unit, seed_members

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

TITLE = "Tập huấn sử dụng VNeID"
PLEIKU_COMMUNE = "23557"  # Phường Yên Đỗ, Thành phố Pleiku
CHASE_KEY = "ann:1:chase"


async def _pleiku_members(app: BotApp, count: int = 4) -> None:
    await seed_members(
        app.sessions,
        count=count,
        chat_base=500,
        channel="webchat",
        units=[Unit("2024", PLEIKU_COMMUNE)],
        name="Người Pleiku",
    )


async def _so_sends(app: BotApp, chat: ChatDriver, **extra: object) -> None:
    await compose(chat, "so", **extra)  # type: ignore[arg-type]
    await chat.press("so", "Gửi ngay")
    await deliver_all(app)


async def _chased(app: BotApp) -> list[int]:
    async with app.sessions() as session:
        result = await session.execute(
            select(OutboxMessage.member_id)
            .where(col(OutboxMessage.dedupe_key) == CHASE_KEY)
            .order_by(col(OutboxMessage.member_id))
        )
        return list(result.scalars())


async def test_a_district_coordinator_sees_the_so_announcement_as_it_reached_him(
    app: BotApp, chat: ChatDriver
) -> None:
    await _pleiku_members(app)
    await _so_sends(app, chat)
    [for_xa] = await inbox(app, "xa")
    await chat.press_token("xa", for_xa.buttons["Tham gia"])

    await chat.send("huyen", "/tinhhinh")
    assert any(TITLE in label for label in chat.labels("huyen"))
    await chat.press("huyen", "#1")
    report = chat.text("huyen")
    assert "Người nhận: 3" in report  # xa, totruong, huyen — not the 4 in Pleiku (nor so)
    assert "👁 Đã xác nhận: 1/3" in report
    assert "Pleiku" not in report
    assert "• Huyện Ia Grai: 3 người" in report
    assert "◦ Xã Ia Sao: 2 người" in report  # down to communes
    assert "◦ Huyện Ia Grai (cấp huyện): 1 người" in report
    assert t.SEND_FIX not in chat.labels("huyen")  # only the author corrects

    await chat.press("huyen", "Ai chưa xác nhận")
    unacked = chat.text("huyen")
    assert "Chưa xác nhận (2 người)" in unacked
    assert "Người Pleiku" not in unacked

    await chat.press("huyen", "Làm mới")
    await chat.press("huyen", "XLSX")
    [sheet_message] = chat.last["huyen"]
    assert sheet_message.document is not None
    book = load_workbook(io.BytesIO(sheet_message.document.content))
    # Both sheets (attending; declined and not answered) hold only people of his district.
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert any("Phạm Thị Dung" in cell for cell in cells)
    assert not any("Pleiku" in cell for cell in cells)

    await chat.send("so", "/tinhhinh")
    await chat.press("so", "#1")
    assert "Người nhận: 9" in chat.text("so")  # the author sees everyone
    assert "• Thành phố Pleiku: 4 người" in chat.text("so")


async def test_figures_outside_the_district_stay_hidden_from_a_forged_button(
    app: BotApp, chat: ChatDriver
) -> None:
    await _pleiku_members(app)
    await _so_sends(app, chat, presses=["Huyện / xã", "Thành phố Pleiku", "Xong"])
    await chat.send("huyen", "/tinhhinh")
    assert chat.text("huyen") == t.LIST_EMPTY  # it never reached Ia Grai
    pleiku = await grant(app, "pleiku", role="coordinator", scope_code="622", name="Võ Văn Tú")
    assert pleiku.id is not None
    await chat.send("pleiku", "/tinhhinh")
    await chat.press("pleiku", "#1")
    assert "Người nhận: 4" in chat.text("pleiku")
    for view in (None, ReportView.XLSX, ReportView.REMIND):
        async with app.sessions() as session:
            token = await options.issue(
                session,
                channel="webchat",
                external_id="huyen",
                value=Report(1, view).encode(),
                label="#1",
                scope=None,
            )
            await session.commit()
        await chat.press_token("huyen", token)
        assert chat.text("huyen") == t.NOT_YOURS
        assert chat.last["huyen"][0].document is None
    assert await _chased(app) == []


async def test_one_reminder_to_those_who_have_not_answered(
    app: BotApp, chat: ChatDriver, clock: FakeClock
) -> None:
    await _pleiku_members(app, count=2)
    await _so_sends(app, chat)
    [for_xa] = await inbox(app, "xa")
    await chat.press_token("xa", for_xa.buttons["Tham gia"])
    await chat.send("huyen", "/tinhhinh")
    await chat.press("huyen", "#1")
    remind = chat.token("huyen", "Nhắc những người chưa trả lời")
    await chat.press_token("huyen", remind)
    assert "Đã xếp hàng nhắc 2 người" in chat.text("huyen")  # totruong and huyen
    await deliver_all(app)
    reminder = (await inbox(app, "totruong"))[-1]
    assert reminder.text.startswith("🔔 Nhắc lại")
    assert list(reminder.buttons) == ["Tham gia", "Không tham gia"]
    await chat.press_token("totruong", reminder.buttons["Tham gia"])
    assert f"sẽ tham gia “{TITLE}”" in chat.text("totruong")
    assert len(await inbox(app, "xa")) == 1  # xa had answered
    assert len(await _chased(app)) == 2

    await chat.press_token("huyen", remind)  # pressed again: huyen is still to answer
    assert "không gửi thêm" in chat.text("huyen")
    assert "1 người đã được nhắc trước đó" in chat.text("huyen")
    assert len(await _chased(app)) == 2

    # The Sở reminds the rest of the province, not Ia Grai again; in quiet hours it waits.
    clock.current = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 22:00 local
    await chat.send("so", "/tinhhinh")
    await chat.press("so", "#1")
    await chat.press("so", "Nhắc những người chưa trả lời")
    assert "Đã xếp hàng nhắc 4 người" in chat.text("so")  # admin, so and the two in Pleiku
    assert "1 người đã được nhắc trước đó" in chat.text("so")  # huyen; totruong answered
    assert "sẽ gửi lúc 06:30 ngày 03/03/2026" in chat.text("so")
    assert len(await _chased(app)) == 6
    async with app.sessions() as session:
        distinct = await session.execute(
            select(func.count(func.distinct(OutboxMessage.member_id))).where(
                col(OutboxMessage.dedupe_key) == CHASE_KEY
            )
        )
        assert distinct.scalar_one() == 6
