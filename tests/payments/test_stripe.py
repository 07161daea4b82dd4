"""Stripe's side: signed webhooks (real ones from the local Stripe, forged and replayed ones
signed by hand), and a Stripe that is down or silent."""

import hashlib
import hmac
import json
import socket
import threading
import time

import pytest
from django.urls import reverse

from ledger.models import Transaction
from payments import funding, processor, refunds
from payments.exceptions import ProcessorUnavailable
from payments.models import Milestone, MilestoneState, Payment, StripeEvent
from tests.local_servers import free_port
from tests.payments.conftest import WEBHOOK_SECRET, fund, save_card

WEBHOOK = "/payments/stripe/webhook/"


def signed(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    at = at or int(time.time())
    signature = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256)
    return f"t={at},v1={signature.hexdigest()}"


def paid_behind_our_back(stripe, milestone, client) -> str:
    """The browser paid and our server never heard (the tab closed): only Stripe knows."""
    form = funding.start_funding(milestone=milestone, by=client)
    save_card(stripe, form)
    processor.charge_saved_card(
        payment_intent_id=form.payment.payment_intent_id,
        payment_method=processor.retrieve_card_setup(form.setup_intent_id).payment_method,
        key="browser",
    )
    return form.payment.payment_intent_id


@pytest.mark.django_db(transaction=True)
def test_stripes_signed_webhook_records_a_payment_the_browser_never_reported(
    stripe, live_server, milestones, hiring_client
):
    stripe.register_webhook(live_server.url + WEBHOOK, WEBHOOK_SECRET)
    paid_behind_our_back(stripe, milestones[0], hiring_client)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if Milestone.objects.get(pk=milestones[0].pk).state == MilestoneState.FUNDED:
            break
        time.sleep(0.2)
    assert Milestone.objects.get(pk=milestones[0].pk).state == MilestoneState.FUNDED
    # localstripe may send the event more than once, under several ids: one funding.
    time.sleep(1.5)
    assert StripeEvent.objects.filter(type="payment_intent.succeeded").exists()
    assert Transaction.objects.filter(kind="funding").count() == 1


@pytest.mark.django_db
def test_a_forged_signature_is_refused_and_changes_nothing(
    client, stripe, milestones, hiring_client
):
    intent = paid_behind_our_back(stripe, milestones[0], hiring_client)
    payload = json.dumps(
        {"id": "evt_forged", "type": "payment_intent.succeeded", "data": {"object": {"id": intent}}}
    ).encode()
    for signature in (signed(payload, "whsec_not_ours"), "", signed(payload, at=1)):
        response = client.post(
            WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
        )
        assert response.status_code == 400
    assert not StripeEvent.objects.exists() and not Transaction.objects.exists()


@pytest.mark.django_db
def test_a_replayed_event_is_acknowledged_and_changes_nothing(
    client, stripe, milestones, hiring_client
):
    intent = paid_behind_our_back(stripe, milestones[0], hiring_client)
    payload = json.dumps(
        {
            "id": "evt_once",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {"object": {"id": intent, "object": "payment_intent"}},
        }
    ).encode()
    answers = [
        client.post(
            WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload)
        )
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json()["outcome"] for a in answers] == ["processed", "replayed", "replayed"]
    assert Transaction.objects.filter(kind="funding").count() == 1
    assert StripeEvent.objects.count() == 1


# Stripe down or silent


@pytest.fixture
def stripe_closed(settings):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings.STRIPE_SECRET_KEY = "sk_test_closed"


@pytest.fixture
def stripe_silent(settings):
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{listener.getsockname()[1]}"
    settings.STRIPE_SECRET_KEY = "sk_test_silent"
    settings.STRIPE_TIMEOUT = 1.0
    yield
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["stripe_closed", "stripe_silent"])
def test_a_stripe_that_is_down_or_silent_means_try_again_and_nothing_recorded(
    request, fault, as_user, milestones, hiring_client
):
    request.getfixturevalue(fault)
    started = time.monotonic()
    response = as_user(hiring_client).get(reverse("payments:fund", args=[milestones[0].pk]))
    elapsed = time.monotonic() - started
    print(f"\n{fault}: the card form answered {response.status_code} in {elapsed:.2f} s")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "did not answer in time" in response.content.decode()
    assert "Try again" in response.content.decode()
    assert elapsed < 4
    assert not Payment.objects.exists() and not Transaction.objects.exists()
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.PROPOSED


@pytest.mark.django_db
def test_a_refund_while_stripe_is_down_changes_nothing(
    stripe, settings, milestones, hiring_client, freelancer
):
    fund(stripe, milestones[0], hiring_client)
    proposal = refunds.propose_refund(milestone=milestones[0], by=hiring_client, amount=50)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ProcessorUnavailable):
        refunds.accept_refund(proposal=proposal, by=freelancer)
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.FUNDED
    assert Transaction.objects.count() == 1  # the funding only
    settings.STRIPE_API_BASE = stripe.url  # Stripe is back: the same step now works
    refunds.accept_refund(proposal=proposal, by=freelancer)
    milestones[0].refresh_from_db()
    assert milestones[0].state == MilestoneState.SPLIT
