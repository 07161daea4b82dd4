"""Week boundaries in the freelancer's time zone, across daylight-saving changes: property
tests over zones and instants."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from timesheets import calendar

ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",  # a half-hour DST shift
    "Pacific/Chatham",
    "Asia/Kolkata",
    "America/Havana",  # DST starts at midnight: that midnight does not exist
    "Pacific/Apia",
]
instants = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(instant=instants, zone=st.sampled_from(ZONES))
def test_every_instant_falls_in_the_week_whose_bounds_contain_it(instant, zone):
    monday = calendar.week_start(zone, instant)
    assert monday.weekday() == 0
    opens = calendar.start_of_day(monday, zone)
    closes = calendar.week_closes_at(monday, zone)
    assert opens <= instant < closes
    # The local day of the instant is one of that week's seven days.
    assert 0 <= (instant.astimezone(ZoneInfo(zone)).date() - monday).days <= 6


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 3), max_value=date(2037, 12, 1)),
    zone=st.sampled_from(ZONES),
)
def test_consecutive_weeks_meet_exactly_and_last_a_week_give_or_take_a_dst_shift(day, zone):
    monday = calendar.monday_of(day)
    closes = calendar.week_closes_at(monday, zone)
    assert closes == calendar.start_of_day(monday + timedelta(days=7), zone)
    length = closes - calendar.start_of_day(monday, zone)
    assert timedelta(hours=166) <= length <= timedelta(hours=170)
    # The instant the week closes belongs to the next week.
    assert calendar.week_start(zone, closes) == monday + timedelta(days=7)


def test_the_week_of_a_spring_change_in_berlin_is_an_hour_short():
    monday = date(2026, 3, 23)  # clocks go forward on Sunday 29 March
    opens = calendar.start_of_day(monday, "Europe/Berlin")
    closes = calendar.week_closes_at(monday, "Europe/Berlin")
    assert closes - opens == timedelta(hours=167)
    assert closes.astimezone(UTC) == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)


def test_a_sunday_evening_in_new_york_is_still_the_week_that_closes_on_monday_in_utc():
    sunday_night = datetime(2026, 12, 7, 3, 30, tzinfo=UTC)  # Sunday 22:30 in New York
    assert calendar.week_start("America/New_York", sunday_night) == date(2026, 11, 30)
    assert calendar.week_start("Europe/Berlin", sunday_night) == date(2026, 12, 7)
