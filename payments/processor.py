"""Stripe, and only here: every call the site makes to the card processor.

The client is configured from settings on each use (`STRIPE_SECRET_KEY`, `STRIPE_API_BASE`
for a local test server, `STRIPE_TIMEOUT`), with short timeouts and no retries of its own: a
Stripe that does not answer costs a request a few seconds, then `ProcessorUnavailable` ("try
again"), never a hang. Every POST carries an idempotency key that the caller derives from our
own rows, so a retried request is the same request. (localstripe, the local test server,
ignores those keys, so the workflows never rely on them alone: they look up their own rows
before asking Stripe to create anything.)

Amounts cross this boundary as integers of the currency's minor unit, computed by the caller
from our rows (`money.currencies.to_minor_units`), never taken from a browser.

Without a secret key and without a local server, card payments are off: `is_configured()`
is False and the pages say so.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import stripe
from django.conf import settings

from payments.exceptions import PaymentRefused, ProcessorUnavailable

logger = logging.getLogger(__name__)

STRIPE_JS_URL = "https://js.stripe.com/v3/"
# The keys a local test server accepts (any test key does): used when none is configured.
LOCAL_SECRET_KEY = "sk_test_local"
LOCAL_PUBLISHABLE_KEY = "pk_test_local"
# Connecting takes at most this long (seconds), within STRIPE_TIMEOUT.
CONNECT_TIMEOUT = 2.0
# What the pages show in test mode: Stripe's (and localstripe's) card that always succeeds.
TEST_CARD = "4242 4242 4242 4242"


class CardDeclined(PaymentRefused):
    """The card was refused (declined, expired, failed authentication): the card's message
    is the sentence."""

    def __init__(self, message: str):
        super().__init__(message or "Your card was declined.", code="card_declined")


@dataclass(frozen=True)
class Intent:
    """What the workflows read of a PaymentIntent."""

    id: str
    status: str
    amount: int
    currency: str
    client_secret: str
    error_message: str
    metadata: dict


@dataclass(frozen=True)
class CardSetup:
    """What the workflows read of a SetupIntent (a card saved before it is charged)."""

    id: str
    status: str
    client_secret: str
    payment_method: str
    metadata: dict


@dataclass(frozen=True)
class RefundAtStripe:
    id: str
    status: str
    amount: int
    currency: str
    payment_intent: str


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY or settings.STRIPE_API_BASE)


def is_test_mode() -> bool:
    """Test cards only: a test key, or a local test server."""
    return bool(settings.STRIPE_API_BASE) or settings.STRIPE_SECRET_KEY.startswith("sk_test_")


def publishable_key() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY or LOCAL_PUBLISHABLE_KEY


def stripe_js_url() -> str:
    """Stripe.js, or the local server's stand-in for it (localstripe serves one)."""
    if settings.STRIPE_API_BASE:
        return f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"
    return STRIPE_JS_URL


def content_security_policy() -> dict[str, list[str]]:
    """What the card form's page must allow beyond the site's own policy: Stripe.js's origin
    for the script, the frames it draws the card field and 3-D Secure in, and the API it
    talks to."""
    if settings.STRIPE_API_BASE:
        origin = _origin(settings.STRIPE_API_BASE)
        return {"script-src": [origin], "connect-src": [origin], "frame-src": [origin]}
    return {
        "script-src": ["https://js.stripe.com"],
        "connect-src": ["https://api.stripe.com"],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _client() -> stripe.StripeClient:
    if not is_configured():
        raise ProcessorUnavailable(
            "Card payments are not set up on this site yet.", code="processor_not_configured"
        )
    read_timeout = max(settings.STRIPE_TIMEOUT, 0.1)
    options = {
        "http_client": stripe.RequestsClient(
            timeout=(min(CONNECT_TIMEOUT, read_timeout), read_timeout)
        ),
        # No retries of the library's own: a retry would stretch the request past its
        # timeout; the person (or the API client, told by Retry-After) tries again.
        "max_network_retries": 0,
    }
    if settings.STRIPE_API_BASE:
        base = settings.STRIPE_API_BASE
        options["base_addresses"] = {"api": base, "connect": base, "files": base}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY or LOCAL_SECRET_KEY, **options)


def _call(what: str, function, *args, **kwargs):
    """Call Stripe; its failures become our refusals (a card's own refusal, or "try again")."""
    try:
        return function(*args, **kwargs)
    except stripe.CardError as error:
        raise CardDeclined(error.user_message or "") from error
    except (stripe.APIConnectionError, stripe.RateLimitError) as error:
        logger.warning("Stripe did not answer (%s): %s", what, error)
        raise ProcessorUnavailable() from error
    except stripe.StripeError as error:
        # Stripe's own trouble (5xx), a key that is wrong, or a request it refuses: nothing
        # happened; staff read the log.
        logger.error("Stripe refused %s: %s", what, error)
        raise ProcessorUnavailable(
            "The card processor could not do this just now. Nothing was charged or recorded: "
            "please try again later.",
            code="processor_error",
        ) from error


def create_customer(*, email: str, idempotency_key: str) -> str:
    customer = _call(
        "creating a customer",
        _client().v1.customers.create,
        params={"email": email},
        options={"idempotency_key": idempotency_key},
    )
    return customer.id


