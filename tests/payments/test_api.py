"""The payment API as its clients use it: the plan, funding against a real local Stripe,
delivery with files, release, refunds, disputes, balances, payouts and receipts; who may call
what; the lists' query counts; Stripe down."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ledger.models import Transaction
from payments import delivery, funding, payouts, planning, settlement
from payments.models import Milestone, MilestoneState, Payment
from payments.planning import MilestoneDraft
from tests.local_servers import free_port
from tests.payments.conftest import DECLINED_CARD, GOOD_CARD, fund, save_card
from tests.support.api import error_of
from tests.support.mfa import give_totp, recovery_codes_of
from tests.support.tokens import token_key_for
from tests.upload_files import pdf_bytes, upload

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def as_user():
    """An API client signed in with `user`'s token (anonymous with None), as in tests/api."""
    api = APIClient()

    def sign_in(user):
        api.credentials()
        if user is not None:
            api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(user)}")
        return api

    return sign_in


PLAN = {
    "milestones": [
        {"title": "Outline", "amount": "100.00"},
        {"title": "Article", "amount": "200", "revisions_allowed": 2},
    ]
}


def card_form_of(body: dict) -> SimpleNamespace:
    """What Stripe.js needs from `milestones_fund`'s answer to save a card."""
    return SimpleNamespace(
        setup_intent_id=body["setup_intent"],
        setup_client_secret=body["setup_client_secret"],
        publishable_key=body["publishable_key"],
    )


def test_a_plan_is_proposed_and_accepted_through_the_api(
    as_user, fixed_engagement, freelancer, hiring_client
):
    url = f"/api/v1/engagements/{fixed_engagement.pk}/milestones/"
    assert as_user(freelancer).get(url).status_code == 404
    response = as_user(freelancer).put(url, PLAN, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["proposed_by"], body["side_to_accept"], body["fee_percent"]) == (
        "freelancer",
        "client",
        "10.00",
    )
    assert [m["amount"] for m in body["milestones"]] == ["100.00", "200.00"]
    assert body["milestones"][0]["fee_on_release"] == "10.00"

    refused = as_user(freelancer).post(url + "accept/")
    assert (refused.status_code, error_of(refused)["code"]) == (403, "wrong_side")
    accepted = as_user(hiring_client).post(url + "accept/")
    assert accepted.status_code == 200 and accepted.json()["accepted_at"]


def test_a_plan_that_does_not_add_up_is_a_400_naming_the_rule(
    as_user, fixed_engagement, freelancer
):
    url = f"/api/v1/engagements/{fixed_engagement.pk}/milestones/"
    response = as_user(freelancer).put(
        url, {"milestones": [{"title": "All", "amount": "299"}]}, format="json"
    )
    assert response.status_code == 400
    assert "must add up to the agreed price, $300" in error_of(response)["errors"]["milestones"][0]
    assert not Milestone.objects.exists()


