"""Pure rules of broadcasting: quiet hours, reading dates, what members read."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.events import OutFile
from bot.texts import broadcast as t
from models.announcement_rules import parse_when
from models.announcements import AnnouncementFile
from models.quiet_hours import goes_out_at, is_quiet, quiet_ends
from models.scopes import NOTHING, PROVINCE, Scope
from rendering import announcements as message
from rendering.sending import soon

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = time(21, 0), time(6, 30)


def _at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ZONE).astimezone(UTC)


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"),
    [(20, 59, False), (21, 0, True), (23, 30, True), (0, 0, True), (6, 29, True), (6, 30, False)],
)
def test_quiet_hours_span_midnight(hour: int, minute: int, quiet: bool) -> None:
    assert is_quiet(_at(hour, minute), zone=ZONE, start=START, end=END) is quiet


def test_quiet_hours_within_a_day_and_none() -> None:
    assert is_quiet(_at(13), zone=ZONE, start=time(12), end=time(14))
    assert not is_quiet(_at(15), zone=ZONE, start=time(12), end=time(14))
    assert not is_quiet(_at(3), zone=ZONE, start=time(0), end=time(0))


def test_quiet_hours_end_next_morning() -> None:
    assert quiet_ends(_at(22), zone=ZONE, start=START, end=END) == _at(6, 30, day=3)
    assert quiet_ends(_at(5), zone=ZONE, start=START, end=END) == _at(6, 30)
    assert quiet_ends(_at(12), zone=ZONE, start=START, end=END) == _at(12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2026 08:00", (2026, 3, 15, 8, 0)),
        ("5/3/2026 14h30", (2026, 3, 5, 14, 30)),
        ("05-03-2026 7:05", (2026, 3, 5, 7, 5)),
        ("15.03.2026 lúc 08:00", (2026, 3, 15, 8, 0)),
    ],
)
def test_dates_people_write(text: str, expected: tuple[int, ...]) -> None:
    assert parse_when(text, ZONE) == datetime(*expected, tzinfo=ZONE)


@pytest.mark.parametrize("text", ["", "mai", "31/02/2026 08:00", "15/03/2026", "15/03/2026 25:00"])
def test_dates_that_cannot_be_read(text: str) -> None:
    assert parse_when(text, ZONE) is None


def _content(**changes: object) -> message.Content:
    base = {
        "id": 12,
        "kind": "training",
        "title": "Tập huấn VNeID",
        "body": "Kính mời tham dự.",
        "event_at_text": "15/03/2026 08:00",
        "place": "Hội trường",
        "rsvp": True,
        "author": "Lê Văn Cường",
    }
    return message.Content(**{**base, **changes})  # type: ignore[arg-type]


def test_what_members_read() -> None:
    text = message.text(_content())
    assert text.split("\n") == [
        "🎓 TẬP HUẤN: Tập huấn VNeID",
        "",
        "Kính mời tham dự.",
        "",
        "🕘 Thời gian: 15/03/2026 08:00",
        "📍 Địa điểm: Hội trường",
        "",
        "— Người gửi: Lê Văn Cường",
        t.ASK_ATTEND,
    ]
    [reply] = message.replies(_content(), None)
    assert [(o.label, o.value) for o in reply.options] == [
        ("Đã nhận", "ack:12"),
        ("Tham gia", "rsvp:12:yes"),
        ("Không tham gia", "rsvp:12:no"),
    ]
    [notice] = message.replies(_content(kind="notice", rsvp=False, event_at_text=None), None)
    assert notice.text.startswith("📢 THÔNG BÁO: ")
    assert [o.value for o in notice.options] == ["ack:12"]


def test_a_file_goes_first_when_the_text_is_too_long_for_a_caption() -> None:
    photo = AnnouncementFile(kind="photo", filename="a.jpg", mime_type="image/jpeg", content=b"1")
    [short] = message.replies(_content(), photo)
    assert short.image == OutFile("a.jpg", b"1", "image/jpeg") and short.options
    first, second = message.replies(_content(body="x" * 2000), photo)
    assert first.image is not None and not first.options
    assert first.text == "🎓 TẬP HUẤN: Tập huấn VNeID (tệp đính kèm)"
    assert second.image is None and second.text.startswith("🎓 TẬP HUẤN")
    pdf = AnnouncementFile(
        kind="document", filename="k.pdf", mime_type="application/pdf", content=b"2"
    )
    [with_pdf] = message.replies(_content(), pdf)
    assert with_pdf.document is not None and with_pdf.image is None


def test_when_a_held_message_really_goes() -> None:
    rules = {"zone": ZONE, "start": START, "end": END}
    assert goes_out_at(_at(5, 6), through_quiet_hours=False, **rules) == _at(6, 30)
    assert goes_out_at(_at(5, 6), through_quiet_hours=True, **rules) == _at(5, 6)
    assert goes_out_at(_at(22), through_quiet_hours=False, **rules) == _at(6, 30, day=3)
    assert goes_out_at(_at(12), through_quiet_hours=False, **rules) == _at(12)


def test_a_coming_time_shows_its_date_only_when_not_today() -> None:
    assert soon(_at(6, 30), ZONE, now=_at(5, 6)) == "06:30"
    assert soon(_at(6, 30, day=3), ZONE, now=_at(22)) == "06:30 ngày 03/03/2026"


def test_a_wider_scope_is_above_a_narrower_one() -> None:
    district = Scope("2024", frozenset({"628", "23767", "23768"}))
    commune = Scope("2024", frozenset({"23767"}))
    other = Scope("2024", frozenset({"622", "23557"}))
    assert PROVINCE.wider_than(district) and district.wider_than(commune)
    assert not district.wider_than(district) and not commune.wider_than(district)
    assert not district.wider_than(other) and not district.wider_than(PROVINCE)
    assert not PROVINCE.wider_than(PROVINCE) and not district.wider_than(NOTHING)
