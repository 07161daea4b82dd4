"""Rate, price and budget filters compare amounts within one currency, never across them, and
the pages say so: "up to 40" is $40, or €40 when euros are chosen, never £40 and $40 together."""

import re
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from tests.factories import JobPostFactory, ServiceFactory
from tests.support.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def forty_an_hour(db):
    """Three services at 40 an hour, in dollars, pounds and euros."""
    return {
        currency: ServiceFactory(
            title=f"Writing at 40 {currency}", hourly_rate=Decimal("40"), currency=currency
        )
        for currency in ("USD", "GBP", "EUR")
    }


def titles(response) -> set[str]:
    return {card.title for card in response.context["page"].object_list}


def test_an_hourly_rate_up_to_40_without_a_currency_lists_dollars_only(client, forty_an_hour):
    response = client.get("/services/", {"max_rate": "40"})
    assert titles(response) == {"Writing at 40 USD"}
    assert "priced in US dollar (USD)" in text_of(response)


def test_an_hourly_rate_up_to_40_in_euros_lists_euros_only(client, forty_an_hour):
    response = client.get("/services/", {"max_rate": "40", "currency": "EUR"})
    assert titles(response) == {"Writing at 40 EUR"}
    html = response.content.decode()
    assert re.search(r'<option value="EUR" selected>Euro \(EUR\)</option>', html)


def test_the_filter_panel_shows_the_currency_it_compares_in(client, forty_an_hour):
    html = client.get("/services/", {"max_price": "1000"}).content.decode()
    assert re.search(r'<option value="USD" selected>US dollar \(USD\)</option>', html)
    assert "Compared in one currency, without conversion" in text_of(client.get("/services/"))


def test_without_an_amount_every_currency_is_listed(client, forty_an_hour):
    assert len(titles(client.get("/services/"))) == 3
    assert titles(client.get("/services/", {"currency": "GBP"})) == {"Writing at 40 GBP"}


def test_the_api_filters_within_one_currency_too(forty_an_hour):
    api = APIClient()
    listed = api.get("/api/v1/services/", {"max_rate": "40"}).json()["results"]
    assert [service["currency"] for service in listed] == ["USD"]
    listed = api.get("/api/v1/services/", {"max_rate": "40", "currency": "GBP"}).json()
    assert [service["currency"] for service in listed["results"]] == ["GBP"]


def test_the_schema_states_the_currency_rule_of_every_amount_filter():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    parameters = {
        parameter["name"]: parameter.get("description", "")
        for operation in (
            schema["paths"]["/api/v1/services/"]["get"],
            schema["paths"]["/api/v1/jobs/"]["get"],
        )
        for parameter in operation["parameters"]
    }
    for name in ("min_rate", "max_rate", "max_price", "min_budget", "max_budget"):
        assert "within one currency" in parameters[name], name
    assert "Only rows priced in this currency" in parameters["currency"]


def test_a_job_budget_filter_compares_within_one_currency(client, hiring_client):
    for currency in ("USD", "GBP"):
        JobPostFactory(
            client=hiring_client,
            title=f"Job in {currency}",
            budget_amount=Decimal("500"),
            currency=currency,
        )
    response = client.get("/jobs/", {"max_budget": "600"})
    assert [job.title for job in response.context["page"].object_list] == ["Job in USD"]
    assert "budgets in US dollar (USD)" in text_of(response)
    response = client.get("/jobs/", {"max_budget": "600", "currency": "GBP"})
    assert [job.title for job in response.context["page"].object_list] == ["Job in GBP"]
