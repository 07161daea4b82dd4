"""The weekly charge into escrow, its invoice, failures and retries, the review window,
disputes and release: all through the ledger, checked by reconciliation."""

import io
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagements.models import EngagementState
from ledger.models import Transaction
from outbox.models import OutgoingEmail
from payments import funding
from payments.balances import balances_of
from payments.models import Payment, PaymentStatus, Receipt, ReceiptKind, StripeEvent
from payments.reconciliation import reconcile
from tests.timesheets.conftest import DECLINED_CARD, close, log, save_card
from timesheets import charging, entries, review, terms
from timesheets.entries import current_week
from timesheets.exceptions import HourlyRefused
from timesheets.locks import lock_contract
from timesheets.models import Week, WeekState
from timesheets.reconciliation import weeks_with_escrow

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_week(carded, freelancer):
    log(carded, freelancer, "7.5")
    return close(carded.weeks.get())


def books_agree() -> bool:
    return reconcile() == [] and weeks_with_escrow() == []


def test_a_closed_week_is_charged_to_the_saved_card_into_escrow_with_an_invoice(
    closed_week, hiring_client
):
    assert charging.charge_closed_weeks() == 1
    week = closed_week
    week.refresh_from_db()
    assert week.state == WeekState.IN_REVIEW
    assert week.amount == Decimal("300.00")  # 7.5 h × $40
    assert week.review_ends_at == week.charged_at + timedelta(days=5)
    payment = week.payment
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount_minor == 30000
    invoice = Receipt.objects.get(kind=ReceiptKind.FUNDING)
    assert invoice.client == hiring_client and invoice.amount == Decimal("300.00")
    assert (
        "Hourly work, week of" in invoice.description
        and "7.5 h at $40 an hour" in invoice.description
    )
    subjects = [email.subject for email in OutgoingEmail.objects.all()]
    assert any(subject.startswith("Invoice for the week") for subject in subjects)
    assert books_agree()


def test_a_week_is_charged_once_however_often_the_beat_runs(closed_week):
    for _ in range(3):
        charging.charge_closed_weeks()
    with pytest.raises(HourlyRefused) as caught:
        charging.charge_week(week_pk=closed_week.pk)
    assert caught.value.code == "wrong_state"
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert Payment.objects.count() == 1
    assert books_agree()


def test_a_crash_between_the_charge_and_the_ledger_is_recovered_without_a_second_charge(
    closed_week, monkeypatch
):
    def crash(**kwargs):
        raise RuntimeError("the worker dies after Stripe charged")

    monkeypatch.setattr(charging.movements, "fund", crash)
    with pytest.raises(RuntimeError):
        charging.charge_closed_weeks()
    monkeypatch.undo()
    closed_week.refresh_from_db()
    assert closed_week.state == WeekState.OPEN  # the transaction rolled back
    payment = Payment.objects.get()  # the attempt was committed before the charge
    assert payment.status == PaymentStatus.STARTED and payment.payment_intent_id
    assert charging.charge_closed_weeks() == 1  # the retry reads the paid intent
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert Payment.objects.count() == 1
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert books_agree()


def test_a_week_with_no_hours_costs_nothing(carded):
    with transaction.atomic():
        week = current_week(lock_contract(carded.pk))
    close(week)
    charging.charge_closed_weeks()
    week.refresh_from_db()
    assert week.state == WeekState.NOTHING and not Payment.objects.exists()


def test_a_declined_card_tells_the_client_pauses_time_and_a_new_card_pays(
    stripe, carded, freelancer, hiring_client
):
    log(carded, freelancer, "2")
    week = carded.weeks.get()
    save_card(stripe, carded, hiring_client, DECLINED_CARD)
    carded.refresh_from_db()
    close(week)
    assert charging.charge_closed_weeks() == 0
    week.refresh_from_db()
    assert week.state == WeekState.CHARGE_FAILED and week.last_error
    assert entries.why_no_time(carded).startswith("A week's payment failed")
    assert any("Payment failed" in email.subject for email in OutgoingEmail.objects.all())
    # The beat leaves a failed week alone until the card is fixed.
    assert charging.charge_closed_weeks() == 0
    save_card(stripe, carded, hiring_client)
    week.refresh_from_db()
    assert week.state == WeekState.IN_REVIEW and week.amount == Decimal("80.00")
    assert Payment.objects.filter(status=PaymentStatus.FAILED).count() == 1
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert books_agree()


def test_after_the_review_window_the_week_is_released_less_the_fee(closed_week, freelancer):
    charging.charge_closed_weeks()
    closed_week.refresh_from_db()
    assert review.release_reviewed() == 0  # still in review
    # In review, the week's charge is the freelancer's pending money on their earnings.
    client = Client()
    client.force_login(freelancer)
    assert [(b.pending, b.available) for b in balances_of(freelancer)] == [
        (Decimal("300.00"), Decimal(0))
    ]
    page = client.get(reverse("payments:earnings")).content.decode()
    assert '<td data-label="Pending">$300</td>' in page
    later = closed_week.review_ends_at + timedelta(seconds=1)
    assert review.release_reviewed(now=later) == 1
    closed_week.refresh_from_db()
    assert closed_week.state == WeekState.RELEASED
    assert closed_week.fee_amount == Decimal("30.00")  # 10 % of $300
    assert closed_week.released_amount == Decimal("300.00")
    assert [(b.pending, b.available) for b in balances_of(freelancer)] == [
        (Decimal(0), Decimal("270.00"))
    ]
    assert books_agree()


