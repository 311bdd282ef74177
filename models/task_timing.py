"""Timing phrases as provincial plans print them ("Quý II/2024", "Hằng năm", "Sau khi có văn
bản của Trung ương"…), read into a kind and the dates they imply. Pure: no database.

What cannot be read is never guessed: it becomes `NEEDS_DATE` with the reason kept, and an
admin sets the date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

MIN_YEAR = 2000
MAX_YEAR = 2100
DEFAULT_YEARLY_DAY = (15, 12)  # (day, month): the yearly report the province collects
OPEN_YEARLY_AHEAD = 1  # "Hằng năm" without an end: this year's deadline and the next one

ONCE = ""  # the period of a one-off deadline; yearly deadlines use the year ("2025")


class TimingKind(StrEnum):
    """What a timing phrase says about deadlines."""

    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    YEARLY = "yearly"
    CONTINUOUS = "continuous"
    OPEN = "open"
    NEEDS_DATE = "needs_date"


class Problem(StrEnum):
    """Why a timing needs a date from an admin."""

    EMPTY = "empty"
    UNREADABLE = "unreadable"
    BAD_DATE = "bad_date"


@dataclass(frozen=True)
class Timing:
    """A timing phrase as printed and what it means."""

    text: str
    kind: TimingKind
    due: date | None = None  # DATE, MONTH, QUARTER: the last day
    first_year: int | None = None  # YEAR: the year; YEARLY: the span's start, if printed
    last_year: int | None = None  # YEARLY: the span's end, if printed
    day: int | None = None  # YEARLY: a day printed with it ("Hằng năm, trước 15/11")
    month: int | None = None
    problem: Problem | None = None
    detail: str | None = None  # the fragment that could not be read

    @property
    def has_deadlines(self) -> bool:
        """Whether the phrase itself gives deadlines (without an admin)."""
        return self.kind in (
            TimingKind.DATE,
            TimingKind.MONTH,
            TimingKind.QUARTER,
            TimingKind.YEAR,
            TimingKind.YEARLY,
        )


_OPEN_STARTS = (
    "sau khi",
    "khi co",
    "khi duoc",
    "theo yeu cau",
    "theo chi dao",
    "theo huong dan",
    "theo lo trinh",
    "theo tien do",
    "theo ke hoach cua",
)
_YEARLY_WORDS = ("hang nam", "moi nam", "dinh ky nam", "tung nam")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/?\s*\d)")
_QUARTER = re.compile(
    r"quy\s+((?:iv|i{1,3}|[1-4])(?:\s*(?:,|-|va)\s*(?:iv|i{1,3}|[1-4]))*)\s*(?:/|nam)\s*(\d{4})"
)
_QUARTER_NUMERAL = re.compile(r"iv|i{1,3}|[1-4]")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_HALF = re.compile(r"6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")
_SPAN = re.compile(r"(?<!\d)(\d{4})\s*(?:-|den|toi)\s*(?:nam\s+)?(\d{4})(?!\d)")
_ONWARD = re.compile(r"(?<!\d)(\d{4})\s*(?:tro di|va cac nam tiep theo|va nhung nam tiep theo)")
_FROM_YEAR = re.compile(r"tu\s+nam\s+(\d{4})")
_YEAR = re.compile(r"(?<![\d/])(\d{4})(?![\d/])")


def plain(text: str) -> str:
    """Lower case without accents (đ → d), dashes unified, spaces collapsed; keeps / - . ,"""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    chars = []
    for char in decomposed:
        if unicodedata.combining(char):
            continue
        if char == "đ":
            char = "d"
        elif char in "–—−‒":
            char = "-"
        elif not (char.isalnum() or char in "/-.,"):
            char = " "
        chars.append(char)
    return " ".join("".join(chars).split())


def _valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _bad(text: str, detail: str) -> Timing:
    return Timing(text, TimingKind.NEEDS_DATE, problem=Problem.BAD_DATE, detail=detail)


def _full_date(text: str, found: re.Match[str]) -> Timing:
    day, month, year = (int(part) for part in found.groups())
    try:
        due = date(year, month, day)
    except ValueError:
        return _bad(text, found.group(0))
    if not _valid_year(year):
        return _bad(text, found.group(0))
    return Timing(text, TimingKind.DATE, due=due)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(text: str, found: re.Match[str]) -> Timing:
    numerals = _QUARTER_NUMERAL.findall(found.group(1))
    last = numerals[-1]
    quarter = _ROMAN.get(last) or int(last)
    year = int(found.group(2))
    if not _valid_year(year):
        return _bad(text, found.group(0))
    return Timing(text, TimingKind.QUARTER, due=_month_end(year, quarter * 3))


def _month(text: str, found: re.Match[str]) -> Timing:
    month, year = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or not _valid_year(year):
        return _bad(text, found.group(0))
    return Timing(text, TimingKind.MONTH, due=_month_end(year, month))


def _yearly(text: str, key: str) -> Timing:
    first = last = None
    span = _SPAN.search(key)
    onward = _ONWARD.search(key) or _FROM_YEAR.search(key)
    if span:
        first, last = int(span.group(1)), int(span.group(2))
        if not (_valid_year(first) and _valid_year(last) and first <= last):
            return _bad(text, span.group(0))
    elif onward:
        first = int(onward.group(1))
        if not _valid_year(first):
            return _bad(text, onward.group(0))
    day = month = None
    printed = _DAY_MONTH.search(key)
    if printed:
        day, month = int(printed.group(1)), int(printed.group(2))
        if not valid_day(day, month):
            return _bad(text, printed.group(0))
    return Timing(text, TimingKind.YEARLY, first_year=first, last_year=last, day=day, month=month)


def valid_day(day: int, month: int) -> bool:
    """Whether a day and month exist in some year (29/02 does)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def parse(text: str | None) -> Timing:
    """Read a timing phrase; the printed text is kept as it was (whitespace tidied)."""
    shown = " ".join((text or "").split())
    key = plain(shown)
    if not key.strip(" .,-/"):
        return Timing(shown, TimingKind.NEEDS_DATE, problem=Problem.EMPTY)
    if key.startswith(_OPEN_STARTS) or "khi co yeu cau" in key:
        return Timing(shown, TimingKind.OPEN)
    yearly = any(word in key for word in _YEARLY_WORDS)
    if not yearly and (found := _FULL_DATE.search(key)):
        return _full_date(shown, list(_FULL_DATE.finditer(key))[-1])
    if found := _QUARTER.search(key):
        return _quarter(shown, found)
    if found := _MONTH.search(key):
        return _month(shown, found)
    if found := _HALF.search(key):
        year = int(found.group(2))
        if not _valid_year(year):
            return _bad(shown, found.group(0))
        return Timing(
            shown, TimingKind.MONTH, due=_month_end(year, 6 if found[1] == "dau" else 12)
        )
    if yearly or _SPAN.search(key) or _ONWARD.search(key) or _FROM_YEAR.search(key):
        return _yearly(shown, key)
    if key.startswith(("thuong xuyen", "lien tuc")):
        return Timing(shown, TimingKind.CONTINUOUS)
    years = _YEAR.findall(key)
    if len(years) == 1 and not re.search(r"\d", _YEAR.sub("", key)):
        year = int(years[0])
        if not _valid_year(year):
            return _bad(shown, years[0])
        return Timing(shown, TimingKind.YEAR, first_year=year)
    return Timing(shown, TimingKind.NEEDS_DATE, problem=Problem.UNREADABLE)


