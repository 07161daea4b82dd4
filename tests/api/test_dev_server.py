"""The API under Django's development server (`make run`), whose wsgiref core is stricter than
gunicorn: every header must be a plain `str`, so a `str` subclass in `Location` is a 500."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from ledger import posting
from ledger.models import AccountKind, TransactionKind
from marketplace.api.schema import published_schema
from payments import payouts
from tests.factories import (
    CompletedEngagementFactory,
    EngagementFactory,
    JobPostFactory,
    ReviewFactory,
    UserFactory,
)
from tests.support.mfa import give_totp, recovery_codes_of
from tests.support.tokens import token_key_for
from tests.upload_files import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
NEW_SERVICE = {
    "title": "I will edit your long reads",
    "category": "articles-news",
    "description": "Structural and line editing.",
    "hourly_rate": "25.00",
}


def post(live_server, path: str, body: dict, user, **headers) -> tuple[int, dict, dict]:
    key = token_key_for(user)
    request = urllib.request.Request(
        f"{live_server.url}{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {key}", **headers},
        method="POST",
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


@pytest.fixture
def creations(hiring_client, freelancer, outsider, service, sample, job, proposal):
    """How to create one object of each kind: operation id -> (who, path, JSON body)."""
    engagement = EngagementFactory(service=service, client=hiring_client)
    completed = CompletedEngagementFactory(service=service, client=hiring_client)
    review = ReviewFactory(service=service, author=UserFactory())
    other_job = JobPostFactory(client=hiring_client, category=job.category)
    jobs = "/api/v1/jobs/"
    return {
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
        # Money out needs a second factor's code (and money to take out).
        "me_payouts_create": (
            freelancer,
            "/api/v1/me/payouts/",
            {"currency": "USD", "amount": "10"},
            {"X-Second-Factor-Code": freelancer_with_money(freelancer)},
        ),
    }


def test_every_create_endpoint_answers_201_with_a_plain_location(live_server, creations):
    """Every operation documented with a 201, under the development server: a 201 (not the
    500 that a `Hyperlink` in `Location` gave), and a `Location` that is the new object's
    `url` when it has one."""
    assert set(creations) == created_operations()
    for operation, (user, path, body, *headers) in creations.items():
        if body is None:
            status, headers, created = post_file(live_server, path, "file", pdf_bytes(), user)
        else:
            status, headers, created = post(live_server, path, body, user, **(headers or [{}])[0])
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