def test_a_disputed_week_waits_for_staff_who_split_it(closed_week, hiring_client, staff):
    charging.charge_closed_weeks()
    closed_week.refresh_from_db()
    entry = closed_week.entries.get()
    dispute = review.open_dispute(
        week=closed_week, by=hiring_client, reason="Too long.", entries=[entry]
    )
    later = closed_week.review_ends_at + timedelta(seconds=1)
    assert review.release_reviewed(now=later) == 0  # nothing leaves a disputed week
    assert review.disputed_amount(dispute) == Decimal("300.00")
    review.resolve_dispute(dispute=dispute, by=staff, refund_amount=Decimal("100.00"))
    closed_week.refresh_from_db()
    assert closed_week.state == WeekState.SPLIT
    assert (closed_week.refunded_amount, closed_week.released_amount) == (
        Decimal("100.00"),
        Decimal("200.00"),
    )
    assert Transaction.objects.filter(kind="refund").count() == 1
    assert books_agree()


def test_the_review_window_closes_for_disputes(closed_week, hiring_client, freelancer):
    charging.charge_closed_weeks()
    closed_week.refresh_from_db()
    with pytest.raises(HourlyRefused) as caught:
        review.open_dispute(week=closed_week, by=freelancer, reason="x")
    assert caught.value.code == "wrong_side"
    Week.objects.filter(pk=closed_week.pk).update(review_ends_at=timezone.now())
    with pytest.raises(HourlyRefused) as caught:
        review.open_dispute(week=closed_week, by=hiring_client, reason="x")
    assert caught.value.code == "review_closed"


def test_entries_of_a_closed_week_no_longer_change(closed_week, freelancer):
    entry = closed_week.entries.get()
    with pytest.raises(HourlyRefused) as caught:
        entries.delete_entry(entry=entry, by=freelancer)
    assert caught.value.code == "week_closed"


def test_stripes_webhook_leaves_a_weeks_charge_to_the_weekly_charge(closed_week):
    charging.charge_closed_weeks()
    payment = Payment.objects.get()
    event = {"id": "evt_week", "type": "payment_intent.succeeded"}
    assert funding.record_payment(payment.payment_intent_id, event=event) is None
    payment.refresh_from_db()
    assert payment.last_error == ""  # not "paid, but the milestone was not waiting"
    assert StripeEvent.objects.filter(event_id="evt_week").exists()
    assert books_agree()


def test_a_card_that_asks_for_authentication_at_charge_fails_the_week_with_what_to_do(
    closed_week, monkeypatch
):
    real = charging.processor.charge_saved_card

    def asks_for_authentication(**kwargs):
        intent = real(**kwargs)
        return replace(intent, status="requires_action")

    monkeypatch.setattr(charging.processor, "charge_saved_card", asks_for_authentication)
    monkeypatch.setattr(charging.processor, "cancel_payment_intent", lambda pk: None)
    charging.charge_closed_weeks()
    closed_week.refresh_from_db()
    assert closed_week.state == WeekState.CHARGE_FAILED
    assert closed_week.last_error == charging.AUTHENTICATION_NEEDED


def test_both_sides_get_the_invoice_with_its_pdf(closed_week, hiring_client, freelancer):
    charging.charge_closed_weeks()
    receipt = Receipt.objects.get()
    pdf = f"/payments/receipts/{receipt.number}.pdf"
    charged = [
        email
        for email in OutgoingEmail.objects.all()
        if email.subject.startswith(("Invoice for the week", "Charged: the week"))
    ]
    assert sorted(address for email in charged for address in email.to) == sorted(
        [hiring_client.email, freelancer.email]
    )
    for email in charged:
        assert pdf in email.body and receipt.display_number in email.body, email.body


def test_an_ended_contract_completes_its_engagement_once_its_last_week_is_paid(
    carded, freelancer, hiring_client, client
):
    log(carded, freelancer, "7.5")
    terms.end(contract=carded, by=hiring_client)
    engagement = carded.engagement
    engagement.refresh_from_db()
    assert engagement.state == EngagementState.ACCEPTED  # its last week is still to be paid
    week = close(carded.weeks.get())
    charging.charge_closed_weeks()
    week.refresh_from_db()
    review.release_reviewed(now=week.review_ends_at + timedelta(seconds=1))
    engagement.refresh_from_db()
    assert engagement.state == EngagementState.COMPLETED
    # Reviews open, as for any completed engagement.
    client.force_login(hiring_client)
    assert client.get(reverse("reviews:create", args=[engagement.pk])).status_code == 200


def test_an_ended_contract_with_no_paid_week_stays_for_the_sides_to_cancel(
    carded, freelancer, hiring_client
):
    terms.end(contract=carded, by=freelancer)
    carded.engagement.refresh_from_db()
    assert carded.engagement.state == EngagementState.ACCEPTED


def test_the_payments_reconciliation_checks_each_weeks_escrow_too(closed_week):
    # `manage.py reconcile_payments` and its daily task ran the milestones' checks only.
    charging.charge_closed_weeks()
    Week.objects.filter(pk=closed_week.pk).update(amount=Decimal("250.00"))
    week = closed_week.pk
    expected = f"Week {week} is in_review but its escrow holds 300.00 USD (expected 250.00)."
    assert reconcile(with_stripe=False) == [expected]
    output = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("reconcile_payments", "--no-stripe", stdout=output, stderr=io.StringIO())
    assert expected in output.getvalue()
