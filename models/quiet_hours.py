"""Quiet hours: the local hours in which messages that are not urgent wait."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def is_quiet(moment: datetime, *, zone: ZoneInfo, start: time, end: time) -> bool:
    """Tell whether an aware moment falls in the quiet hours (which may span midnight)."""
    if start == end:
        return False
    local = moment.astimezone(zone).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_ends(moment: datetime, *, zone: ZoneInfo, start: time, end: time) -> datetime:
    """When the quiet hours around `moment` end (the moment itself if it is not quiet)."""
    if not is_quiet(moment, zone=zone, start=start, end=end):
        return moment
    local = moment.astimezone(zone)
    candidate = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate.astimezone(moment.tzinfo)


def goes_out_at(
    moment: datetime, *, zone: ZoneInfo, start: time, end: time, through_quiet_hours: bool
) -> datetime:
    """When a message due at `moment` really goes: then, or at the end of the quiet hours
    around it if quiet hours hold it."""
    if through_quiet_hours:
        return moment
    return quiet_ends(moment, zone=zone, start=start, end=end)
