"""/chitieu in the chat: a commune coordinator sees only their commune, attendance confirmed
from /tinhhinh changes the training figure (by button and by typed number), the XLSX opens
with the right numbers and prints on A4, the chart is a PNG of the expected size, and an
admin imports village totals by sending a file."""

from __future__ import annotations

import io
import struct

import pytest
from openpyxl import load_workbook

from bot.app import BotApp
from bot.events import Attachment, FetchedFile, Incoming, Kind
from bot.texts import targets as t
from models import villages
from models.scopes import PROVINCE
from rendering.targets import chart
from tests.integration.registering import grant, member_of
from tests.integration.targets_population import IA_SAO, IA_YOK, Population, build
from tests.utils.chat import ChatDriver
from tests.utils.clock import FakeClock

pytestmark = pytest.mark.pinned_clock  # figures and dates counted for the default day

OTHER_COMMUNES = (
    "Yên Đỗ",
    "Ia Yok",
    "Pleiku",
    "Rmah Yok Một",
    "Làng Dơk",
    "Tổ dân phố 5",
    "Sở Nội vụ",
    "Đỗ Thị Nội Vụ",
    "Lê Thị Huyện",
    "Lê Văn Cường",
)


async def _populate(app: BotApp, clock: FakeClock) -> Population:
    admin = await member_of(app, "admin")
    assert admin is not None and admin.id is not None
    return await build(app.sessions, now=clock(), author=admin.id)


def _everything(chat: ChatDriver, person: str) -> str:
    said = []
    for message in chat.transcript.get(person, []):
        said.append(message.text)
        said.extend(option.label for option in message.options)
    return "\n".join(said)


async def _all_pages(chat: ChatDriver, person: str, button: str) -> None:
    await chat.press(person, button)
    while t.MORE in chat.labels(person):
        await chat.press(person, t.MORE)


