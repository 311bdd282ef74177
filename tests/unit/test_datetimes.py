"""Reading an event's date and time as people type it, and saying why one is impossible."""

from __future__ import annotations

import calendar
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.texts import broadcast as t
from models.announcement_rules import parse_when
from models.datetimes import PROBLEM_CODES, Problem, read_moment

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# 02/03/2026 09:00 in Gia Lai (the tests' FakeClock start).
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def _read(text: str, now: datetime | None = NOW) -> datetime | Problem:
    return read_moment(text, zone=ZONE, now=now)


@pytest.mark.parametrize(
    "text",
    [
        "10/12 8h",
        "10/12/2026 8:00",
        "10-12-2026 08:00",
        "2026-12-10 8h",
        "10/12 lúc 8 giờ",
        "08:00 10/12/2026",
        "10.12.2026 8h",
        "10/12/2026, 8h00",
        "ngày 10/12/2026 lúc 8h",
        "10 tháng 12 năm 2026 8 giờ",
        "10/12/26 8h",
        "thứ Năm 10/12/2026 8h",
        "T5, 10/12 8h",
        "2026-12-10T08:00",
        "10/12/2026 8 giờ sáng.",
        "  10/12   8H  ",
    ],
)
def test_the_ways_people_write_eight_o_clock_on_the_tenth_of_december(text: str) -> None:
    assert _read(text) == datetime(2026, 12, 10, 8, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8h30 10/12", (2026, 12, 10, 8, 30)),
        ("10/12/2026 8g30", (2026, 12, 10, 8, 30)),
        ("10/12 8 giờ 30 phút", (2026, 12, 10, 8, 30)),
        ("10/12 2 giờ chiều", (2026, 12, 10, 14, 0)),
        ("10/12 7h30 tối", (2026, 12, 10, 19, 30)),
        ("10/12 12h trưa", (2026, 12, 10, 12, 0)),
        ("10/12 14h", (2026, 12, 10, 14, 0)),
        ("mai 8h", (2026, 3, 3, 8, 0)),
        ("hôm nay 15h", (2026, 3, 2, 15, 0)),
        ("１０/１２ ８h", (2026, 12, 10, 8, 0)),  # full-width digits of some keyboards
    ],
)
def test_more_times_of_day_and_relative_days(text: str, expected: tuple[int, ...]) -> None:
    assert _read(text) == datetime(*expected, tzinfo=ZONE)


def test_a_date_without_year_is_the_next_such_date_from_the_clock() -> None:
    assert _read("1/3 8h") == datetime(2027, 3, 1, 8, 0, tzinfo=ZONE)  # yesterday: next year
    assert _read("2/3 8h") == datetime(2026, 3, 2, 8, 0, tzinfo=ZONE)  # today stays today
    assert _read("29/02 8h") == datetime(2028, 2, 29, 8, 0, tzinfo=ZONE)  # next leap year
    later = datetime(2030, 12, 31, 16, 30, tzinfo=UTC)  # already 01/01/2031 in Gia Lai
    assert _read("10/12 8h", later) == datetime(2031, 12, 10, 8, 0, tzinfo=ZONE)
    assert _read("1/1 8h", later) == datetime(2031, 1, 1, 8, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("text", "code", "sentence"),
    [
        ("31/02 8h", "no_such_day", "không có ngày 31/02, tháng 2 chỉ có 28 hoặc 29 ngày"),
        ("31/04/2026 8h", "no_such_day", "không có ngày 31/04/2026, tháng 4 chỉ có 30 ngày"),
        ("29/02/2027 8h", "not_leap", "năm 2027 không phải năm nhuận"),
        ("10/13 8h", "no_such_month", "tháng 13 không có"),
        ("10/12 25:00", "no_such_time", "giờ 25:00 không có"),
        ("10/12 8:75", "no_such_time", "giờ 08:75 không có"),
        ("10/12/2026", "missing_time", "thiếu giờ (mới có ngày 10/12/2026)"),
        ("ngày mai", "missing_time", "thiếu giờ (mới có ngày 03/03/2026)"),
        ("8h30", "missing_date", "thiếu ngày (mới có giờ 08:30)"),
        ("thứ Sáu 10/12/2026 8h", "weekday_mismatch", "là thứ Năm, không phải thứ Sáu"),
        ("10/12/1926 8h", "year_out_of_range", "năm 1926"),
        ("hội trường UBND", "unreadable", "chưa đọc được thời gian “hội trường UBND”."),
        ("10/12 8h hội trường", "unreadable", "chưa đọc được"),
    ],
)
def test_impossible_dates_say_why(text: str, code: str, sentence: str) -> None:
    problem = _read(text)
    assert isinstance(problem, Problem) and problem.code == code
    assert sentence in t.explain_when(problem.code, asdict(problem), text=text)


