"""Payments in a person's data export and erasure: money held or owed stops the erasure,
with the reason on the page; once settled, the name leaves payouts and receipts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.erasure import ErasureRefused, delete_account, why_not_erasable
from payments import delivery, payouts, settlement
from payments.models import Payout, Receipt
from tests.payments.conftest import fund
from tests.support.mfa import confirm_identity

pytestmark = pytest.mark.django_db


def test_an_account_with_money_in_escrow_or_owed_is_not_erased(
    stripe, client, milestones, hiring_client, freelancer, staff
):
    fund(stripe, milestones[0], hiring_client)
    for person in (hiring_client, freelancer):
        assert "hold money in escrow" in why_not_erasable(person)[0]
        with pytest.raises(ErasureRefused):
            delete_account(user=person, request=None)
    client.force_login(freelancer)
    confirm_identity(client, freelancer)
    page = client.post(reverse("accounts:delete"), {"confirm": "DELETE"})
    assert page.status_code == 409
    assert "hold money in escrow" in page.content.decode()
    delivery.submit_work(milestone=milestones[0], by=freelancer, message="Done.", files=[])
    settlement.release(milestone=milestones[0], by=hiring_client)
    assert why_not_erasable(hiring_client) == []
    assert "$90 not yet paid out" in why_not_erasable(freelancer)[0]
    payouts.save_payout_details(user=freelancer, account_holder="Elena Marsh", bank_details="DE")
    payout = payouts.request_payout(freelancer=freelancer, currency="USD", amount=Decimal("90"))
    payouts.mark_paid(payout=payout, by=staff)
    assert why_not_erasable(freelancer) == []
    delete_account(user=freelancer, request=None)
    assert not Payout.objects.filter(account_holder="Elena Marsh").exists()
    assert not Receipt.objects.filter(freelancer_name__icontains="Elena").exists()
