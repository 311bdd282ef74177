"""Reading a date and time as people in Vietnam type them ("10/12 8h", "8h30 10/12/2026",
"2026-12-10 08:00", "10/12 lúc 8 giờ tối"), or the reason it cannot be a moment.

Pure functions: the caller gives the zone and the current moment (for dates without a year
and for "mai"); the reason codes are turned into sentences by the text catalog.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from models.text_keys import strip_accents

PROBLEM_CODES = (
    "unreadable", "missing_time", "missing_date", "missing_year", "no_such_day", "not_leap",
    "no_such_month", "no_such_time", "weekday_mismatch", "year_out_of_range",
)  # fmt: skip
FIRST_YEAR, LAST_YEAR = 2000, 2099

# Python's weekday() numbering (Monday 0) by what people type, accents folded.
_WEEKDAYS = {
    "hai": 0, "2": 0, "ba": 1, "3": 1, "tu": 2, "4": 2, "nam": 3, "5": 3,
    "sau": 4, "6": 4, "bay": 5, "7": 5, "chu nhat": 6, "cn": 6,
}  # fmt: skip
_RELATIVE_DAYS = {"hom nay": 0, "ngay mai": 1, "mai": 1, "ngay kia": 2, "ngay mot": 2}
_EDGE = r"(?<![\d/.:-])"
_END = r"(?![\d/.:-])"
_ISO = re.compile(_EDGE + r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _END)
_DMY = re.compile(_EDGE + r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?" + _END)
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam\s+|[,/]\s*)(\d{4}))?(?!\d)")
_WEEKDAY = re.compile(r"\b(?:thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|t([2-7])|(chu\s+nhat|cn))\b")
_RELATIVE = re.compile(r"\b(hom nay|ngay mai|ngay kia|ngay mot|mai)\b")
_TIME = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*"
    r"(?::\s*(\d{2})(?::\d{2})?|(?:gio|h|g)(?:\s*(\d{1,2})(?!\d))?|(?=\s*(?:sang|trua|chieu|toi|dem)\b))"
    r"\s*(?:phut|p|')?\s*(sang|trua|chieu|toi|dem|am|pm)?(?![\w/.-])"
)
_FILLER = re.compile(r"\b(?:luc|vao|hoi|khoang|ngay|gio)\b|[,;\-–]")


@dataclass(frozen=True)
class Problem:
    """Why a text is not a moment: `code` (one of PROBLEM_CODES) and the numbers read."""

    code: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    hour: int | None = None
    minute: int | None = None
    limit: int | None = None  # the last day of the month, for "no_such_day"
    weekday: int | None = None  # the date's real weekday (Monday 0), for "weekday_mismatch"
    typed_weekday: int | None = None


@dataclass(frozen=True)
class _Date:
    day: int
    month: int
    year: int | None


def _fold(text: str) -> str:
    folded = strip_accents(text).lower().replace("\u00a0", " ")
    folded = re.sub(r"(\d)t(\d)", r"\1 \2", folded)  # 2026-12-10T08:00
    return " ".join(folded.split()).rstrip(".!")


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def _full_year(raw: str | None) -> int | None:
    if raw is None:
        return None
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _find_date(text: str) -> tuple[_Date | None, int | None, str]:
    """The typed date (or days from today), and the text without it."""
    for pattern, order in ((_ISO, "ymd"), (_WORDS, "dm"), (_DMY, "dmy")):
        match = pattern.search(text)
        if match is None:
            continue
        if order == "ymd":
            year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
            return _Date(day, month, year), None, _cut(text, match)
        if order == "dm":
            found = _Date(int(match.group(1)), int(match.group(2)), _full_year(match.group(3)))
            return found, None, _cut(text, match)
        found = _Date(int(match.group(1)), int(match.group(3)), _full_year(match.group(4)))
        return found, None, _cut(text, match)
    relative = _RELATIVE.search(text)
    if relative is not None:
        return None, _RELATIVE_DAYS[relative.group(1)], _cut(text, relative)
    return None, None, text


def _find_weekday(text: str) -> tuple[int | None, str]:
    match = _WEEKDAY.search(text)
    if match is None:
        return None, text
    word = match.group(1) or match.group(2) or "cn"
    return _WEEKDAYS[" ".join(word.split())], _cut(text, match)


def _hour_of_day(hour: int, period: str | None) -> int:
    """The 24-hour hour for "8 giờ tối", "2 giờ chiều", "11 pm"."""
    if period in ("chieu", "toi", "pm") and 1 <= hour < 12:
        return hour + 12
    if period == "trua" and 1 <= hour <= 4:
        return hour + 12
    if period == "dem" and 7 <= hour < 12:
        return hour + 12
    if period in ("am", "dem", "sang") and hour == 12:
        return 0
    return hour


def _find_time(text: str) -> tuple[tuple[int, int] | None, str]:
    match = _TIME.search(text)
    if match is None:
        return None, text
    hour = int(match.group(1))
    minute = int(match.group(2) or match.group(3) or 0)
    if hour <= 23:
        hour = _hour_of_day(hour, match.group(4))
    return (hour, minute), _cut(text, match)


def _month_days(month: int, year: int | None) -> int:
    """Days in a month; February has 29 when the year is not known."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def _date_problem(found: _Date) -> Problem | None:
    day, month, year = found.day, found.month, found.year
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return Problem("year_out_of_range", day=day, month=month, year=year)
    if not 1 <= month <= 12:
        return Problem("no_such_month", day=day, month=month, year=year)
    if day == 29 and month == 2 and year is not None and not calendar.isleap(year):
        return Problem("not_leap", day=day, month=month, year=year)
    limit = _month_days(month, year)
    if not 1 <= day <= limit:
        return Problem("no_such_day", day=day, month=month, year=year, limit=limit)
    return None


