"""Weeks in a time zone: Monday 00:00 to the next Monday 00:00, local time.

The boundaries are computed from local dates, never by adding 168 hours to an instant, so a
week that contains a daylight-saving change is 167 or 169 hours long and still ends at
midnight between Sunday and Monday where the freelancer lives.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def is_known_zone(name: str) -> bool:
    return name in _zones()


def _zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones())
    return _ZONES


_ZONES: frozenset[str] | None = None


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(_zones())]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_today(zone_name: str, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone(zone_name)).date()


def week_start(zone_name: str, now: datetime | None = None) -> date:
    """The Monday of the week `now` falls in, in that zone."""
    return monday_of(local_today(zone_name, now))


def start_of_day(day: date, zone_name: str) -> datetime:
    """Midnight at the start of `day` in the zone, as an instant in UTC. (A zone that skips
    midnight on a DST day starts the day at the first instant that exists.)

    UTC, not the zone: Python subtracts two datetimes of one zone by their wall clocks, so a
    week in local time would always seem to last 168 hours."""
    local = datetime.combine(day, time.min, tzinfo=zone(zone_name))
    return local.astimezone(UTC)


def week_closes_at(monday: date, zone_name: str) -> datetime:
    """The instant the week starting `monday` ends: the next Monday's local midnight."""
    return start_of_day(monday + timedelta(days=7), zone_name)