def test_a_client_funds_delivers_and_releases_through_the_api(
    stripe, as_user, milestones, hiring_client, freelancer
):
    first = milestones[0]
    client_api = as_user(hiring_client)
    funding = client_api.post(f"/api/v1/milestones/{first.pk}/fund/")
    assert funding.status_code == 200, funding.content
    body = funding.json()
    assert (body["amount_minor"], body["currency"], body["test_mode"]) == (10000, "USD", True)
    assert body["client_secret"].startswith(body["payment_intent"] + "_secret_")
    again = client_api.post(f"/api/v1/milestones/{first.pk}/fund/").json()
    assert again["payment_intent"] == body["payment_intent"]

    # The card is saved with Stripe.js, then charged.
    form = card_form_of(again)
    save_card(stripe, form, GOOD_CARD)
    charged = client_api.post(
        f"/api/v1/payments/{again['payment']}/charge/",
        {"setup_intent": again["setup_intent"]},
        format="json",
    )
    assert charged.status_code == 200 and charged.json()["status"] == "succeeded"
    refreshed = client_api.post(f"/api/v1/payments/{again['payment']}/refresh/")
    assert refreshed.json()["status"] == "succeeded"
    assert Transaction.objects.filter(kind="funding").count() == 1

    submitted = as_user(freelancer).post(
        f"/api/v1/milestones/{first.pk}/submit/",
        {"message": "The outline.", "files": [upload("outline.pdf", pdf_bytes())]},
        format="multipart",
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["last_submission"]["files"][0]["name"] == "outline.pdf"
    released = as_user(hiring_client).post(f"/api/v1/milestones/{first.pk}/release/")
    assert released.status_code == 200
    assert (released.json()["state"], released.json()["fee_amount"]) == ("released", "10.00")

    (usd,) = as_user(freelancer).get("/api/v1/me/balance/").json()
    assert (usd["available"], usd["pending"]) == ("90.00", "0.00")
    movements = as_user(freelancer).get("/api/v1/me/movements/").json()["results"]
    assert [m["amount"] for m in movements][:1] == ["90.00"]
    receipts = as_user(hiring_client).get("/api/v1/me/receipts/").json()["results"]
    assert {r["kind"] for r in receipts} == {"funding", "release"}


def test_a_declined_card_is_a_402_with_the_cards_message(
    stripe, as_user, milestones, hiring_client
):
    client_api = as_user(hiring_client)
    body = client_api.post(f"/api/v1/milestones/{milestones[0].pk}/fund/").json()
    form = card_form_of(body)
    save_card(stripe, form, DECLINED_CARD)
    response = client_api.post(
        f"/api/v1/payments/{body['payment']}/charge/",
        {"setup_intent": body["setup_intent"]},
        format="json",
    )
    assert response.status_code == 402
    assert error_of(response) == {"detail": "Your card was declined.", "code": "card_declined"}
    assert Milestone.objects.get(pk=milestones[0].pk).state == MilestoneState.PROPOSED


def test_stripe_down_is_a_503_with_retry_after_and_nothing_recorded(
    settings, as_user, milestones, hiring_client
):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    response = as_user(hiring_client).post(f"/api/v1/milestones/{milestones[0].pk}/fund/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert error_of(response)["code"] == "processor_unavailable"
    assert not Payment.objects.exists()


def test_refunds_disputes_and_payouts_through_the_api(
    stripe, as_user, milestones, hiring_client, freelancer
):
    first, second = milestones
    fund(stripe, first, hiring_client)
    fund(stripe, second, hiring_client)
    proposed = as_user(hiring_client).post(
        f"/api/v1/milestones/{first.pk}/refund/", {"amount": "100.01"}, format="json"
    )
    assert proposed.status_code == 400 and "at most 100.00" in str(error_of(proposed)["errors"])
    as_user(hiring_client).post(
        f"/api/v1/milestones/{first.pk}/refund/", {"amount": "40"}, format="json"
    )
    accepted = as_user(freelancer).post(f"/api/v1/milestones/{first.pk}/accept-refund/")
    assert accepted.status_code == 200 and accepted.json()["state"] == "split"

    opened = as_user(freelancer).post(
        f"/api/v1/milestones/{second.pk}/dispute/", {"reason": "No reply."}, format="json"
    )
    assert opened.json()["open_dispute"]["answering_side"] == "client"
    blocked = as_user(hiring_client).post(f"/api/v1/milestones/{second.pk}/release/")
    assert (blocked.status_code, error_of(blocked)["code"]) == (409, "disputed")

    api = as_user(freelancer)
    payout = {"currency": "USD", "amount": "10"}
    no_factor = api.post("/api/v1/me/payouts/", payout, format="json")
    assert (no_factor.status_code, error_of(no_factor)["code"]) == (403, "second_factor_needed")
    give_totp(freelancer)
    codes = recovery_codes_of(freelancer)
    no_code = api.post("/api/v1/me/payouts/", payout, format="json")
    assert (no_code.status_code, error_of(no_code)["code"]) == (403, "second_factor_required")

    def with_code(method, url, body=None):
        return getattr(api, method)(url, body, format="json", HTTP_X_SECOND_FACTOR_CODE=codes.pop())

    no_details = with_code("post", "/api/v1/me/payouts/", payout)
    assert error_of(no_details)["code"] == "no_payout_details"
    details = {"account_holder": "Elena Marsh", "bank_details": "IBAN DE89"}
    assert with_code("put", "/api/v1/me/payout-details/", details).status_code == 200
    too_much = with_code("post", "/api/v1/me/payouts/", {"currency": "USD", "amount": "54.01"})
    assert (too_much.status_code, error_of(too_much)["code"]) == (409, "insufficient_balance")
    created = with_code("post", "/api/v1/me/payouts/", {"currency": "USD", "amount": "54"})
    # A payout has no address of its own (it is listed at /me/payouts/): no Location.
    assert created.status_code == 201 and "Location" not in created
    assert api.get("/api/v1/me/payouts/").json()["results"][0]["status"] == "requested"


# Who may call what


def _urls(milestone, payment_pk):
    engagement = milestone.engagement_id
    return [
        ("get", f"/api/v1/engagements/{engagement}/milestones/", None),
        ("put", f"/api/v1/engagements/{engagement}/milestones/", PLAN),
        ("post", f"/api/v1/engagements/{engagement}/milestones/accept/", None),
        ("get", f"/api/v1/milestones/{milestone.pk}/", None),
        ("post", f"/api/v1/milestones/{milestone.pk}/fund/", None),
        ("post", f"/api/v1/milestones/{milestone.pk}/release/", None),
        ("post", f"/api/v1/milestones/{milestone.pk}/refund/", {"amount": "10"}),
        ("post", f"/api/v1/milestones/{milestone.pk}/dispute/", {"reason": "x"}),
        ("post", f"/api/v1/milestones/{milestone.pk}/request-changes/", {"note": "x"}),
        ("post", f"/api/v1/milestones/{milestone.pk}/drop/", None),
        ("post", f"/api/v1/payments/{payment_pk}/refresh/", None),
        ("post", f"/api/v1/payments/{payment_pk}/charge/", {"setup_intent": "seti_x"}),
    ]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "staff"])
