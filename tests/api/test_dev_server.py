"""The API under Django's development server (`make run`), whose wsgiref core is stricter than
gunicorn: every header must be a plain `str`, so a `str` subclass in `Location` is a 500."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger import posting
from ledger.models import AccountKind, TransactionKind
from orders import placing
from orders.models import Order
from payments import payouts
from payments.models import Milestone, MilestoneState
from services import packages
from services.models import PackageTier
from tests.factories import (
    CompletedEngagementFactory,
    EngagementFactory,
    JobPostFactory,
    ReviewFactory,
    UserFactory,
)
from tests.support.mfa import give_totp, recovery_codes_of
from tests.support.schema import published_schema
from tests.support.tokens import token_key_for
from tests.upload_files import pdf_bytes
from timesheets import calendar, charging, terms
from timesheets.models import Contract, TimeEntry, Week

pytestmark = pytest.mark.django_db(transaction=True)
NEW_SERVICE = {
    "title": "I will edit your long reads",
    "category": "articles-news",
    "description": "Structural and line editing.",
    "hourly_rate": "25.00",
}


def post(
    live_server, path: str, body: dict, user, method: str = "POST", **headers
) -> tuple[int, dict, dict]:
    key = token_key_for(user)
    request = urllib.request.Request(
        f"{live_server.url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {key}", **headers},
        method=method,
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), {}


def post_file(live_server, path: str, field: str, content: bytes, user) -> tuple[int, dict, dict]:
    key = token_key_for(user)
    boundary = "----marketplace-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="brief.pdf"'
            f"\r\nContent-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{live_server.url}{path}",
        data=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Authorization": f"Token {key}",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), {}


def created_operations() -> set[str]:
    return {
        operation["operationId"]
        for item in published_schema()["paths"].values()
        for operation in item.values()
        if "201" in operation["responses"]
    }


def freelancer_with_money(freelancer) -> str:
    """Give the freelancer $50 to take out, payout details and a second factor; returns one
    of its recovery codes."""
    escrow = posting.account(AccountKind.ESCROW, "USD", reference="milestone:test")
    card = posting.account(AccountKind.CLIENT_CARD, "USD")
    balance = posting.account(AccountKind.FREELANCER_BALANCE, "USD", holder=freelancer)
    fifty = Decimal("50.00")
    for key, legs in {
        "funding:test": [(card, -fifty), (escrow, fifty)],
        "release:test": [(escrow, -fifty), (balance, fifty)],
    }.items():
        posting.post(
            kind=TransactionKind.FUNDING, currency="USD", legs=legs, idempotency_key=key,
            reference="milestone:test",
        )  # fmt: skip
    payouts.save_payout_details(user=freelancer, account_holder="Elena", bank_details="DE89")
    give_totp(freelancer)
    return recovery_codes_of(freelancer)[0]


def hourly_contract(service, client, freelancer):
    """Two hourly engagements: one without terms, one whose contract has a card on file (a
    demo one: nothing here reaches Stripe), this week open and last week charged."""
    fresh, hired = (
        EngagementFactory(
            service=service,
            client=client,
            state="accepted",
            accepted_at=timezone.now(),
            quote_basis="hourly",
            quoted_amount=Decimal("30"),
        )
        for _ in range(2)
    )
    terms.propose_terms(
        engagement=hired, by=freelancer, hourly_rate=Decimal(30), weekly_limit=Decimal(10)
    )
    terms.accept_terms(engagement=hired, by=client)
    contract = Contract.objects.get(engagement=hired)
    Contract.objects.filter(pk=contract.pk).update(
        payment_method_id="pm_demo", customer_id="cus_demo", card_saved_at=timezone.now()
    )
    last_monday = calendar.week_start(contract.time_zone) - timedelta(days=7)
    week = Week.objects.create(
        contract=contract,
        starts_on=last_monday,
        closes_at=calendar.week_closes_at(last_monday, contract.time_zone),
        hourly_rate=Decimal(30),
        weekly_limit=Decimal(10),
        currency=contract.currency,
        hours=Decimal(2),
    )
    TimeEntry.objects.create(week=week, date=last_monday, hours=Decimal(2), description="x")
    charging.record_demo_charge(week_pk=week.pk)
    return fresh, hired, week


def order_in_progress(service, client) -> Order:
    """An order of the service's Basic package, paid (a demo funding: nothing reaches Stripe)
    and answered, so that its freelancer may offer extras."""
    order = placing.place_order(
        service=service, client=client, tier=PackageTier.BASIC, add_on_ids=[], request_key="x"
    )
    now = timezone.now()
    Milestone.objects.filter(pk=order.milestone_id).update(
        state=MilestoneState.FUNDED, funded_at=now
    )
    Order.objects.filter(pk=order.pk).update(requirements_at=now, due_at=now + timedelta(days=3))
    return order


@pytest.fixture
def creations(hiring_client, freelancer, outsider, service, sample, job, proposal):
    """How to create one object of each kind: operation id -> (who, path, JSON body)."""
    engagement = EngagementFactory(service=service, client=hiring_client)
    completed = CompletedEngagementFactory(service=service, client=hiring_client)
    review = ReviewFactory(service=service, author=UserFactory())
    other_job = JobPostFactory(client=hiring_client, category=job.category)
    jobs = "/api/v1/jobs/"
    packages.save_package(
        service=service,
        tier=PackageTier.BASIC,
        name="500 words",
        description="One article.",
        price=Decimal("50"),
        delivery_days=3,
        revisions=1,
    )
    offer = f"/api/v1/services/{service.slug}/"
    order = order_in_progress(service, hiring_client)
    fresh, hired, week = hourly_contract(service, hiring_client, freelancer)
    today = calendar.local_today(hired.hourly_contract.time_zone).isoformat()
    return {
        # PUT: the first package of a tier is created.
        "services_packages_update": (
            freelancer,
            f"{offer}packages/standard/",
            {
                "name": "1,000 words",
                "description": "A longer article.",
                "price": "90.00",
                "delivery_days": 5,
                "revisions": 2,
            },
        ),
        "services_add_ons_create": (
            freelancer,
            f"{offer}add-ons/",
            {"name": "Delivery in 24 hours", "price": "20.00"},
        ),
        "services_questions_create": (freelancer, f"{offer}questions/", {"text": "Which topic?"}),
        "services_orders_create": (hiring_client, f"{offer}orders/", {"package": "basic"}),
        "orders_extras_create": (
            freelancer,
            f"/api/v1/orders/{order.pk}/extras/",
            {"kind": "extension", "description": "Two more interviews", "extra_days": 2},
        ),
        "hourly_terms_propose": (
            freelancer,
            f"/api/v1/hourly/engagements/{fresh.pk}/terms/",
            {"hourly_rate": "30.00", "weekly_limit": "10"},
        ),
        "hourly_entries_create": (
            freelancer,
            f"/api/v1/hourly/engagements/{hired.pk}/entries/",
            {"date": today, "hours": "1.5", "description": "Research"},
        ),
        "hourly_week_dispute": (
            hiring_client,
            f"/api/v1/hourly/weeks/{week.pk}/disputes/",
            {"reason": "Not agreed."},
        ),
        "services_create": (freelancer, "/api/v1/services/", NEW_SERVICE),
        "engagements_create": (
            UserFactory(),
            "/api/v1/engagements/",
            {"service": service.slug, "what": "A short explainer on the summit."},
        ),
        "engagements_messages_create": (
            hiring_client,
            f"/api/v1/engagements/{engagement.pk}/messages/",
            {"body": "Could you add two charts?"},
        ),
        "favourites_create": (hiring_client, "/api/v1/favourites/", {"service": service.slug}),
        "jobs_create": (
            hiring_client,
            jobs,
            {
                "title": "Five more articles on local elections",
                "category": job.category.slug,
                "brief": "Five articles of 800 words each for a regional paper's readers.",
                "budget_basis": "fixed",
                "budget_amount": "500.00",
            },
        ),
        "jobs_proposals_create": (
            freelancer,
            f"{jobs}{other_job.pk}/proposals/",
            {
                "cover_letter": "I have covered three elections for regional papers.",
                "price": "450.00",
                "basis": "fixed",
                "duration_days": 10,
                "service": service.slug,
            },
        ),
        "jobs_proposals_messages_create": (
            hiring_client,
            f"{jobs}proposals/{proposal.pk}/messages/",
            {"body": "Can you start on Monday?"},
        ),
        "jobs_invitations_create": (
            hiring_client,
            f"{jobs}{other_job.pk}/invitations/",
            {"freelancer": service.owner.slug},
        ),
        "jobs_proposals_hire": (hiring_client, f"{jobs}proposals/{proposal.pk}/hire/", {}),
        "me_become_freelancer": (outsider, "/api/v1/me/", {}),
        "samples_create": (
            freelancer,
            f"/api/v1/profiles/{service.owner.slug}/samples/",
            {"title": "Budget day, explained", "body": "The budget, in five charts."},
        ),
        "reviews_create": (
            hiring_client,
            "/api/v1/reviews/",
            {"engagement": completed.pk, "rating": 5, "text": "Clear, well-sourced and early."},
        ),
        "reviews_report": (outsider, f"/api/v1/reviews/{review.pk}/reports/", {"reason": "Spam."}),
        "saved_searches_create": (
            hiring_client,
            "/api/v1/saved-searches/",
            {"kind": "services", "name": "News", "query": "q=news"},
        ),
        # Multipart: the file is the body.
        "jobs_attachments_create": (hiring_client, f"{jobs}{other_job.pk}/attachments/", None),
        "document_quotes_create": (
            hiring_client,
            f"/api/v1/services/{priced_for_words(service).slug}/document-quotes/",
            None,
        ),
        "me_languages_create": (
            freelancer,
            "/api/v1/me/languages/",
            {"language": "de", "level": "c1"},
        ),
        "me_language_pairs_create": (
            freelancer,
            "/api/v1/me/language-pairs/",
            {"source": "de", "target": "en", "subjects": ["legal"]},
        ),
        # Money out needs a second factor's code (and money to take out).
        "me_payouts_create": (
            freelancer,
            "/api/v1/me/payouts/",
            {"currency": "USD", "amount": "10"},
            {"X-Second-Factor-Code": freelancer_with_money(freelancer)},
        ),
    }


def priced_for_words(service):
    """The service with a per-word rate: instant quotes need one."""
    type(service).objects.filter(pk=service.pk).update(per_word_rate="0.10")
    return service


def test_every_create_endpoint_answers_201_with_a_plain_location(live_server, creations):
    """Every operation documented with a 201, under the development server: a 201 (not the
    500 that a `Hyperlink` in `Location` gave), and a `Location` that is the new object's
    `url` when it has one."""
    assert set(creations) == created_operations()
    for operation, (user, path, body, *headers) in creations.items():
        if body is None:
            field = "document" if operation == "document_quotes_create" else "file"
            status, headers, created = post_file(live_server, path, field, pdf_bytes(), user)
        else:
            method = "PUT" if operation.endswith("_update") else "POST"
            status, headers, created = post(
                live_server, path, body, user, method, **(headers or [{}])[0]
            )
        assert status == 201, (operation, status)
        if "url" in created:
            assert headers["Location"] == created["url"], operation
        else:
            assert "Location" not in headers, operation


def test_the_schema_answers_several_clients_at_once(live_server):
    # The development server is threaded; generating the schema in two threads at once
    # answered 500 to one of them.
    def fetch(_):
        with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as response:
            return response.status

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(fetch, range(8))) == [200] * 8