def create_payment_intent(
    *, amount_minor: int, currency: str, customer: str, metadata: dict, idempotency_key: str
) -> Intent:
    intent = _call(
        "creating a payment",
        _client().v1.payment_intents.create,
        params={
            "amount": amount_minor,
            "currency": currency.lower(),
            "customer": customer,
            "payment_method_types": ["card"],
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )
    return _intent(intent)


def retrieve_payment_intent(payment_intent_id: str) -> Intent:
    intent = _call("reading a payment", _client().v1.payment_intents.retrieve, payment_intent_id)
    return _intent(intent)


def cancel_payment_intent(payment_intent_id: str) -> Intent:
    """Cancel an intent nobody will pay any more, so that its client secret can no longer
    charge a card."""
    intent = _call(
        "cancelling a payment",
        _client().v1.payment_intents.cancel,
        payment_intent_id,
        options={"idempotency_key": f"cancel:{payment_intent_id}"},
    )
    return _intent(intent)


def create_card_setup(
    *, customer: str, metadata: dict, idempotency_key: str, usage: str = "on_session"
) -> CardSetup:
    """A SetupIntent: the card form saves the card to the customer through it (Stripe.js's
    `confirmCardSetup`), and `charge_saved_card` charges it. `usage="off_session"` saves a
    card the server charges later without the customer (hourly weeks): Stripe then asks for
    3-D Secure at saving time, when the customer is there to answer."""
    setup = _call(
        "preparing the card form",
        _client().v1.setup_intents.create,
        params={
            "customer": customer,
            "payment_method_types": ["card"],
            "usage": usage,
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )
    return _card_setup(setup)


def retrieve_card_setup(setup_intent_id: str) -> CardSetup:
    setup = _call("reading the card", _client().v1.setup_intents.retrieve, setup_intent_id)
    return _card_setup(setup)


def charge_saved_card(*, payment_intent_id: str, payment_method: str, key: str) -> Intent:
    """Confirm the PaymentIntent with a card the customer has just saved, while they are on
    the page. A declined card raises `CardDeclined` with the card's message; a card that
    asks for 3-D Secure comes back `requires_action`, for Stripe.js's `confirmCardPayment`.

    Where this differs from what one would write for Stripe alone: Stripe takes the card in
    the confirmation itself (`confirm(id, payment_method=...)`, or `create(confirm=True)`,
    plus `off_session=True` for a customer who is not present). localstripe, the local test
    server, refuses all three, so the card is set on the intent first, then the intent is
    confirmed: two calls that mean the same to Stripe.
    """
    client = _client()
    _call(
        "setting the card",
        client.v1.payment_intents.update,
        payment_intent_id,
        params={"payment_method": payment_method},
        options={"idempotency_key": f"{key}:card"},
    )
    intent = _call(
        "charging the card",
        client.v1.payment_intents.confirm,
        payment_intent_id,
        options={"idempotency_key": f"{key}:confirm"},
    )
    return _intent(intent)


def create_refund(*, payment_intent_id: str, amount_minor: int, idempotency_key: str):
    refund = _call(
        "refunding",
        _client().v1.refunds.create,
        params={"payment_intent": payment_intent_id, "amount": amount_minor},
        options={"idempotency_key": idempotency_key},
    )
    return _refund(refund, payment_intent_id)


def list_refunds(payment_intent_id: str) -> list[RefundAtStripe]:
    refunds = _call(
        "listing refunds",
        _client().v1.refunds.list,
        params={"payment_intent": payment_intent_id, "limit": 100},
    )
    return [_refund(refund, payment_intent_id) for refund in refunds.data]


def verify_webhook(payload: bytes, signature: str) -> dict:
    """The event, if `signature` is Stripe's signature of `payload` with our webhook secret
    (and recent); else `ValueError`."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise ValueError("No webhook secret is configured.")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except stripe.SignatureVerificationError as error:
        raise ValueError(str(error)) from error
    return event.to_dict()


def _intent(intent) -> Intent:
    intent = intent.to_dict()
    error = intent.get("last_payment_error") or {}
    return Intent(
        id=intent["id"],
        status=intent["status"],
        amount=intent["amount"],
        currency=intent["currency"].upper(),
        client_secret=intent.get("client_secret") or "",
        error_message=error.get("message") or "",
        metadata=dict(intent.get("metadata") or {}),
    )


def _card_setup(setup) -> CardSetup:
    setup = setup.to_dict()
    payment_method = setup.get("payment_method") or ""
    if isinstance(payment_method, dict):  # expanded
        payment_method = payment_method["id"]
    return CardSetup(
        id=setup["id"],
        status=setup["status"],
        client_secret=setup.get("client_secret") or "",
        payment_method=payment_method,
        metadata=dict(setup.get("metadata") or {}),
    )


def _refund(refund, payment_intent_id: str) -> RefundAtStripe:
    refund = refund.to_dict()
    return RefundAtStripe(
        id=refund["id"],
        status=refund["status"],
        amount=refund["amount"],
        currency=refund["currency"].upper(),
        payment_intent=refund.get("payment_intent") or payment_intent_id,
    )
