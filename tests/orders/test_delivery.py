"""After the requirements: deliveries with files (the milestone's submissions), revisions
within the package's rounds, acceptance releasing the escrow, the automatic acceptance after
ORDER_AUTO_ACCEPT_DAYS with a reminder, late orders and their cancellation with a full refund."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.models import EngagementState
from ledger.models import Transaction
from orders import lateness, requirements
from orders.exceptions import OrderRefused
from orders.models import Order, OrderStatus
from outbox.models import OutgoingEmail
from payments import delivery, settlement
from payments.exceptions import PaymentRefused
from payments.files import check_delivery_file
from payments.models import MilestoneState, Refund, RefundCause
from payments.reconciliation import reconcile
from tests.orders.test_ordering import _answers
from tests.upload_files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(paid_order, hiring_client, packaged):
    return requirements.submit_requirements(
        order=paid_order, by=hiring_client, answers=_answers(packaged)
    )


def _refresh(order) -> Order:
    return Order.objects.select_related("milestone", "engagement__freelancer__user").get(
        pk=order.pk
    )


def _deliver(order, freelancer):
    return delivery.submit_work(
        milestone=order.milestone,
        by=freelancer,
        message="Here it is.",
        files=[check_delivery_file(upload("article.pdf", pdf_bytes()))],
    )


class TestDelivery:
    def test_nothing_is_delivered_before_the_clients_answers(
        self, paid_order, freelancer, hiring_client, packaged
    ):
        # Paid but unanswered: the clock has not started, so there is nothing to deliver.
        with pytest.raises(PaymentRefused) as refused:
            _deliver(paid_order, freelancer)
        assert refused.value.code == "wrong_state"
        assert "has not answered the questions" in refused.value.message
        assert _refresh(paid_order).status == OrderStatus.AWAITING_REQUIREMENTS
        requirements.submit_requirements(
            order=paid_order, by=hiring_client, answers=_answers(packaged)
        )
        _deliver(_refresh(paid_order), freelancer)
        assert _refresh(paid_order).status == OrderStatus.DELIVERED

    def test_a_delivery_waits_three_days_then_the_client_accepts_and_funds_are_released(
        self, started, freelancer, hiring_client
    ):
        submission = _deliver(started, freelancer)
        order = _refresh(started)
        assert order.status == OrderStatus.DELIVERED
        assert submission.files.count() == 1
        waited = order.milestone.auto_release_at - order.milestone.submitted_at
        assert waited == timedelta(days=3)
        settlement.release(milestone=order.milestone, by=hiring_client)
        order = _refresh(started)
        assert order.status == OrderStatus.COMPLETED
        assert order.engagement.state == EngagementState.COMPLETED
        assert Transaction.objects.filter(kind="release").count() == 1
        assert reconcile() == []

    def test_revisions_are_limited_to_the_packages_rounds(self, started, freelancer, hiring_client):
        for _ in range(started.revisions):
            _deliver(_refresh(started), freelancer)
            delivery.request_changes(
                milestone=_refresh(started).milestone, by=hiring_client, note="More."
            )
            assert _refresh(started).status == OrderStatus.REVISION
        _deliver(_refresh(started), freelancer)
        with pytest.raises(PaymentRefused) as refused:
            delivery.request_changes(
                milestone=_refresh(started).milestone, by=hiring_client, note="More."
            )
        assert refused.value.code == "no_revisions_left"

    def test_an_unanswered_delivery_is_accepted_after_three_days_with_one_reminder_before(
        self, started, freelancer, settings
    ):
        settings.ORDER_AUTO_ACCEPT_DAYS = 3
        _deliver(started, freelancer)
        milestone = _refresh(started).milestone
        OutgoingEmail.objects.all().delete()
        # Two days after: the day-before reminder goes, once; a week-before one never does.
        soon = milestone.auto_release_at - timedelta(hours=20)
        assert delivery.remind_clients(now=soon) == 1
        assert delivery.remind_clients(now=soon) == 0
        subjects = [email.subject for email in OutgoingEmail.objects.all()]
        assert any("released in 1 day" in subject for subject in subjects), subjects
        assert settlement.release_overdue(now=milestone.auto_release_at - timedelta(minutes=1)) == 0
        assert settlement.release_overdue(now=milestone.auto_release_at + timedelta(minutes=1)) == 1
        order = _refresh(started)
        assert order.status == OrderStatus.COMPLETED
        assert order.milestone.released_automatically


class TestLateOrders:
    def test_an_order_past_its_due_time_is_marked_late_once_and_both_sides_are_told(self, started):
        OutgoingEmail.objects.all().delete()
        after = started.due_at + timedelta(minutes=1)
        assert lateness.mark_late_orders(now=started.due_at - timedelta(minutes=1)) == 0
        assert lateness.mark_late_orders(now=after) == 1
        assert lateness.mark_late_orders(now=after) == 0
        assert OutgoingEmail.objects.filter(subject__startswith="Order late").count() == 2
        assert _refresh(started).late_at == after

    def test_a_delivered_order_is_not_late(self, started, freelancer):
        _deliver(started, freelancer)
        assert lateness.mark_late_orders(now=started.due_at + timedelta(days=1)) == 0

    def test_the_client_cancels_a_late_order_for_a_full_refund(
        self, started, hiring_client, freelancer, stripe
    ):
        Order.objects.filter(pk=started.pk).update(due_at=timezone.now() - timedelta(hours=1))
        with pytest.raises(OrderRefused) as freelancer_try:
            lateness.cancel_late_order(order=_refresh(started), by=freelancer)
        assert freelancer_try.value.code == "wrong_side"
        lateness.cancel_late_order(order=_refresh(started), by=hiring_client)
        order = _refresh(started)
        assert order.status == OrderStatus.CANCELLED
        assert order.milestone.state == MilestoneState.REFUNDED
        assert order.milestone.refunded_amount == order.total
        assert order.engagement.state == EngagementState.CANCELLED
        refund = Refund.objects.get()
        assert (refund.amount, refund.cause) == (order.total, RefundCause.LATE_ORDER)
        assert refund.stripe_refund_id.startswith("re_")
        assert reconcile() == []  # the books and Stripe agree

    def test_an_order_on_time_cannot_be_cancelled_for_a_refund(self, started, hiring_client):
        with pytest.raises(OrderRefused) as refused:
            lateness.cancel_late_order(order=_refresh(started), by=hiring_client)
        assert refused.value.code == "not_late"

    def test_the_page_marks_a_late_order_on_both_sides_and_offers_the_client_the_cancel(
        self, client, started, hiring_client, freelancer
    ):
        Order.objects.filter(pk=started.pk).update(due_at=timezone.now() - timedelta(hours=1))
        cancel_url = reverse("orders:cancel", args=[started.pk])
        client.force_login(freelancer)
        page = client.get(started.engagement.get_absolute_url()).content.decode()
        assert "status--late" in page and cancel_url not in page
        client.force_login(hiring_client)
        page = client.get(started.engagement.get_absolute_url()).content.decode()
        assert "status--late" in page and cancel_url in page
