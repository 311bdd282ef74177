"""When the reminders of one deadline go: the days before it (or after it, when late) that
the offsets name, moved off weekends, public holidays and admin days off, at the reminder
hour in the configured zone. Pure functions: the job asks only for the latest one due, so
a process that was down sends one reminder per person and deadline, never a backlog.

An offset counts days before the deadline: 14, 7, 3, 1, the day itself (0), then days
overdue as negative numbers (-1), and every `overdue_every` days while it stays overdue.
A reminder before (or on) the deadline that falls on a day off goes on the working day
before; an overdue one goes on the working day after, so "quá hạn" is always true.
Nothing goes more than `OVERDUE_HORIZON` days after the deadline.

`next_day` tells the job the next day to look at a deadline again, which it stores on the
deadline (`next_remind_on`), so a run reads only the deadlines due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from models.working_days import WorkCalendar

DEFAULT_OFFSETS = (14, 7, 3, 1, 0, -1)
MAX_OFFSET = 366
OVERDUE_HORIZON = dt.timedelta(days=366)
"""No reminder (nor escalation) goes for a deadline more than this long past."""


@dataclass(frozen=True)
class Rules:
    """How reminders are timed: offsets (days before), the repeat while overdue (0: none),
    the local hour they go at and the zone."""

    offsets: tuple[int, ...]
    overdue_every: int
    hour: dt.time
    zone: ZoneInfo

    def with_offsets(self, offsets: Sequence[int] | None) -> Rules:
        """These rules with a task's own offsets, when it has some."""
        if not offsets:
            return self
        return Rules(tuple(offsets), self.overdue_every, self.hour, self.zone)

    @property
    def lookahead(self) -> int:
        """How many days before a deadline its first reminder may go (with days off)."""
        return max(max(self.offsets, default=0), 0) + 60

    def at(self, day: dt.date) -> dt.datetime:
        """The moment a reminder of `day` goes."""
        return dt.datetime.combine(day, self.hour, tzinfo=self.zone)


def parse_offsets(text: str) -> tuple[int, ...] | None:
    """Offsets written "14, 7, 3, 1, 0, -1" (days before; negative: overdue), largest first;
    None when they cannot be read."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not parts:
        return None
    found = set()
    for part in parts:
        try:
            value = int(part)
        except ValueError:
            return None
        if abs(value) > MAX_OFFSET:
            return None
        found.add(value)
    return tuple(sorted(found, reverse=True))


def show_offsets(offsets: Sequence[int]) -> str:
    """Offsets as written in the configuration and on the command line."""
    return ", ".join(str(value) for value in offsets)


def reminder_day(due: dt.date, offset: int, calendar: WorkCalendar) -> dt.date:
    """The working day the reminder `offset` days before `due` goes on."""
    day = due - dt.timedelta(days=offset)
    if offset >= 0:
        return calendar.on_or_before(day)
    return calendar.on_or_after(day)


def schedule(
    due: dt.date, rules: Rules, calendar: WorkCalendar, *, until: dt.date
) -> list[tuple[dt.date, int]]:
    """The (day, offset) of the reminders of a deadline that go on or before `until`, in
    the order they go; of two that fall on one day only the later offset is kept."""
    offsets = set(rules.offsets)
    late_most = -min((o for o in offsets if o < 0), default=0)
    if rules.overdue_every > 0 and until > due:
        every = rules.overdue_every
        last = ((until - due).days // every) * every
        for days in (last - every, last):
            if days > late_most:
                offsets.add(-days)
    by_day: dict[dt.date, int] = {}
    for offset in offsets:
        day = reminder_day(due, offset, calendar)
        if day <= until and (day not in by_day or offset < by_day[day]):
            by_day[day] = offset
    return sorted(by_day.items())


def latest_due(
    due: dt.date, rules: Rules, calendar: WorkCalendar, *, now: dt.datetime
) -> int | None:
    """The offset of the latest reminder of a deadline whose moment has come, if any."""
    today = now.astimezone(rules.zone).date()
    if today - due > OVERDUE_HORIZON:
        return None
    passed = [
        offset
        for day, offset in schedule(due, rules, calendar, until=today)
        if rules.at(day) <= now
    ]
    return passed[-1] if passed else None


def last_passed_day(now: dt.datetime, rules: Rules) -> dt.date:
    """The last day whose reminder moment has come by `now`: today from the reminder hour
    on, yesterday before it."""
    today = now.astimezone(rules.zone).date()
    return today if now >= rules.at(today) else today - dt.timedelta(days=1)


def next_day(
    due: dt.date, rules: Rules, calendar: WorkCalendar, *, after: dt.date
) -> dt.date | None:
    """The first day after `after` a reminder of the deadline goes on (None: no more)."""
    found = [
        day
        for day in (reminder_day(due, offset, calendar) for offset in rules.offsets)
        if day > after
    ]
    every = rules.overdue_every
    if every > 0:
        late_most = -min((o for o in rules.offsets if o < 0), default=0)
        days = max(((after - due).days // every - 1) * every, 0)
        while True:
            days += every
            if days <= late_most:
                continue
            day = calendar.on_or_after(due + dt.timedelta(days=days))
            if day > after:
                found.append(day)
                break
    first = min(found, default=None)
    if first is None or first - due > OVERDUE_HORIZON:
        return None
    return first


def next_working_morning(now: dt.datetime, rules: Rules, calendar: WorkCalendar) -> dt.datetime:
    """The reminder hour of the first working day after today ("Nhắc lại sau")."""
    today = now.astimezone(rules.zone).date()
    return rules.at(calendar.on_or_after(today + dt.timedelta(days=1)))