def _cells(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


async def test_a_commune_coordinator_sees_only_their_commune(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    await grant(app, "xa", role="coordinator", scope_code=IA_SAO)
    await _populate(app, clock)
    await chat.send("xa", "/chitieu")
    overview = chat.text("xa")
    assert "Xã Ia Sao, Huyện Ia Grai" in overview
    # Ia Sao's active members: Phạm Thị Dung, Rơ Châm Hiếu (demo), Sao 1, Sao 2; Sao 1 trained.
    assert "1/4 thành viên" in overview
    assert "• UBND xã, phường, thị trấn: 1/1 (100%)" in overview
    assert "2/10 thôn có Tổ CNSCĐ (20%)" in overview
    for button in (t.BUTTON_FOCAL, t.BUTTON_TRAINING, t.BUTTON_TEAMS):
        await _all_pages(chat, "xa", button)
        await chat.press("xa", t.OVERVIEW)
    await chat.press("xa", t.BUTTON_PRESENCE)
    await chat.press("xa", "Tập huấn nền tảng số")
    sheet = "\n".join(chat.labels("xa"))
    assert "Phan Văn Sao Một" in sheet and "Ksor Sao Hai" in sheet
    await chat.press("xa", t.PRESENCE_TO_LIST)
    await chat.press("xa", t.OVERVIEW)
    await chat.press("xa", t.BUTTON_XLSX)
    document = chat.last["xa"][0].document
    assert document is not None and document.filename == "chi-tieu-xa-23767-20260302.xlsx"
    cells = _cells(document.content)
    assert "Xã Ia Sao" in cells

    said = _everything(chat, "xa")
    leaked = [name for name in OTHER_COMMUNES if name in said or name in cells]
    assert leaked == []


async def test_confirmed_attendance_changes_the_training_figure(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    await _populate(app, clock)
    await chat.send("admin", "/chitieu")
    # Active: 5 demo people + Nội vụ, Ia Grai, Sao 1, Sao 2, Yok 1, Yên Đỗ; trained: the three
    # who answered "Tham gia" to the training held yesterday.
    assert "3/11 thành viên" in chat.text("admin")

    await chat.send("admin", "/tinhhinh")
    await chat.press("admin", "Tập huấn sắp tới")
    assert t.BUTTON_PRESENCE not in chat.labels("admin")  # it has not started yet
    await chat.send("admin", "/tinhhinh")
    await chat.press("admin", "Tập huấn nền tảng số")
    await chat.press("admin", t.BUTTON_PRESENCE)
    assert t.PRESENCE_FROM_ANSWERS in chat.text("admin")
    assert "Có mặt: 3/5 người" in chat.text("admin")

    await chat.press("admin", "Phan Văn Sao Một")  # answered yes, did not come
    assert "Đã ghi Phan Văn Sao Một: vắng." in chat.text("admin")
    for name in ("Ksor Sao Hai", "Rmah Yok Một"):  # came without answering yes: typed numbers
        labels = chat.last["admin"][-1].options
        number = next(o.number for o in labels if name in o.label)
        await chat.send("admin", str(number))
        assert f"Đã ghi {name}: có mặt." in chat.text("admin")
    assert "Có mặt: 4/5 người" in chat.text("admin")
    assert "Đã xác nhận 5/5 người" in chat.text("admin")
    assert "Nguyễn Văn An" in chat.text("admin")  # who confirmed

    await chat.send("admin", "/chitieu")
    assert "4/11 thành viên" in chat.text("admin")


async def test_the_spreadsheet_opens_with_the_right_numbers(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    await _populate(app, clock)
    await chat.send("admin", "/chitieu")
    await chat.press("admin", t.BUTTON_XLSX)
    document = chat.last["admin"][0].document
    assert document is not None and document.filename == "chi-tieu-toan-tinh-20260302.xlsx"
    book = load_workbook(io.BytesIO(document.content))
    assert book.sheetnames == [t.SHEET_SUMMARY, t.SHEET_FOCAL, t.SHEET_TRAINING, t.SHEET_TEAMS]
    summary = book[t.SHEET_SUMMARY]
    title = str(summary["A1"].value)
    assert "tổng hợp" in title and "Toàn tỉnh" in title and "02/03/2026" in title
    rows = [row for row in summary.iter_rows(min_row=4, values_only=True)]
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("Đầu mối — Sở, ban, ngành", 2, 31, 6.5),  # Nội vụ, TT&TT (the demo Sở people)
        ("Đầu mối — UBND huyện, thị xã, thành phố", 1, 17, 5.9),
        ("Đầu mối — UBND xã, phường, thị trấn", 2, 218, 0.9),  # Ia Sao, Yên Đỗ
        ("Thành viên đã tập huấn năm 2026", 3, 11, 27.3),
        ("Thôn, làng, tổ dân phố có Tổ CNSCĐ", 3, 18, 16.7),
    ]
    teams = {row[2]: row[3:] for row in book[t.SHEET_TEAMS].iter_rows(min_row=4, values_only=True)}
    assert teams["Xã Ia Sao"] == (2, 10, 20.0)
    assert teams["Xã Ia Yok"] == (1, 8, 12.5)
    assert teams["Phường Yên Đỗ"] == (1, t.UNKNOWN_TOTAL, None)
    focal = list(book[t.SHEET_FOCAL].iter_rows(min_row=4, values_only=True))
    assert len(focal) == 31 + 17 + 218
    assert sum(1 for row in focal if row[5] == t.HAS_FOCAL[True]) == 5
    for sheet in book.worksheets:
        assert sheet.page_setup.paperSize == 9  # A4 in OOXML
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$3:$3"
        assert t.PLAN in str(sheet["A1"].value)

    await chat.send("huyen", "/chitieu")
    await chat.press("huyen", t.BUTTON_XLSX)
    district = chat.last["huyen"][0].document
    assert district is not None and district.filename == "chi-tieu-huyen-628-20260302.xlsx"


def _png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


async def test_the_chart_is_a_png_of_the_expected_size(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    await _populate(app, clock)
    await chat.send("huyen", "/chitieu")
    await chat.press("huyen", t.BUTTON_CHART)
    image = chat.last["huyen"][0].image
    assert image is not None and image.mime_type == "image/png"
    assert image.filename == "chi-tieu-huyen-628-20260302.png"
    assert _png_size(image.content) == chart.SIZE == (1200, 1800)


async def test_an_admin_imports_village_totals_by_sending_a_file(
    chat: ChatDriver, app: BotApp, clock: FakeClock
) -> None:
    content = "Mã hoặc tên xã;Số thôn\n23764;7\nXã Ia Khai;9\nXã Không Có;4\n23768;mười\n"
    channel = app.channels["webchat"]

    async def fetch_file(attachment: Attachment, *, max_bytes: int) -> FetchedFile:
        return FetchedFile(content.encode(), filename="so-thon.csv", mime_type="text/csv")

    channel.fetchable_kinds = frozenset({Kind.PHOTO, Kind.DOCUMENT})
    channel.fetch_file = fetch_file  # type: ignore[method-assign]

    await chat.send("huyen", "/chitieu")
    assert t.BUTTON_VILLAGES not in chat.labels("huyen")  # admins only
    await chat.send("admin", "/chitieu")
    await chat.press("admin", t.BUTTON_VILLAGES)
    assert "CSV hoặc Excel" in chat.text("admin")
    await chat.send("admin", "12")
    assert t.VILLAGES_NOT_A_FILE in chat.text("admin")
    document = Attachment(kind=Kind.DOCUMENT, file_id="f1", filename="so-thon.csv")
    event = Incoming(
        channel="webchat",
        external_id="admin",
        chat_id="admin",
        kind=Kind.DOCUMENT,
        attachment=document,
    )
    await chat._run(event)
    report = chat.text("admin")
    assert "Đã nhập số thôn cho 2 xã." in report
    assert "2 dòng không nhập được" in report
    assert "Dòng 4" in report and t.ROW_PROBLEMS["unknown_commune"] in report
    assert "Dòng 5" in report and t.ROW_PROBLEMS["bad_number"] in report
    async with app.sessions() as session:
        stored = await villages.counts(session, catalog="2024", scope=PROVINCE)
    assert stored == {"23764": 7, "23773": 9}
    assert IA_YOK not in stored
