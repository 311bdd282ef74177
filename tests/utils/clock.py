"""A clock tests can move."""

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Returns a fixed aware UTC time until moved."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 3, 2, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward (`advance(hours=2)`)."""
        self.current += timedelta(**delta)
        return self.current
