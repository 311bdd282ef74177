"""Reading a typed day (a deadline): dd/mm/yyyy and the other ways people write it."""

from __future__ import annotations

from datetime import date

import pytest

from models.datetimes import Problem, read_date

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30/06/2026", date(2026, 6, 30)),
        ("30/6/2026", date(2026, 6, 30)),
        (" 30 / 06 / 2026 ", date(2026, 6, 30)),
        ("30-06-2026", date(2026, 6, 30)),
        ("30.6.26", date(2026, 6, 30)),
        ("2026-06-30", date(2026, 6, 30)),
        ("ngày 30 tháng 6 năm 2026", date(2026, 6, 30)),
        ("30/6", date(2026, 6, 30)),
        ("1/3", date(2027, 3, 1)),  # no year: the next such day
        ("mai", date(2026, 3, 3)),
    ],
)
def test_days_people_type(text: str, day: date) -> None:
    assert read_date(text, today=TODAY) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/6/2026", "no_such_day"),
        ("29/2/2027", "not_leap"),
        ("30/13/2026", "no_such_month"),
        ("30/06/2026 8h", "unreadable"),  # a deadline is a day, not a moment
        ("cuối tháng", "unreadable"),
        ("", "unreadable"),
    ],
)
def test_what_is_not_a_day_says_why(text: str, code: str) -> None:
    found = read_date(text, today=TODAY)
    assert isinstance(found, Problem) and found.code == code


def test_without_today_a_year_is_needed() -> None:
    found = read_date("30/6", today=None)
    assert isinstance(found, Problem) and found.code == "missing_year"
    assert read_date("30/6/2026", today=None) == date(2026, 6, 30)
