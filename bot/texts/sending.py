"""Texts about when a queued message goes (quiet hours)."""

TIME_ON_DAY = "{time} ngày {date}"
