"""Logging time: the freelancer's entries on the current week's timesheet.

An entry is a day of the current week (Monday to Sunday in the contract's time zone, up to
today), a number of hours in quarter-hour steps, and what was done. The week's total never
passes its weekly limit: the week row is locked while an entry is added or changed, so two
entries sent at once cannot pass it together. Entries change only while their week is open.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from messaging.models import Side
from money.formatting import format_money
from timesheets import calendar
from timesheets.exceptions import HourlyRefused
from timesheets.locks import lock_contract, lock_week
from timesheets.models import (
    HOURS_STEP,
    MAX_ENTRY_HOURS,
    Contract,
    ContractState,
    TimeEntry,
    Week,
    WeekState,
)


def check_hours(hours: Decimal) -> None:
    """Hours are more than zero, at most a day, in quarter-hour steps."""
    if hours <= 0 or hours > MAX_ENTRY_HOURS:
        raise HourlyRefused(
            f"Give between {HOURS_STEP} and {MAX_ENTRY_HOURS} hours.", code="invalid"
        )
    if hours % HOURS_STEP:
        raise HourlyRefused(
            f"Give hours in steps of a quarter hour ({HOURS_STEP}).", code="invalid"
        )


def why_no_time(contract: Contract, now=None) -> str | None:
    """Why the freelancer cannot log time now, or None if they can."""
    if not contract.is_started:
        return "Both sides must agree the terms before time is logged."
    if contract.state == ContractState.ENDED:
        return "This contract has ended: no more time is logged."
    if contract.state == ContractState.PAUSED:
        return "This contract is paused: resume it to log time."
    if not contract.has_card:
        return "The client has not saved a card yet: please do not start work until they do."
    if contract.weeks.filter(state=WeekState.CHARGE_FAILED).exists():
        return "A week's payment failed: new time waits until the client has paid it."
    return None


_REASON_CODES = {
    "Both sides": "no_terms",
    "This contract has ended": "contract_ended",
    "This contract is paused": "contract_paused",
    "The client has not": "no_card",
    "A week's payment": "payment_failed",
}


def _refuse_if_no_time(contract: Contract) -> None:
    if reason := why_no_time(contract):
        code = next(c for start, c in _REASON_CODES.items() if reason.startswith(start))
        raise HourlyRefused(reason, code=code)


def current_week(contract: Contract, now=None) -> Week:
    """The week `now` falls in, created with the terms then in force (inside the caller's
    transaction, with the contract locked)."""
    monday = calendar.week_start(contract.time_zone, now)
    week = Week.objects.filter(contract=contract, starts_on=monday).first()
    if week is not None:
        return week
    terms = contract.terms_for(monday)
    if terms is None:
        raise HourlyRefused("No terms are in force this week.", code="no_terms")
    return Week.objects.create(
        contract=contract,
        starts_on=monday,
        closes_at=calendar.week_closes_at(monday, contract.time_zone),
        hourly_rate=terms.hourly_rate,
        weekly_limit=terms.weekly_limit,
        currency=contract.currency,
    )


def log_time(*, contract: Contract, by, day: date, hours: Decimal, description: str) -> TimeEntry:
    check_hours(hours)
    with transaction.atomic():
        locked = lock_contract(contract.pk)
        _check_freelancer(locked, by)
        _refuse_if_no_time(locked)
        now = timezone.now()
        week = lock_week(current_week(locked, now).pk)
        _check_day(week, day, now)
        _check_limits(week, day, hours)
        entry = TimeEntry.objects.create(
            week=week, date=day, hours=hours, description=description.strip()
        )
        _recount(week)
    return entry


def edit_entry(*, entry: TimeEntry, by, day: date, hours: Decimal, description: str) -> TimeEntry:
    check_hours(hours)
    with transaction.atomic():
        locked_contract = lock_contract(entry.week.contract_id)
        _check_freelancer(locked_contract, by)
        week = lock_week(entry.week_id)
        now = timezone.now()
        _check_open(week, now)
        _check_day(week, day, now)
        locked = TimeEntry.objects.select_for_update().get(pk=entry.pk)
        _check_limits(week, day, hours, replacing=locked)
        locked.date, locked.hours, locked.description = day, hours, description.strip()
        locked.save()
        _recount(week)
    return locked


def delete_entry(*, entry: TimeEntry, by) -> None:
    with transaction.atomic():
        locked_contract = lock_contract(entry.week.contract_id)
        _check_freelancer(locked_contract, by)
        week = lock_week(entry.week_id)
        _check_open(week, timezone.now())
        TimeEntry.objects.filter(pk=entry.pk).delete()
        _recount(week)


def _check_freelancer(contract: Contract, user) -> None:
    side = contract.engagement.side_of(user)
    if side is None:
        raise HourlyRefused(
            "Only the freelancer of this engagement logs its time.", code="not_participant"
        )
    if side != Side.FREELANCER:
        raise HourlyRefused("Only the freelancer logs time.", code="wrong_side")


def _check_open(week: Week, now) -> None:
    if not week.is_open_for_time(now):
        raise HourlyRefused(
            f"The {week.title.lower()} is closed: its entries no longer change.",
            code="week_closed",
        )


def _check_day(week: Week, day: date, now) -> None:
    today = calendar.local_today(week.contract.time_zone, now)
    if not week.starts_on <= day <= week.ends_on:
        raise HourlyRefused(
            f"Give a day of this week: {week.starts_on:%A %d %B} to {week.ends_on:%A %d %B}.",
            code="invalid",
        )
    if day > today:
        raise HourlyRefused("Time is logged for today or earlier days.", code="invalid")


def _check_limits(week: Week, day: date, hours: Decimal, *, replacing: TimeEntry | None = None):
    others = week.entries.all()
    if replacing is not None:
        others = others.exclude(pk=replacing.pk)
    week_total = others.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if week_total + hours > week.weekly_limit:
        left = week.weekly_limit - week_total
        raise HourlyRefused(
            f"The weekly limit is {week.weekly_limit} hours; {left} are left this week.",
            code="over_limit",
        )
    day_total = others.filter(date=day).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    if day_total + hours > MAX_ENTRY_HOURS:
        raise HourlyRefused(
            f"A day has {MAX_ENTRY_HOURS} hours; {MAX_ENTRY_HOURS - day_total} are left on "
            f"{day:%A}.",
            code="invalid",
        )


def _recount(week: Week) -> None:
    week.hours = week.entries.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    week.save(update_fields=["hours"])


def week_summary(week: Week) -> str:
    return f"{week.hours} h × {format_money(week.hourly_rate, week.currency)}"
