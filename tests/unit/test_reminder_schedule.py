"""When the reminders of a deadline go: offsets read, days off skipped (before the deadline
to the working day before, overdue to the working day after), two on one day kept once,
weekly while overdue, only the latest due."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from models.reminder_schedule import (
    OVERDUE_HORIZON,
    Rules,
    last_passed_day,
    latest_due,
    next_day,
    next_working_morning,
    parse_offsets,
    reminder_day,
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


def _every_day(due: dt.date, rules: Rules, calendar: WorkCalendar) -> list[dt.date]:
    """Every day a reminder of the deadline goes on, counted one by one."""
    days = {reminder_day(due, offset, calendar) for offset in rules.offsets}
    late_most = -min((o for o in rules.offsets if o < 0), default=0)
    if rules.overdue_every:
        for late in range(rules.overdue_every, OVERDUE_HORIZON.days + 1, rules.overdue_every):
            if late > late_most:
                days.add(calendar.on_or_after(due + dt.timedelta(days=late)))
    return sorted(day for day in days if day - due <= OVERDUE_HORIZON)


@settings(max_examples=60, deadline=None)
@given(
    due=st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    offsets=st.sets(st.integers(-30, 60), min_size=1, max_size=6),
    every=st.sampled_from([0, 1, 7, 14]),
    shift=st.integers(-90, 400),
)
def test_the_next_day_is_the_first_reminder_day_after_the_one_given(
    due: dt.date, offsets: set[int], every: int, shift: int
) -> None:
    rules = Rules(tuple(sorted(offsets, reverse=True)), every, dt.time(8, 0), ZONE)
    after = due + dt.timedelta(days=shift)
    expected = next((day for day in _every_day(due, rules, CALENDAR) if day > after), None)
    found = next_day(due, rules, CALENDAR, after=after)
    assert found == expected
    if found is not None:  # and on that day, at the reminder hour, a reminder is due
        assert found in dict(schedule(due, rules, CALENDAR, until=found))
        assert latest_due(due, rules, CALENDAR, now=at(found, 8)) is not None


def test_nothing_goes_past_the_overdue_horizon() -> None:
    due = dt.date(2026, 6, 17)
    last = next_day(due, RULES, CALENDAR, after=due + OVERDUE_HORIZON - dt.timedelta(days=8))
    assert last is not None and last - due <= OVERDUE_HORIZON
    assert next_day(due, RULES, CALENDAR, after=last) is None
    assert latest_due(due, RULES, CALENDAR, now=at(last, 9)) is not None
    assert (
        latest_due(due, RULES, CALENDAR, now=at(due + OVERDUE_HORIZON, 9) + dt.timedelta(days=1))
        is None
    )


def test_the_last_passed_day_turns_at_the_reminder_hour() -> None:
    day = dt.date(2026, 6, 17)
    assert last_passed_day(at(day, 7, 59), RULES) == day - dt.timedelta(days=1)
    assert last_passed_day(at(day, 8, 0), RULES) == day
    assert last_passed_day(at(day, 23, 59), RULES) == day