def test_without_a_clock_a_year_is_needed() -> None:
    problem = _read("10/12 8h", None)
    assert isinstance(problem, Problem) and problem.code == "missing_year"
    assert "thiếu năm" in t.explain_when(problem.code, asdict(problem), text="10/12 8h")
    assert _read("10/12/2026 8h", None) == datetime(2026, 12, 10, 8, tzinfo=ZONE)
    assert parse_when("10/12 8h", ZONE) is None
    assert parse_when("10/12 8h", ZONE, NOW) == datetime(2026, 12, 10, 8, tzinfo=ZONE)


def test_every_reason_has_a_polite_sentence() -> None:
    assert set(t.WHEN_PROBLEMS) | {"unreadable"} == set(PROBLEM_CODES)
    for sentence in (*t.WHEN_PROBLEMS.values(), t.WHEN_REFUSED, t.WHEN_AGAIN):
        words = sentence.casefold().split()
        assert "bạn" not in words and "mình" not in words


_DATE_FORMATS = (
    "{d}/{m}/{y}",
    "{d:02d}/{m:02d}/{y}",
    "{d}-{m}-{y}",
    "{d}.{m}.{y}",
    "{y}-{m:02d}-{d:02d}",
)
_TIME_FORMATS = (
    "{h}h{mi:02d}",
    "{h}:{mi:02d}",
    "{h:02d}:{mi:02d}",
    "{h}g{mi:02d}",
    "{h} giờ {mi}",
)
_JOINERS = (" ", ", ", " lúc ", "  ")

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59))


@settings(max_examples=300, deadline=None)
@given(
    moment=moments,
    date_format=st.sampled_from(_DATE_FORMATS),
    time_format=st.sampled_from(_TIME_FORMATS),
    joiner=st.sampled_from(_JOINERS),
    time_first=st.booleans(),
)
def test_any_moment_written_any_way_reads_back(
    moment: datetime, date_format: str, time_format: str, joiner: str, time_first: bool
) -> None:
    day = date_format.format(d=moment.day, m=moment.month, y=moment.year)
    clock = time_format.format(h=moment.hour, mi=moment.minute)
    text = f"{clock}{joiner}{day}" if time_first else f"{day}{joiner}{clock}"
    expected = moment.replace(second=0, microsecond=0, tzinfo=ZONE)
    assert _read(text, None) == expected


@settings(max_examples=300, deadline=None)
@given(
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)),
    month=st.integers(1, 12),
    day=st.integers(1, 31),
    hour=st.integers(0, 23),
)
def test_a_date_without_year_is_the_first_one_on_or_after_today(
    today: date, month: int, day: int, hour: int
) -> None:
    now = datetime(today.year, today.month, today.day, 12, tzinfo=ZONE).astimezone(UTC)
    found = _read(f"{day}/{month} {hour}h", now)
    if day > calendar.monthrange(2000, month)[1]:
        assert isinstance(found, Problem) and found.code == "no_such_day"
        return
    assert isinstance(found, datetime)
    assert (found.day, found.month, found.hour) == (day, month, hour)
    assert found.date() >= today
    # No earlier year would do: that same date a year (or, for 29/02, a leap cycle) sooner
    # is before today.
    earlier = [y for y in range(today.year, found.year) if day <= calendar.monthrange(y, month)[1]]
    assert not [y for y in earlier if date(y, month, day) >= today]
    assert found.date() - today < timedelta(days=366 * 8)


@settings(max_examples=200, deadline=None)
@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    hour=st.integers(24, 99),
    minute=st.integers(0, 99),
)
def test_hours_past_23_are_refused_by_name(day: int, month: int, hour: int, minute: int) -> None:
    problem = _read(f"{day}/{month}/2026 {hour}:{minute:02d}")
    assert isinstance(problem, Problem) and problem.code == "no_such_time"
    assert (problem.hour, problem.minute) == (hour, minute)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789/.-:hg lúcgiờ,thángnămT"), max_size=30))
def test_any_text_is_a_moment_or_a_known_reason(text: str) -> None:
    found = _read(text)
    assert isinstance(found, datetime) or found.code in PROBLEM_CODES
    if isinstance(found, Problem):
        t.explain_when(found.code, asdict(found), text=text)  # every reason can be said


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    found = _read(text)
    assert isinstance(found, datetime | Problem)
