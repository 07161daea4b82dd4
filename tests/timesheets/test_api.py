"""The hourly API as its clients use it: terms, the saved card against the local Stripe,
entries with their field errors, weeks, the charge and a dispute, with Idempotency-Key."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from ledger.models import Transaction
from tests.support.api import error_of
from tests.support.tokens import token_key_for
from tests.timesheets.conftest import GOOD_CARD, close
from timesheets import calendar, charging
from timesheets.models import Contract, TimeEntry, WeekDispute, WeekState

pytestmark = pytest.mark.django_db
BASE = "/api/v1/hourly"


def api_as(user) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(user)}")
    return api


def test_an_hourly_week_through_the_api(stripe, hourly_engagement, freelancer, hiring_client):
    pk = hourly_engagement.pk
    elena, sam = api_as(freelancer), api_as(hiring_client)
    proposed = elena.post(
        f"{BASE}/engagements/{pk}/terms/",
        {"hourly_rate": "40.00", "weekly_limit": "10", "time_zone": "Asia/Kolkata"},
        format="json",
    )
    assert proposed.status_code == 201, proposed.json()
    assert sam.post(f"{BASE}/engagements/{pk}/terms/accept/").status_code == 200
    contract = sam.get(f"{BASE}/engagements/{pk}/").json()
    assert contract["time_zone"] == "Asia/Kolkata" and contract["why_no_time"].startswith(
        "The client has not saved a card"
    )
    setup = sam.post(f"{BASE}/engagements/{pk}/card/").json()
    stripe.post(
        f"/v1/setup_intents/{setup['setup_intent']}/confirm",
        {
            "key": setup["publishable_key"],
            "client_secret": setup["client_secret"],
            "payment_method_data": {
                "type": "card",
                "card": {"number": GOOD_CARD, "exp_month": "12", "exp_year": "2034", "cvc": "123"},
            },
        },
    )
    saved = sam.post(
        f"{BASE}/engagements/{pk}/card/confirm/",
        {"setup_intent": setup["setup_intent"]},
        format="json",
    )
    assert saved.status_code == 200 and saved.json()["has_card"] is True
    today = calendar.local_today("Asia/Kolkata").isoformat()
    logged = elena.post(
        f"{BASE}/engagements/{pk}/entries/",
        {"date": today, "hours": "6.5", "description": "Reporting"},
        format="json",
    )
    assert logged.status_code == 201, logged.json()
    over = elena.post(
        f"{BASE}/engagements/{pk}/entries/",
        {"date": today, "hours": "4", "description": "More"},
        format="json",
    )
    assert (over.status_code, error_of(over)["code"]) == (409, "over_limit")
    week = close(Contract.objects.get().weeks.get())
    charging.charge_closed_weeks()
    detail = sam.get(f"{BASE}/weeks/{week.pk}/").json()
    assert detail["state"] == "in_review" and detail["amount"] == "260.00"
    assert detail["receipts"][0]["pdf_url"].endswith(".pdf")
    key = {"HTTP_IDEMPOTENCY_KEY": "dispute-week-1"}
    body = {"reason": "Half of it.", "entries": [detail["entries"][0]["id"]]}
    first = sam.post(f"{BASE}/weeks/{week.pk}/disputes/", body, format="json", **key)
    again = sam.post(f"{BASE}/weeks/{week.pk}/disputes/", body, format="json", **key)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert WeekDispute.objects.count() == 1
    paid_again = sam.post(f"{BASE}/weeks/{week.pk}/charge/")
    assert (paid_again.status_code, error_of(paid_again)["code"]) == (409, "wrong_state")
    assert Transaction.objects.filter(kind="funding").count() == 1
    week.refresh_from_db()
    assert week.state == WeekState.DISPUTED


@pytest.mark.parametrize(
    "body, field",
    [
        ({"hours": "-1", "description": "x"}, "hours"),
        ({"hours": "0.3", "description": "x"}, "hours"),
        ({"hours": "1e3", "description": "x"}, "hours"),
        ({"hours": 2, "description": "x"}, "hours"),
        ({"hours": "25", "description": "x"}, "hours"),
        ({"hours": "1", "description": ""}, "description"),
        ({"hours": "1", "description": "x", "date": "2001-01-01"}, "date"),
    ],
)
def test_bad_entries_are_field_errors(carded, freelancer, body, field):
    body = {"date": calendar.local_today(carded.time_zone).isoformat(), **body}
    response = api_as(freelancer).post(
        f"{BASE}/engagements/{carded.engagement_id}/entries/", body, format="json"
    )
    assert response.status_code == 400
    assert field in error_of(response)["errors"], response.json()
    assert not TimeEntry.objects.exists()


def test_a_rate_is_checked_as_the_form_checks_it(hourly_engagement, freelancer):
    for rate in ("-40", "0", "40.001", "999999999"):
        response = api_as(freelancer).post(
            f"{BASE}/engagements/{hourly_engagement.pk}/terms/",
            {"hourly_rate": rate, "weekly_limit": "10"},
            format="json",
        )
        assert response.status_code == 400, rate
        assert "hourly_rate" in error_of(response)["errors"]
    assert not Contract.objects.exists()


def test_an_entry_is_changed_and_deleted_through_the_api(carded, freelancer):
    api = api_as(freelancer)
    today = calendar.local_today(carded.time_zone).isoformat()
    entry = api.post(
        f"{BASE}/engagements/{carded.engagement_id}/entries/",
        {"date": today, "hours": "1", "description": "a"},
        format="json",
    ).json()
    changed = api.put(
        f"{BASE}/entries/{entry['id']}/",
        {"date": today, "hours": "2.25", "description": "b"},
        format="json",
    )
    assert changed.status_code == 200 and Decimal(changed.json()["hours"]) == Decimal("2.25")
    assert api.delete(f"{BASE}/entries/{entry['id']}/").status_code == 204
    assert not TimeEntry.objects.exists()
