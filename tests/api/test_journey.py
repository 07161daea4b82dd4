"""The issue's "done when": a client that knows only the published schema hires the seed
freelancer, reviews the work (and the freelancer the client: double-blind), and deletes the
review."""

import pytest
from rest_framework.test import APIClient

from demo.seed import CLIENT, FREELANCER, SEED_SERVICE_SLUG, load_demo
from ratings.aspects import ASPECTS

pytestmark = pytest.mark.django_db


class SchemaClient:
    """Calls operations by their `operationId`, with paths taken from the served schema."""

    def __init__(self):
        self.http = APIClient()
        schema = self.http.get("/api/schema/", {"format": "json"}).json()
        self.operations = {
            operation["operationId"]: (method, path)
            for path, item in schema["paths"].items()
            for method, operation in item.items()
        }

    def sign_in(self, token: str | None) -> "SchemaClient":
        self.http.credentials(**({"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}))
        return self

    def call(self, operation_id: str, *, expect: int = 200, body=None, query=None, **path):
        method, url = self.operations[operation_id]
        for name, value in path.items():
            url = url.replace("{" + name + "}", str(value))
        if method == "get":
            response = self.http.get(url, query)
        else:
            response = getattr(self.http, method)(url, body, format="json")
        assert response.status_code == expect, (operation_id, response.content)
        return response.json() if response.content else None


def test_a_client_finds_hires_and_reviews_the_seed_freelancer_through_the_schema():
    load_demo()
    api = SchemaClient()

    # Find the seed service by searching "news writing"; read its rates.
    found = api.call("services_list", query={"q": "news writing"})
    service = next(item for item in found["results"] if item["slug"] == SEED_SERVICE_SLUG)
    assert (service["hourly_rate"], service["starting_price"]) == ("15.00", "25.00")
    assert service["review_count"] == 0

    # Its freelancer's profile and writing samples.
    freelancer = api.call("profiles_retrieve", slug=service["owner"]["slug"])
    assert freelancer["display_name"] == "Elena Marsh"
    samples = api.call("samples_list", profile_slug=freelancer["slug"])
    assert [s["slug"] for s in samples["results"]] == [SEED_SERVICE_SLUG]

    # The client obtains a token and requests a quote.
    client_token = api.call(
        "auth_token_obtain", body={"email": CLIENT.email, "password": CLIENT.password}
    )["token"]
    engagement = api.sign_in(client_token).call(
        "engagements_create",
        expect=201,
        body={
            "service": SEED_SERVICE_SLUG,
            "what": "A 1,000-word explainer on the summit for our weekend edition.",
            "budget": "200.00",
        },
    )
    assert engagement["state"] == "requested"

    # With the freelancer's token the engagement is accepted and delivered.
    freelancer_token = api.sign_in(None).call(
        "auth_token_obtain", body={"email": FREELANCER.email, "password": FREELANCER.password}
    )["token"]
    api.sign_in(freelancer_token)
    inbox = api.call("engagements_list", query={"role": "freelancer"})
    assert [e["id"] for e in inbox["results"]] == [engagement["id"]]
    accepted = api.call(
        "engagements_accept",
        id=engagement["id"],
        body={"quoted_amount": "180.00", "quote_basis": "fixed"},
    )
    assert accepted["state"] == "accepted"
    assert api.call("engagements_deliver", id=engagement["id"])["state"] == "delivered"

    # The client completes it and posts a review; the count changes.
    api.sign_in(client_token)
    completed = api.call("engagements_complete", id=engagement["id"])
    assert (completed["state"], completed["can_review"]) == ("completed", True)
    review = api.call(
        "reviews_create",
        expect=201,
        body={
            "engagement": engagement["id"],
            "rating": 5,
            # A writing service: the review rates each writing aspect too.
            **{aspect.rating_field: 5 for aspect in ASPECTS},
            "text": "Clear, well-sourced and a day early. Would hire again.",
        },
    )
    assert review["published_at"] is None  # double-blind: waits for the freelancer's
    assert api.call("services_retrieve", slug=SEED_SERVICE_SLUG)["review_count"] == 0

    # The freelancer reviews the client: both reviews are published together.
    api.sign_in(freelancer_token)
    of_client = api.call(
        "reviews_create",
        expect=201,
        body={
            "engagement": engagement["id"],
            "rating": 5,
            "text": "A clear brief, quick answers and paid on time.",
        },
    )
    assert of_client["direction"] == "of_client" and of_client["published_at"] is not None
    by_client = api.call("clients_reviews_list", username=CLIENT.username)
    assert [r["id"] for r in by_client["results"]] == [of_client["id"]]
    api.sign_in(client_token)
    after_review = api.call("services_retrieve", slug=SEED_SERVICE_SLUG)
    assert (after_review["review_count"], after_review["rating_average"]) == (1, "5.00")
    assert after_review["sub_ratings"]["deadlines"]["average"] == "5.00"
    listed = api.call("services_reviews_list", slug=SEED_SERVICE_SLUG)
    assert [r["id"] for r in listed["results"]] == [review["id"]]

    # And deletes the review: the count goes back.
    api.call("reviews_destroy", expect=204, id=review["id"])
    assert api.call("services_retrieve", slug=SEED_SERVICE_SLUG)["review_count"] == 0
