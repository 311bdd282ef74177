"""The working-day calendar: weekends, Vietnamese public holidays (lunar ones computed),
and days off an admin adds."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from models.working_days import WorkCalendar

calendar = WorkCalendar()


def test_tet_2026_is_a_run_of_days_off() -> None:
    # Tết Bính Ngọ: 17/02/2026; the offices close from the eve (16/02) to 20/02.
    for day in range(16, 21):
        assert not calendar.is_working_day(date(2026, 2, day))
    assert calendar.is_working_day(date(2026, 2, 13))
    assert calendar.on_or_before(date(2026, 2, 18)) == date(2026, 2, 13)
    name = calendar.day_off_name(date(2026, 2, 17))
    assert name is not None and "Tết Nguyên Đán" in name


def test_tet_moves_with_the_lunar_calendar() -> None:
    assert not calendar.is_working_day(date(2027, 2, 8))  # Tết Đinh Mùi, mùng 3
    assert calendar.is_working_day(date(2027, 2, 17))  # a plain Wednesday in 2027
    assert calendar.is_working_day(date(2026, 2, 10))


def test_reunification_and_labour_day() -> None:
    assert calendar.on_or_before(date(2026, 5, 1)) == date(2026, 4, 29)
    assert calendar.on_or_before(date(2026, 5, 3)) == date(2026, 4, 29)
    assert calendar.day_off_name(date(2026, 5, 2)) == "Thứ Bảy"


def test_hung_kings_day_and_its_observed_day() -> None:
    # 10/3 âm lịch fell on Sunday 26/04/2026; Monday 27/04 is the day off in lieu.
    assert not calendar.is_working_day(date(2026, 4, 27))
    assert calendar.on_or_before(date(2026, 4, 27)) == date(2026, 4, 24)


def test_days_an_admin_adds_are_days_off() -> None:
    bridge = date(2026, 1, 2)  # a Friday after New Year's Day
    assert calendar.is_working_day(bridge)
    with_bridge = WorkCalendar([(bridge, "Nghỉ bù Tết Dương lịch")])
    assert with_bridge.day_off_name(bridge) == "Nghỉ bù Tết Dương lịch"
    assert with_bridge.on_or_before(date(2026, 1, 4)) == date(2025, 12, 31)


def test_days_off_between_lists_reasons() -> None:
    listed = calendar.days_off_between(date(2026, 4, 29), date(2026, 5, 4))
    assert [day for day, _ in listed] == [
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 5, 2),
        date(2026, 5, 3),
    ]


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)))
def test_on_or_before_is_the_latest_working_day_not_after(day: date) -> None:
    found = calendar.on_or_before(day)
    assert found <= day
    assert calendar.is_working_day(found)
    assert found.weekday() < 5
    between = found + timedelta(days=1)
    while between <= day:
        assert not calendar.is_working_day(between)
        between += timedelta(days=1)
