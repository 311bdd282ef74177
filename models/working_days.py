"""Working days in Vietnam: weekends, public holidays and the days an admin adds.

Public holidays come from the `holidays` package's Vietnam calendar, which computes the
lunar ones (Tết Nguyên Đán, Giỗ Tổ Hùng Vương) and the observed days itself, so there is
no per-year list to keep up to date here. The government's yearly make-up days off
(announced a few months ahead) are added by an admin and passed in as `extra_days_off`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRY = "VN"
LANGUAGE = "vi"
WEEKEND = frozenset({5, 6})  # Saturday, Sunday
SEARCH_LIMIT = 60  # days: longer than any run of days off (Tết plus weekends)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    calendar = holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE)
    return dict(calendar.items())


class WorkCalendar:
    """Tells working days from days off, for one set of admin-added days off."""

    def __init__(self, extra_days_off: Iterable[tuple[date, str]] = ()) -> None:
        self.extra_days_off = dict(extra_days_off)

    def day_off_name(self, day: date) -> str | None:
        """Why `day` is not a working day (a holiday's name, "Thứ Bảy", …), or None."""
        if day in self.extra_days_off:
            return self.extra_days_off[day]
        name = _public_holidays(day.year).get(day)
        if name is not None:
            return name
        if day.weekday() in WEEKEND:
            return "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật"
        return None

    def is_working_day(self, day: date) -> bool:
        """Whether offices work on `day`."""
        return self.day_off_name(day) is None

    def on_or_before(self, day: date) -> date:
        """`day` itself if it is a working day, else the last working day before it."""
        for back in range(SEARCH_LIMIT):
            candidate = day - timedelta(days=back)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day in the {SEARCH_LIMIT} days up to {day}")

    def on_or_after(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        for ahead in range(SEARCH_LIMIT):
            candidate = day + timedelta(days=ahead)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day in the {SEARCH_LIMIT} days from {day}")

    def days_off_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """The days off from `start` to `end` inclusive, with their reasons."""
        found = []
        day = start
        while day <= end:
            name = self.day_off_name(day)
            if name is not None:
                found.append((day, name))
            day += timedelta(days=1)
        return found