def _next_date(day: int, month: int, today: date) -> date:
    """The first day/month on or after today (29/02 waits for a leap year)."""
    year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
    while day > _month_days(month, year):
        year += 1
    return date(year, month, day)


def read_moment(text: str, *, zone: ZoneInfo, now: datetime | None) -> datetime | Problem:
    """The moment a person typed (local time of `zone`), or the Problem saying why not.

    A date without a year is the next such date from `now`'s local day; without `now`
    (no clock at hand) a year is required.
    """
    rest = _fold(text)
    typed_weekday, rest = _find_weekday(rest)
    found, days_ahead, rest = _find_date(rest)
    clock, rest = _find_time(rest)
    if _FILLER.sub(" ", rest).strip():
        return Problem("unreadable")
    if found is None and days_ahead is None:
        if clock is None:
            return Problem("unreadable")
        return Problem("missing_date", hour=clock[0], minute=clock[1])
    if found is None and days_ahead is not None:
        if now is None:
            return Problem("unreadable")
        ahead = now.astimezone(zone).date() + timedelta(days=days_ahead)
        found = _Date(ahead.day, ahead.month, ahead.year)
    if found is not None:
        problem = _date_problem(found)
        if problem is not None:
            return problem
    assert found is not None
    if clock is None:
        return Problem("missing_time", day=found.day, month=found.month, year=found.year)
    hour, minute = clock
    if hour > 23 or minute > 59:
        return Problem("no_such_time", hour=hour, minute=minute)
    if found.year is None and now is None:
        return Problem("missing_year", day=found.day, month=found.month)
    if found.year is None:
        assert now is not None
        day = _next_date(found.day, found.month, now.astimezone(zone).date())
    else:
        day = date(found.year, found.month, found.day)
    if typed_weekday is not None and typed_weekday != day.weekday():
        return Problem(
            "weekday_mismatch",
            day=day.day,
            month=day.month,
            year=day.year,
            weekday=day.weekday(),
            typed_weekday=typed_weekday,
        )
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def read_date(text: str, *, today: date | None) -> date | Problem:
    """The day a person typed ("30/6/2026", "30-06-2026", "2026-06-30", "ngày 30 tháng 6
    năm 2026", "30/6", "mai"), or the Problem saying why not.

    A date without a year is the next such day from `today`; without `today` a year is
    required. A time of day makes it unreadable (a deadline is a day).
    """
    rest = re.sub(r"(\d)\s*([/.-])\s*(?=\d)", r"\1\2", _fold(text))
    found, days_ahead, rest = _find_date(rest)
    if _FILLER.sub(" ", rest).strip():
        return Problem("unreadable")
    if found is None:
        if days_ahead is None or today is None:
            return Problem("unreadable")
        return today + timedelta(days=days_ahead)
    problem = _date_problem(found)
    if problem is not None:
        return problem
    if found.year is None:
        if today is None:
            return Problem("missing_year", day=found.day, month=found.month)
        return _next_date(found.day, found.month, today)
    return date(found.year, found.month, found.day)
