"""Money through a milestone, against a real (local) Stripe: a plan agreed, a card charged
into escrow, the work submitted and released with the fee, refunds, disputes, payouts; and
after every step the ledger says exactly where each cent is."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from engagements import transitions
from engagements.exceptions import ActionRefused
from ledger.models import Account, AccountKind, Transaction
from outbox.models import OutgoingEmail
from payments import (
    balances,
    delivery,
    disputes,
    funding,
    payouts,
    planning,
    processor,
    refunds,
    settlement,
    tasks,
)
from payments.exceptions import PaymentRefused
from payments.models import (
    Milestone,
    MilestoneState,
    Payment,
    PaymentStatus,
    Receipt,
    Refund,
)
from payments.planning import MilestoneDraft
from payments.processor import CardDeclined
from payments.reconciliation import reconcile
from tests.payments.conftest import (
    DECLINED_CARD,
    THREE_D_SECURE_CARD,
    authenticate,
    fund,
    save_card,
)

pytestmark = pytest.mark.django_db
D = Decimal


def balance_of(kind, holder=None, reference=""):
    account = Account.objects.filter(
        key=Account.key_for(kind, "USD", getattr(holder, "pk", None), reference)
    ).first()
    return account.balance() if account else D(0)


def escrow(milestone):
    return balance_of(AccountKind.ESCROW, reference=f"milestone:{milestone.pk}")


def emails_to(user):
    """The emails queued for `user` (the outbox sends them once the change commits)."""
    queued = OutgoingEmail.objects.order_by("created_at", "subject")
    return [email for email in queued if user.email in email.to]


# The plan


def test_a_plan_must_add_up_to_the_agreed_price(fixed_engagement, freelancer):
    with pytest.raises(PaymentRefused, match="add up to the agreed price"):
        planning.propose_plan(
            engagement=fixed_engagement,
            by=freelancer,
            milestones=[MilestoneDraft("All of it", D("299.99"))],
        )
    assert not Milestone.objects.exists()


def test_the_side_that_proposed_cannot_accept_its_own_plan(fixed_engagement, freelancer):
    planning.propose_plan(
        engagement=fixed_engagement, by=freelancer, milestones=[MilestoneDraft("All", D("300"))]
    )
    with pytest.raises(PaymentRefused) as refused:
        planning.accept_plan(engagement=fixed_engagement, by=freelancer)
    assert refused.value.code == "wrong_side"


def test_an_agreed_plan_no_longer_changes(agreed_plan, freelancer):
    with pytest.raises(PaymentRefused) as refused:
        planning.propose_plan(
            engagement=agreed_plan.engagement,
            by=freelancer,
            milestones=[MilestoneDraft("All", D("300"))],
        )
    assert refused.value.code == "plan_accepted"
    assert Milestone.objects.count() == 2


def test_an_hourly_engagement_has_no_plan(fixed_engagement, freelancer):
    fixed_engagement.quote_basis = "hourly"
    fixed_engagement.save()
    with pytest.raises(PaymentRefused) as refused:
        planning.propose_plan(
            engagement=fixed_engagement, by=freelancer, milestones=[MilestoneDraft("A", D("300"))]
        )
    assert refused.value.code == "no_plan"


# Funding


def test_a_good_card_moves_the_amount_from_the_card_into_escrow(
    stripe, milestones, hiring_client, freelancer
):
    first = milestones[0]
    payment = fund(stripe, first, hiring_client)

    first.refresh_from_db()
    assert (first.state, payment.status) == (MilestoneState.FUNDED, PaymentStatus.SUCCEEDED)
    assert escrow(first) == D("100.00")
    assert balance_of(AccountKind.CLIENT_CARD, hiring_client) == D("-100.00")
    intent = processor.retrieve_payment_intent(payment.payment_intent_id)
    assert (intent.status, intent.amount, intent.currency) == ("succeeded", 10000, "USD")
    receipt = Receipt.objects.get()
    assert (receipt.number, receipt.kind, receipt.amount) == (1, "funding", D("100.00"))
    assert any("Funded — start work" in m.subject for m in emails_to(freelancer))
    assert reconcile() == []


def test_a_declined_card_leaves_the_milestone_unfunded_with_the_cards_message(
    stripe, milestones, hiring_client
):
    first = milestones[0]
    with pytest.raises(CardDeclined, match="Your card was declined"):
        fund(stripe, first, hiring_client, DECLINED_CARD)

    first.refresh_from_db()
    assert first.state == MilestoneState.PROPOSED
    payment = Payment.objects.get()
    assert (payment.status, payment.last_error) == (PaymentStatus.FAILED, "Your card was declined.")
    assert not Transaction.objects.exists()
    # The next try is a new attempt, and a good card funds it.
    fund(stripe, first, hiring_client)
    first.refresh_from_db()
    assert first.state == MilestoneState.FUNDED and Payment.objects.count() == 2


def test_opening_the_card_form_again_reuses_the_attempt_and_its_payment_intent(
    stripe, milestones, hiring_client
):
    first = funding.start_funding(milestone=milestones[0], by=hiring_client)
    again = funding.start_funding(milestone=milestones[0], by=hiring_client)
    assert again.payment.pk == first.payment.pk
    assert again.payment.payment_intent_id == first.payment.payment_intent_id
    assert again.setup_intent_id != first.setup_intent_id


def test_a_card_that_asks_for_3d_secure_is_funded_once_authenticated(
    stripe, milestones, hiring_client
):
    form = funding.start_funding(milestone=milestones[0], by=hiring_client)
    save_card(stripe, form, THREE_D_SECURE_CARD)
    payment = funding.charge_card(
        payment=form.payment, setup_intent_id=form.setup_intent_id, by=hiring_client
    )
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert not Transaction.objects.exists()

    authenticate(stripe, payment, form.payment_client_secret)
    funding.record_payment(payment.payment_intent_id)
    funding.record_payment(payment.payment_intent_id)  # the return page and the webhook

    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.FUNDED
    assert Transaction.objects.count() == 1 and escrow(milestones[0]) == D("100.00")


def test_only_the_client_funds_and_only_an_agreed_plan(
    stripe, fixed_engagement, milestones, freelancer, outsider
):
    for who, code in ((freelancer, "wrong_side"), (outsider, "not_participant")):
        with pytest.raises(PaymentRefused) as refused:
            funding.start_funding(milestone=milestones[0], by=who)
        assert refused.value.code == code
    assert not Payment.objects.exists()


# Delivery and release


def test_releasing_pays_the_freelancer_the_amount_less_the_fee(
    stripe, milestones, hiring_client, freelancer
):
    first = milestones[0]
    fund(stripe, first, hiring_client)
    delivery.submit_work(milestone=first, by=freelancer, message="Here it is.", files=[])
    settlement.release(milestone=first, by=hiring_client)

    first.refresh_from_db()
    assert (first.state, first.released_amount, first.fee_amount) == (
        MilestoneState.RELEASED,
        D("100.00"),
        D("10.00"),
    )
    assert escrow(first) == 0
    assert balance_of(AccountKind.FREELANCER_BALANCE, freelancer) == D("90.00")
    assert balance_of(AccountKind.PLATFORM_REVENUE) == D("10.00")
    (usd,) = balances.balances_of(freelancer)
    assert (usd.pending, usd.available, usd.paid_out) == (D(0), D("90.00"), D(0))
    release_receipt = Receipt.objects.get(kind="release")
    assert (release_receipt.number, release_receipt.net) == (2, D("90.00"))
    assert reconcile() == []


def test_the_fee_is_the_one_agreed_with_the_plan(stripe, milestones, hiring_client, settings):
    settings.PLATFORM_FEE_PERCENT = D("50")  # raised after the plan was agreed
    fund(stripe, milestones[0], hiring_client)
    settlement.release(milestone=milestones[0], by=hiring_client)
    milestones[0].refresh_from_db()
    assert milestones[0].fee_amount == D("10.00")


def test_the_engagement_completes_when_its_last_milestone_is_settled(
    stripe, milestones, hiring_client, freelancer
):
    engagement = milestones[0].engagement
    with pytest.raises(ActionRefused, match="paid by milestones"):
        transitions.deliver(engagement=engagement, by=freelancer)
    fund(stripe, milestones[0], hiring_client)
    with pytest.raises(ActionRefused, match="settle it"):
        transitions.cancel(engagement=engagement, by=hiring_client)
    settlement.release(milestone=milestones[0], by=hiring_client)
    engagement.refresh_from_db()
    assert engagement.state == "accepted"
    planning.drop_milestone(milestone=milestones[1], by=hiring_client)
    engagement.refresh_from_db()
    assert engagement.state == "completed" and engagement.delivered_at is not None


def test_changes_are_requested_within_the_revision_rounds(
    stripe, milestones, hiring_client, freelancer
):
    first = milestones[0]  # one revision round
    fund(stripe, first, hiring_client)
    delivery.submit_work(milestone=first, by=freelancer, message="v1", files=[])
    delivery.request_changes(milestone=first, by=hiring_client, note="Add two sources.")
    assert any("Add two sources." in m.body for m in emails_to(freelancer))
    delivery.submit_work(milestone=first, by=freelancer, message="v2", files=[])
    with pytest.raises(PaymentRefused) as refused:
        delivery.request_changes(milestone=first, by=hiring_client, note="Again.")
    assert refused.value.code == "no_revisions_left"
    first.refresh_from_db()
    assert (first.state, first.revisions_used) == (MilestoneState.SUBMITTED, 1)


def test_unanswered_work_is_released_automatically_after_reminders_sent_once(
    stripe, milestones, hiring_client, freelancer, settings
):
    first = milestones[0]
    fund(stripe, first, hiring_client)
    delivery.submit_work(milestone=first, by=freelancer, message="Done.", files=[])
    first.refresh_from_db()
    release_at = first.auto_release_at
    assert release_at - first.submitted_at == timedelta(days=settings.MILESTONE_AUTO_RELEASE_DAYS)

    OutgoingEmail.objects.all().delete()
    week_before = release_at - timedelta(days=6)
    assert delivery.remind_clients(now=week_before) == 1
    assert delivery.remind_clients(now=week_before) == 0
    assert delivery.remind_clients(now=release_at - timedelta(hours=12)) == 1
    assert delivery.remind_clients(now=release_at - timedelta(hours=1)) == 0
    assert [m.subject for m in emails_to(hiring_client)] == [
        "Reminder: “Outline and sources” is released in 7 day(s)",
        "Reminder: “Outline and sources” is released in 1 day(s)",
    ]

    assert settlement.release_overdue(now=release_at - timedelta(seconds=1)) == 0
    assert settlement.release_overdue(now=release_at) == 1
    assert settlement.release_overdue(now=release_at) == 0
    first.refresh_from_db()
    assert first.state == MilestoneState.RELEASED and first.released_automatically
    assert balance_of(AccountKind.FREELANCER_BALANCE, freelancer) == D("90.00")


# Refunds and disputes


def test_an_agreed_partial_refund_goes_to_the_card_and_the_rest_to_the_freelancer(
    stripe, milestones, hiring_client, freelancer
):
    second = milestones[1]
    payment = fund(stripe, second, hiring_client)
    proposal = refunds.propose_refund(
        milestone=second, by=hiring_client, amount=D("50.00"), reason="Half the length."
    )
    with pytest.raises(PaymentRefused) as refused:
        refunds.accept_refund(proposal=proposal, by=hiring_client)
    assert refused.value.code == "wrong_side"
    refunds.accept_refund(proposal=proposal, by=freelancer)

    second.refresh_from_db()
    assert (second.state, second.refunded_amount, second.released_amount, second.fee_amount) == (
        MilestoneState.SPLIT,
        D("50.00"),
        D("150.00"),
        D("15.00"),
    )
    refund = Refund.objects.get()
    (at_stripe,) = processor.list_refunds(payment.payment_intent_id)
    assert (at_stripe.id, at_stripe.amount) == (refund.stripe_refund_id, 5000)
    assert balance_of(AccountKind.CLIENT_CARD, hiring_client) == D("-150.00")
    assert balance_of(AccountKind.FREELANCER_BALANCE, freelancer) == D("135.00")
    assert escrow(second) == 0
    assert sorted(Receipt.objects.values_list("kind", flat=True)) == [
        "funding",
        "refund",
        "release",
    ]
    assert reconcile() == []


def test_a_full_refund_leaves_nothing_for_the_freelancer(
    stripe, milestones, hiring_client, freelancer
):
    first = milestones[0]
    fund(stripe, first, hiring_client)
    proposal = refunds.propose_refund(milestone=first, by=freelancer, amount=D("100.00"))
    refunds.accept_refund(proposal=proposal, by=hiring_client)
    first.refresh_from_db()
    assert first.state == MilestoneState.REFUNDED
    assert balance_of(AccountKind.CLIENT_CARD, hiring_client) == 0
    assert balance_of(AccountKind.FREELANCER_BALANCE, freelancer) == 0


def test_while_a_dispute_is_open_nothing_is_released_refunded_or_auto_released(
    stripe, milestones, hiring_client, freelancer, staff
):
    first = milestones[0]
    fund(stripe, first, hiring_client)
    delivery.submit_work(milestone=first, by=freelancer, message="Done.", files=[])
    proposal = refunds.propose_refund(milestone=first, by=hiring_client, amount=D("10.00"))
    dispute = disputes.open_dispute(milestone=first, by=hiring_client, reason="Not what I asked.")
    assert any("Dispute opened" in m.subject for m in emails_to(freelancer))
    assert any("Dispute to decide" in m.subject for m in emails_to(staff))

    for attempt in (
        lambda: settlement.release(milestone=first, by=hiring_client),
        lambda: refunds.accept_refund(proposal=proposal, by=freelancer),
        lambda: refunds.propose_refund(milestone=first, by=freelancer, amount=D("1")),
    ):
        with pytest.raises(PaymentRefused):
            attempt()
    assert settlement.release_overdue(now=timezone.now() + timedelta(days=60)) == 0
    with pytest.raises(PaymentRefused) as refused:
        disputes.resolve_dispute(dispute=dispute, by=staff, refund_amount=D("40"))
    assert refused.value.code == "not_ready"

    disputes.answer_dispute(dispute=dispute, by=freelancer, answer="It is what the brief says.")
    with pytest.raises(PaymentRefused) as refused:
        disputes.resolve_dispute(dispute=dispute, by=freelancer, refund_amount=D("40"))
    assert refused.value.code == "not_staff"
    disputes.resolve_dispute(dispute=dispute, by=staff, refund_amount=D("40.00"), note="Fair.")

    first.refresh_from_db()
    assert (first.state, first.refunded_amount, first.released_amount) == (
        MilestoneState.SPLIT,
        D("40.00"),
        D("60.00"),
    )
    assert balance_of(AccountKind.FREELANCER_BALANCE, freelancer) == D("54.00")
    assert all(
        any("Settled" in m.subject for m in emails_to(u)) for u in (hiring_client, freelancer)
    )
    assert reconcile() == []


def test_the_other_side_answers_a_dispute_within_its_window_only(
    stripe, milestones, hiring_client, freelancer, staff
):
    fund(stripe, milestones[0], hiring_client)
    dispute = disputes.open_dispute(milestone=milestones[0], by=freelancer, reason="Unpaid.")
    dispute.answer_due_at = timezone.now() - timedelta(seconds=1)
    dispute.save()
    with pytest.raises(PaymentRefused) as refused:
        disputes.answer_dispute(dispute=dispute, by=hiring_client, answer="Late.")
    assert refused.value.code == "answer_window_closed"
    # Its time to answer is over: staff decide alone.
    disputes.resolve_dispute(dispute=dispute, by=staff, refund_amount=D(0))
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.RELEASED


# Payouts


def test_a_payout_takes_from_the_balance_and_is_paid_or_returned(
    stripe, milestones, hiring_client, freelancer, staff
):
    fund(stripe, milestones[0], hiring_client)
    settlement.release(milestone=milestones[0], by=hiring_client)
    with pytest.raises(PaymentRefused) as refused:
        payouts.request_payout(freelancer=freelancer, currency="USD", amount=D("10"))
    assert refused.value.code == "no_payout_details"
    payouts.save_payout_details(
        user=freelancer, account_holder="Elena Marsh", bank_details="IBAN DE89 3704 0044"
    )
    with pytest.raises(PaymentRefused) as refused:
        payouts.request_payout(freelancer=freelancer, currency="USD", amount=D("90.01"))
    assert refused.value.code == "insufficient_balance"

    first = payouts.request_payout(freelancer=freelancer, currency="USD", amount=D("60.00"))
    second = payouts.request_payout(freelancer=freelancer, currency="USD", amount=D("30.00"))
    (usd,) = balances.balances_of(freelancer)
    assert (usd.available, usd.requested) == (D(0), D("90.00"))

    payouts.mark_paid(payout=first, by=staff, reference="BANK-001")
    payouts.mark_failed(payout=second, by=staff, reason="The account is closed.")
    with pytest.raises(PaymentRefused):
        payouts.mark_paid(payout=second, by=staff)
    (usd,) = balances.balances_of(freelancer)
    assert (usd.available, usd.requested, usd.paid_out) == (D("30.00"), D(0), D("60.00"))
    assert [m.subject for m in emails_to(freelancer)][-2:] == [
        "Payout sent: $60",
        "Payout failed: $30",
    ]
    assert Receipt.objects.filter(kind="payout", payout=first).exists()
    assert reconcile() == []


# Reconciliation


def test_reconciliation_finds_a_planted_difference(stripe, milestones, hiring_client):
    fund(stripe, milestones[0], hiring_client)
    assert reconcile() == []
    # A milestone whose state says funded, without the money in escrow.
    Milestone.objects.filter(pk=milestones[1].pk).update(state="funded", funded_at=timezone.now())
    # A refund made at Stripe behind the ledger's back.
    payment = Payment.objects.get(status="succeeded")
    processor.create_refund(
        payment_intent_id=payment.payment_intent_id, amount_minor=500, idempotency_key="x"
    )
    differences = reconcile()
    assert len(differences) == 2, differences
    assert f"Milestone {milestones[1].pk} is funded but its escrow holds 0.00 USD" in differences[0]
    assert "the ledger has no such refund" in differences[1]


def test_the_daily_reconciliation_emails_staff_the_differences_it_finds(
    stripe, milestones, hiring_client, staff
):
    fund(stripe, milestones[0], hiring_client)
    assert tasks.reconcile_payments() == 0
    assert not emails_to(staff)
    Milestone.objects.filter(pk=milestones[1].pk).update(state="funded", funded_at=timezone.now())
    assert tasks.reconcile_payments() == 1
    (email,) = emails_to(staff)
    assert "1 difference(s) in reconciliation" in email.subject
    assert f"Milestone {milestones[1].pk} is funded but its escrow holds 0.00 USD" in email.body


def test_the_reconcile_command_exits_non_zero_listing_the_differences(
    stripe, milestones, hiring_client, capsys
):
    fund(stripe, milestones[0], hiring_client)
    call_command("reconcile_payments")
    assert "The books agree" in capsys.readouterr().out
    Milestone.objects.filter(pk=milestones[0].pk).update(state="proposed")
    with pytest.raises(SystemExit) as exited:
        call_command("reconcile_payments")
    assert exited.value.code == 1
    assert f"Milestone {milestones[0].pk} is proposed but its escrow holds 100.00 USD" in (
        capsys.readouterr().out
    )
