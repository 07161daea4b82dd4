"""Races on one week's money: twenty attempts at once, exactly one winner.

Each test prints what it measured (`-s` shows it)."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest

from ledger.models import Transaction
from payments.models import Payment, Receipt
from payments.reconciliation import reconcile
from tests.support.threads import run_concurrently
from tests.timesheets.conftest import close, log
from timesheets import charging, review
from timesheets.models import TimeEntry, WeekState
from timesheets.reconciliation import weeks_with_escrow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 20


def outcome(results) -> Counter:
    return Counter(
        "error"
        if isinstance(r, Exception) and not hasattr(r, "code")
        else (getattr(r, "code", None) or "won")
        for r in results
    )


def test_twenty_charges_of_one_week_charge_it_once(carded, freelancer):
    """Two beat processes, retried tasks and the client's retry, all at once."""
    log(carded, freelancer, "5")
    week = close(carded.weeks.get())
    results = run_concurrently(ATTEMPTS, lambda i: charging.charge_week(week_pk=week.pk))
    measured = outcome(results)
    print(f"\n20 concurrent charges of one week: {dict(measured)}")
    assert measured == {"won": 1, "wrong_state": ATTEMPTS - 1}, results
    week.refresh_from_db()
    assert week.state == WeekState.IN_REVIEW and week.amount == Decimal("200.00")
    assert Payment.objects.count() == 1
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert Receipt.objects.count() == 1
    assert reconcile() == [] and weeks_with_escrow() == []


def test_twenty_beat_runs_at_once_charge_each_week_once(carded, freelancer):
    log(carded, freelancer, "3")
    week = close(carded.weeks.get())
    results = run_concurrently(ATTEMPTS, lambda i: charging.charge_closed_weeks())
    print(f"\n20 concurrent beat runs: weeks charged per run {sorted(results)}")
    assert sorted(results) == [0] * (ATTEMPTS - 1) + [1], results
    week.refresh_from_db()
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert reconcile() == [] and weeks_with_escrow() == []


def test_twenty_entries_at_once_never_pass_the_weekly_limit(carded, freelancer):
    results = run_concurrently(ATTEMPTS, lambda i: log(carded, freelancer, "1"))
    measured = outcome(results)
    print(f"\n20 concurrent one-hour entries against a 10-hour limit: {dict(measured)}")
    assert measured == {"won": 10, "over_limit": 10}
    assert (
        carded.weeks.get().hours
        == Decimal(10)
        == sum(TimeEntry.objects.values_list("hours", flat=True))
    )


def test_a_dispute_and_the_release_racing_have_one_winner(carded, freelancer, hiring_client):
    log(carded, freelancer, "2")
    week = close(carded.weeks.get())
    charging.charge_week(week_pk=week.pk)
    week.refresh_from_db()
    after = week.review_ends_at - timedelta(seconds=1)
    attempts = [
        lambda: review.open_dispute(week=week, by=hiring_client, reason="Too long."),
        lambda: review.release_reviewed(now=after + timedelta(seconds=2)) or _nothing(),
    ]
    results = run_concurrently(ATTEMPTS, lambda i: attempts[i % 2]())
    measured = outcome(results)
    print(f"\n20 concurrent disputes/releases: {dict(measured)}")
    assert measured["won"] == 1, measured
    week.refresh_from_db()
    assert week.state in (WeekState.DISPUTED, WeekState.RELEASED)
    assert reconcile() == [] and weeks_with_escrow() == []


def _nothing():
    raise review.HourlyRefused("Released by someone else first.", code="wrong_state")