def test_only_the_two_sides_use_a_milestones_endpoints(
    stripe, as_user, cast, milestones, hiring_client, who
):
    payment = fund(stripe, milestones[0], hiring_client)
    before = (
        list(Milestone.objects.values()),
        Transaction.objects.count(),
        Payment.objects.count(),
    )
    expected = {"anonymous": {401}, "outsider": {404}, "staff": {403, 200}}[who]
    for method, url, data in _urls(milestones[0], payment.pk):
        response = getattr(as_user(cast[who]), method)(url, data, format="json")
        # Staff read what the sides read (200), and change nothing (403).
        allowed = {200} if method == "get" and who == "staff" else expected - {200}
        assert response.status_code in allowed, (who, method, url, response.status_code)
    assert before == (
        list(Milestone.objects.values()),
        Transaction.objects.count(),
        Payment.objects.count(),
    )


def test_a_side_is_refused_the_other_sides_steps(
    stripe, as_user, milestones, hiring_client, freelancer
):
    fund(stripe, milestones[0], hiring_client)
    for who, step, data in (
        (freelancer, "release", None),
        (freelancer, "request-changes", {"note": "x"}),
        (hiring_client, "submit", {"message": "x"}),
    ):
        response = as_user(who).post(f"/api/v1/milestones/{milestones[0].pk}/{step}/", data)
        assert (response.status_code, error_of(response)["code"]) == (403, "wrong_side")
    assert (
        as_user(freelancer).post(f"/api/v1/milestones/{milestones[0].pk}/fund/").status_code == 403
    )


def test_personal_money_endpoints_show_only_your_own(
    stripe, as_user, milestones, hiring_client, freelancer, outsider
):
    fund(stripe, milestones[0], hiring_client)
    settlement.release(milestone=milestones[0], by=hiring_client)
    api = as_user(outsider)
    assert api.get("/api/v1/me/balance/").json() == []
    assert api.get("/api/v1/me/movements/").json()["results"] == []
    assert api.get("/api/v1/me/receipts/").json()["results"] == []
    assert api.get("/api/v1/receipts/1/").status_code == 404
    assert as_user(hiring_client).get("/api/v1/receipts/1/").status_code == 200
    assert as_user(None).get("/api/v1/me/balance/").status_code == 401


# Query counts


def _count(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


def test_the_money_lists_run_the_same_queries_for_one_item_and_for_many(
    stripe, as_user, fixed_engagement, freelancer, hiring_client, settings
):
    settings.PLATFORM_FEE_PERCENT = D("10")
    fixed_engagement.quoted_amount = D("2000")
    fixed_engagement.save()
    planning.propose_plan(
        engagement=fixed_engagement,
        by=freelancer,
        milestones=[MilestoneDraft(f"Part {n}", D("100")) for n in range(20)],
    )
    planning.accept_plan(engagement=fixed_engagement, by=hiring_client)
    parts = list(Milestone.objects.order_by("position"))
    payouts.save_payout_details(user=freelancer, account_holder="E", bank_details="IBAN")

    def settle(milestone):
        funding.record_demo_payment(milestone=milestone)
        delivery.submit_work(milestone=milestone, by=freelancer, message="Done.", files=[])
        settlement.release(milestone=milestone, by=hiring_client)
        payouts.request_payout(freelancer=freelancer, currency="USD", amount=D("1"))

    urls = [
        "/api/v1/me/movements/?page_size=50",
        "/api/v1/me/payouts/?page_size=50",
        "/api/v1/me/receipts/?page_size=50",
        f"/api/v1/engagements/{fixed_engagement.pk}/milestones/",
    ]
    settle(parts[0])
    api = as_user(freelancer)
    one = [_count(api, url) for url in urls]
    for milestone in parts[1:]:
        settle(milestone)
    many = [_count(api, url) for url in urls]
    assert many == one, dict(zip(urls, zip(one, many, strict=True), strict=True))