def _on(year: int, day_month: tuple[int, int]) -> date:
    day, month = day_month
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def yearly_day_of(
    timing: Timing, *, override: tuple[int, int] | None, default: tuple[int, int]
) -> tuple[int, int]:
    """The (day, month) of a yearly deadline: the task's own, the printed one, or the default."""
    if override is not None:
        return override
    if timing.day is not None and timing.month is not None:
        return (timing.day, timing.month)
    return default


def deadlines(
    timing: Timing,
    *,
    today: date,
    default_day: tuple[int, int] = DEFAULT_YEARLY_DAY,
    override: tuple[int, int] | None = None,
) -> list[tuple[str, date]]:
    """The deadlines a timing gives, as (period, due date): one for a date, month, quarter or
    year; for yearly timings each year of the span (or this year and the next) still to come."""
    if timing.due is not None:
        return [(ONCE, timing.due)]
    day_month = yearly_day_of(timing, override=override, default=default_day)
    if timing.kind == TimingKind.YEAR and timing.first_year is not None:
        return [(ONCE, _on(timing.first_year, day_month))]
    if timing.kind != TimingKind.YEARLY:
        return []
    first = max(timing.first_year or today.year, today.year)
    last = timing.last_year if timing.last_year is not None else today.year + OPEN_YEARLY_AHEAD
    found = [(str(year), _on(year, day_month)) for year in range(first, last + 1)]
    return [(period, due) for period, due in found if due >= today]


def parse_day_month(text: str) -> tuple[int, int] | None:
    """Read "15/12" as (15, 12); None if it is not a day that exists."""
    found = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*", text)
    if not found:
        return None
    day, month = int(found.group(1)), int(found.group(2))
    return (day, month) if valid_day(day, month) else None


def parse_date(text: str) -> date | None:
    """Read "30/06/2025" (dd/mm/yyyy); None if it is not a real date."""
    found = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*", text)
    if not found:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day) if _valid_year(year) else None
    except ValueError:
        return None
