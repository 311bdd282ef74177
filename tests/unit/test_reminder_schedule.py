"""When the reminders of a deadline go: offsets read, days off skipped (before the deadline
to the working day before, overdue to the working day after), two on one day kept once,
weekly while overdue, only the latest due."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from models.reminder_schedule import (
    Rules,
    latest_due,
    next_working_morning,
    parse_offsets,
    schedule,
)
from models.working_days import WorkCalendar

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
RULES = Rules((14, 7, 3, 1, 0, -1), 7, dt.time(8, 0), ZONE)
CALENDAR = WorkCalendar()


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZONE)


def test_offsets_are_read_largest_first_and_bad_ones_refused() -> None:
    assert parse_offsets("1, 14; 7,0 ,-1") == (14, 7, 1, 0, -1)
    assert parse_offsets("7, 7") == (7,)
    assert parse_offsets("ba ngày") is None
    assert parse_offsets("") is None
    assert parse_offsets("400") is None


def test_a_wednesday_deadline_has_one_reminder_a_day() -> None:
    due = dt.date(2026, 6, 17)  # a Wednesday, no holiday near
    assert schedule(due, RULES, CALENDAR, until=due + dt.timedelta(days=1)) == [
        (dt.date(2026, 6, 3), 14),
        (dt.date(2026, 6, 10), 7),
        (dt.date(2026, 6, 12), 3),  # Sunday 14/06 → Friday
        (dt.date(2026, 6, 16), 1),
        (dt.date(2026, 6, 17), 0),
        (dt.date(2026, 6, 18), -1),
    ]


def test_overdue_reminders_repeat_weekly_on_working_days() -> None:
    due = dt.date(2026, 8, 24)  # a Monday; 31/08 and 01–02/09 are days off
    days = schedule(due, RULES, CALENDAR, until=dt.date(2026, 9, 8))
    assert days[-3:] == [
        (dt.date(2026, 8, 25), -1),
        (dt.date(2026, 9, 3), -7),  # 31/08 off, then National Day: the Thursday after
        (dt.date(2026, 9, 7), -14),
    ]


def test_only_the_latest_due_counts_and_not_before_the_hour() -> None:
    due = dt.date(2026, 6, 17)
    assert latest_due(due, RULES, CALENDAR, now=at(dt.date(2026, 6, 2), 23)) is None
    assert latest_due(due, RULES, CALENDAR, now=at(dt.date(2026, 6, 3), 7, 59)) is None
    assert latest_due(due, RULES, CALENDAR, now=at(dt.date(2026, 6, 3), 8)) == 14
    assert latest_due(due, RULES, CALENDAR, now=at(dt.date(2026, 6, 15), 9)) == 3
    assert latest_due(due, RULES, CALENDAR, now=at(dt.date(2026, 7, 20), 9)) == -28


def test_an_admin_day_off_moves_a_reminder_and_later_skips_it() -> None:
    bridge = WorkCalendar([(dt.date(2026, 6, 16), "Nghỉ bù")])
    due = dt.date(2026, 6, 17)
    days = dict(schedule(due, RULES, bridge, until=due))
    assert dt.date(2026, 6, 16) not in days
    assert days[dt.date(2026, 6, 15)] == 1
    friday = at(dt.date(2026, 6, 19), 15)
    assert next_working_morning(friday, RULES, CALENDAR) == at(dt.date(2026, 6, 22), 8)
    monday = at(dt.date(2026, 6, 15), 15)
    assert next_working_morning(monday, RULES, bridge) == at(dt.date(2026, 6, 17), 8)
