"""Terms, time entries and their limits: what the workflows allow and refuse."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.timesheets.conftest import log
from timesheets import calendar, entries, terms
from timesheets.exceptions import HourlyRefused
from timesheets.models import TermsStatus, TimeEntry

pytestmark = pytest.mark.django_db


def test_the_first_agreed_terms_start_the_contract_this_week(contract):
    agreed = contract.terms.get()
    assert agreed.status == TermsStatus.ACCEPTED
    assert agreed.effective_from == calendar.week_start("Europe/Berlin")
    assert contract.is_started and contract.time_zone == "Europe/Berlin"


def test_a_change_agreed_later_takes_effect_next_week(contract, hiring_client, freelancer):
    terms.propose_terms(
        engagement=contract.engagement,
        by=hiring_client,
        hourly_rate=Decimal("45"),
        weekly_limit=Decimal("20"),
        time_zone="Asia/Tokyo",  # ignored: the zone is fixed once the contract starts
    )
    change = terms.accept_terms(engagement=contract.engagement, by=freelancer)
    monday = calendar.week_start("Europe/Berlin")
    assert change.effective_from == monday + timedelta(days=7)
    contract.refresh_from_db()
    assert contract.terms_for(monday).hourly_rate == Decimal("40.00")
    assert contract.terms_for(change.effective_from).hourly_rate == Decimal("45.00")
    assert contract.time_zone == "Europe/Berlin"


def test_the_proposer_cannot_accept_their_own_terms(hourly_engagement, freelancer):
    terms.propose_terms(
        engagement=hourly_engagement,
        by=freelancer,
        hourly_rate=Decimal(40),
        weekly_limit=Decimal(10),
    )
    with pytest.raises(HourlyRefused) as caught:
        terms.accept_terms(engagement=hourly_engagement, by=freelancer)
    assert caught.value.code == "wrong_side"


def test_a_fixed_price_engagement_has_no_timesheet(engagement_in, freelancer):
    fixed = engagement_in("accepted", quote_basis="fixed", quoted_amount=Decimal(100))
    with pytest.raises(HourlyRefused) as caught:
        terms.propose_terms(
            engagement=fixed, by=freelancer, hourly_rate=Decimal(40), weekly_limit=Decimal(10)
        )
    assert caught.value.code == "not_hourly"


def test_no_time_is_logged_before_the_client_saves_a_card(contract, freelancer):
    with pytest.raises(HourlyRefused) as caught:
        log(contract, freelancer, "1")
    assert caught.value.code == "no_card"


def test_time_is_logged_in_quarter_hours_up_to_the_weekly_limit(carded, freelancer):
    log(carded, freelancer, "6.25")
    log(carded, freelancer, "3.75")
    with pytest.raises(HourlyRefused) as caught:
        log(carded, freelancer, "0.25")
    assert caught.value.code == "over_limit"
    week = carded.weeks.get()
    assert week.hours == Decimal("10.00") and week.hourly_rate == Decimal("40.00")
    for bad in ("0", "-1", "0.3", "24.25", "1000"):
        with pytest.raises(HourlyRefused) as caught:
            entries.check_hours(Decimal(bad))
        assert caught.value.code == "invalid", bad


def test_entries_outside_the_week_or_in_the_future_are_refused(carded, freelancer):
    today = calendar.local_today(carded.time_zone)
    monday = calendar.monday_of(today)
    for day in (monday - timedelta(days=1), today + timedelta(days=1)):
        with pytest.raises(HourlyRefused) as caught:
            entries.log_time(
                contract=carded, by=freelancer, day=day, hours=Decimal(1), description="x"
            )
        assert caught.value.code == "invalid"


def test_only_the_freelancer_logs_time(carded, hiring_client):
    with pytest.raises(HourlyRefused) as caught:
        log(carded, hiring_client, "1")
    assert caught.value.code == "wrong_side"


def test_an_entry_is_edited_within_the_limit_and_deleted(carded, freelancer):
    entry = log(carded, freelancer, "4")
    log(carded, freelancer, "4")
    with pytest.raises(HourlyRefused):
        entries.edit_entry(
            entry=entry, by=freelancer, day=entry.date, hours=Decimal("6.5"), description="x"
        )
    entries.edit_entry(
        entry=entry, by=freelancer, day=entry.date, hours=Decimal(6), description="y"
    )
    assert carded.weeks.get().hours == Decimal(10)
    entries.delete_entry(entry=entry, by=freelancer)
    assert carded.weeks.get().hours == Decimal(4)
    assert TimeEntry.objects.count() == 1


def test_a_paused_contract_takes_no_new_time_and_resumes(carded, freelancer, hiring_client):
    terms.pause(contract=carded, by=hiring_client)
    with pytest.raises(HourlyRefused) as caught:
        log(carded, freelancer, "1")
    assert caught.value.code == "contract_paused"
    terms.resume(contract=carded, by=freelancer)
    log(carded, freelancer, "1")
    terms.end(contract=carded, by=freelancer)
    with pytest.raises(HourlyRefused) as caught:
        log(carded, freelancer, "1")
    assert caught.value.code == "contract_ended"
    carded.refresh_from_db()
    assert carded.ended_at <= timezone.now()


def test_a_proposal_replaced_meanwhile_is_not_accepted_unseen(
    hourly_engagement, freelancer, hiring_client
):
    read = terms.propose_terms(
        engagement=hourly_engagement,
        by=freelancer,
        hourly_rate=Decimal(40),
        weekly_limit=Decimal(10),
    )
    terms.propose_terms(
        engagement=hourly_engagement,
        by=freelancer,
        hourly_rate=Decimal(90),
        weekly_limit=Decimal(40),
    )
    with pytest.raises(HourlyRefused) as caught:
        terms.accept_terms(engagement=hourly_engagement, by=hiring_client, terms_id=read.pk)
    assert caught.value.code == "terms_changed"
