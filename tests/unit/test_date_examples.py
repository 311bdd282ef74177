"""Date examples shown in prompts are always ones the bot would accept today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from models.announcement_rules import parse_when
from rendering.date_examples import short_example, when_example

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MOMENTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


def test_the_example_is_next_week_at_eight_local_time() -> None:
    assert when_example(datetime(2026, 3, 2, 2, 0, tzinfo=UTC), ZONE) == "09/03/2026 08:00"
    # 20:30 UTC on the 2nd is already 03:30 on the 3rd in Gia Lai.
    assert when_example(datetime(2026, 3, 2, 20, 30, tzinfo=UTC), ZONE) == "10/03/2026 08:00"
    assert when_example(datetime(2027, 12, 28, 2, 0, tzinfo=UTC), ZONE) == "04/01/2028 08:00"


def test_a_send_time_example_is_the_eve_of_the_event_or_the_next_hour() -> None:
    now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 local
    event = datetime(2026, 3, 10, 8, 0, tzinfo=ZONE)
    assert when_example(now, ZONE, before=event) == "09/03/2026 07:00"
    today = datetime(2026, 3, 2, 15, 0, tzinfo=ZONE)
    assert when_example(now, ZONE, before=today) == "02/03/2026 10:00"


def test_the_short_example_is_the_same_moment_without_the_year() -> None:
    now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 local
    assert short_example(now, ZONE) == "9/3 8h"
    event = datetime(2026, 3, 2, 15, 0, tzinfo=ZONE)
    assert short_example(now, ZONE, before=event) == "2/3 10h"


@given(MOMENTS)
def test_the_short_example_reads_as_the_full_one(now: datetime) -> None:
    full = parse_when(when_example(now, ZONE), ZONE)
    assert full is not None and parse_when(short_example(now, ZONE), ZONE, now) == full


@given(MOMENTS)
def test_the_example_is_always_accepted(now: datetime) -> None:
    moment = parse_when(when_example(now, ZONE), ZONE)
    assert moment is not None and now < moment <= now + timedelta(days=8)


@given(MOMENTS, st.integers(min_value=2 * 60, max_value=60 * 24 * 60))
def test_a_send_time_example_falls_between_now_and_the_event(now: datetime, minutes: int) -> None:
    event = now + timedelta(minutes=minutes)
    moment = parse_when(when_example(now, ZONE, before=event), ZONE)
    assert moment is not None and now < moment < event
