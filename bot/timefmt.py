"""Dates and times as people in Vietnam read and write them (dd/mm/yyyy, local zone)."""

from datetime import datetime
from zoneinfo import ZoneInfo

DATE = "%d/%m/%Y"
DATE_TIME = "%d/%m/%Y %H:%M"
TIME = "%H:%M"


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    """Convert an aware UTC moment to the local zone."""
    return moment.astimezone(zone)


def show(moment: datetime, zone: ZoneInfo) -> str:
    """Format a moment as `dd/mm/yyyy hh:mm` local time."""
    return local(moment, zone).strftime(DATE_TIME)


def show_date(moment: datetime, zone: ZoneInfo) -> str:
    """Format a moment's local date as `dd/mm/yyyy`."""
    return local(moment, zone).strftime(DATE)


def show_time(moment: datetime, zone: ZoneInfo) -> str:
    """Format a moment as `hh:mm` local time."""
    return local(moment, zone).strftime(TIME)


def same_day(moment: datetime, other: datetime, zone: ZoneInfo) -> bool:
    """Tell whether two moments fall on the same local date."""
    return local(moment, zone).date() == local(other, zone).date()
