"""Who may open and use each payment page: anonymous visitors, outsiders, the client, the
freelancer and staff. A refused request changes nothing: not a row, not a ledger entry."""

import pytest
from django.urls import reverse

from ledger.models import Entry
from payments import delivery, disputes, payouts, settlement
from payments.models import (
    Dispute,
    Milestone,
    MilestonePlan,
    Payment,
    Payout,
    PayoutDetails,
    RefundProposal,
    Submission,
)
from tests.payments.conftest import fund

pytestmark = pytest.mark.django_db


def money_state() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (
            MilestonePlan,
            Milestone,
            Payment,
            Submission,
            RefundProposal,
            Dispute,
            Payout,
            PayoutDetails,
            Entry,
        )
    }


@pytest.fixture
def world(stripe, milestones, hiring_client, freelancer, staff):
    """A funded milestone with work submitted and a dispute on the other, a payout waiting."""
    first, second = milestones
    fund(stripe, first, hiring_client)
    fund(stripe, second, hiring_client)
    delivery.submit_work(milestone=first, by=freelancer, message="Done.", files=[])
    dispute = disputes.open_dispute(milestone=second, by=hiring_client, reason="Late.")
    settlement.release(milestone=first, by=hiring_client)
    payouts.save_payout_details(user=freelancer, account_holder="E", bank_details="IBAN")
    payout = payouts.request_payout(freelancer=freelancer, currency="USD", amount=10)
    return {"first": first, "second": second, "dispute": dispute, "payout": payout}


def milestone_urls(world) -> list[tuple[str, dict]]:
    first, second = world["first"], world["second"]
    engagement = first.engagement_id
    return [
        (reverse("payments:plan_edit", args=[engagement]), {}),
        (reverse("payments:plan_accept", args=[engagement]), {}),
        (reverse("payments:fund", args=[second.pk]), {"payment": "1", "setup_intent": "x"}),
        *(
            (reverse("payments:step", args=[second.pk, step]), data)
            for step, data in [
                ("submit", {"message": "x"}),
                ("request-changes", {"note": "x"}),
                ("release", {}),
                ("refund", {"amount": "1"}),
                ("dispute", {"reason": "x"}),
                ("answer", {"answer": "x"}),
                ("drop", {}),
            ]
        ),
    ]


def staff_urls(world) -> list[tuple[str, dict]]:
    return [
        (reverse("payments:dispute_list"), {}),
        (reverse("payments:dispute_resolve", args=[world["dispute"].pk]), {"refund_amount": "1"}),
        (reverse("payments:payout_queue"), {}),
        (reverse("payments:payout_csv"), {}),
        (reverse("payments:payout_decide", args=[world["payout"].pk, "paid"]), {}),
        (reverse("payments:payout_decide", args=[world["payout"].pk, "failed"]), {}),
    ]


def own_urls() -> list[tuple[str, dict]]:
    return [
        (reverse("payments:earnings"), {}),
        (reverse("payments:request_payout"), {"currency": "USD", "amount": "1"}),
        (reverse("payments:payout_details"), {"account_holder": "X", "bank_details": "Y"}),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_payment_page(client, world):
    before = money_state()
    for url, data in milestone_urls(world) + staff_urls(world) + own_urls():
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url
    assert money_state() == before


def test_outsiders_find_no_milestone_and_no_staff_screen(as_user, outsider, world):
    before = money_state()
    page = as_user(outsider)
    for url, data in milestone_urls(world):
        assert page.get(url).status_code in (404, 405), url
        assert page.post(url, data).status_code == 404, url
    for url, data in staff_urls(world):
        assert page.post(url, data).status_code == 403, url
    assert money_state() == before


def test_staff_read_but_do_not_act_on_milestones(as_user, staff, world):
    before = money_state()
    page = as_user(staff)
    for url, data in milestone_urls(world):
        assert page.post(url, data).status_code == 403, url
    assert page.get(world["first"].engagement.get_absolute_url()).status_code == 200
    assert money_state() == before


@pytest.mark.parametrize("side", ["hiring_client", "freelancer"])
def test_the_sides_do_not_reach_the_staff_screens(request, as_user, world, side):
    before = money_state()
    page = as_user(request.getfixturevalue(side))
    for url, data in staff_urls(world):
        assert page.get(url).status_code in (403, 405), url
        assert page.post(url, data).status_code == 403, url
    assert money_state() == before


def test_staff_screens_open_for_staff(as_user, staff, world):
    page = as_user(staff)
    for url, _ in staff_urls(world)[:4]:
        assert page.get(url).status_code == 200, url


def test_each_side_may_take_only_its_own_steps(as_user, hiring_client, freelancer, world):
    """On the disputed milestone nothing moves; on the released one neither side may step."""
    before = money_state()
    for user in (hiring_client, freelancer):
        page = as_user(user)
        for url, data in milestone_urls(world)[2:]:
            if url.endswith("/answer/") and user == freelancer:
                continue  # the freelancer may answer the client's dispute: tested elsewhere
            response = page.post(url, data)
            assert response.status_code in (400, 403, 404, 409), (user, url, response.status_code)
    assert money_state() == before


def test_someone_elses_payouts_and_details_are_never_shown(as_user, outsider, world):
    text = as_user(outsider).get(reverse("payments:earnings")).content.decode()
    assert "IBAN" not in text and "No money yet." in text
