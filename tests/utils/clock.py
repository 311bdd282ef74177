"""Clocks for tests: a fake one moved by hand, and a running one for child processes.

The whole suite starts its clocks at one moment, 09:00 in Gia Lai on 02/03/2026 by default.
Set `MANGLUOI_TEST_NOW` (or pass `--now`) to an ISO 8601 moment with its UTC offset,
e.g. `MANGLUOI_TEST_NOW=2026-12-02T23:30:00+07:00`, to run every test at another hour.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

TEST_NOW_ENV = "MANGLUOI_TEST_NOW"
DEFAULT_START = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Gia Lai, a Monday
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # the bot's configured zone in every test


def parse_moment(text: str) -> datetime:
    """Read an ISO 8601 moment that names its offset (`2026-12-02T23:30:00+07:00`), as UTC."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{text!r} has no UTC offset (write e.g. 2026-12-02T23:30:00+07:00)")
    return moment.astimezone(UTC)


def suite_start() -> datetime:
    """The moment every test clock starts at: `MANGLUOI_TEST_NOW` if set, else the default."""
    text = os.environ.get(TEST_NOW_ENV, "").strip()
    if not text:
        return DEFAULT_START
    try:
        return parse_moment(text)
    except ValueError as error:
        raise ValueError(f"{TEST_NOW_ENV}: {error}") from None


def local_at(moment: datetime, *, hour: int, minute: int = 0, days: int = 0) -> datetime:
    """`hour:minute` in Gia Lai on the local day of `moment` (plus `days`), as UTC."""
    day = moment.astimezone(ZONE).date() + timedelta(days=days)
    return datetime.combine(day, clock_time(hour, minute), tzinfo=ZONE).astimezone(UTC)


def shown(moment: datetime) -> str:
    """A moment as people read it in the bot's answers: `dd/mm/yyyy hh:mm` in Gia Lai."""
    return moment.astimezone(ZONE).strftime("%d/%m/%Y %H:%M")


class FakeClock:
    """Returns a fixed aware UTC time until moved."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or suite_start()

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward (`advance(hours=2)`)."""
        self.current += timedelta(**delta)
        return self.current


class RunningClock:
    """Starts at a given moment and runs on at real speed (for processes a test starts)."""

    def __init__(self, start: datetime) -> None:
        self.start = start.astimezone(UTC)
        self._began = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._began)
