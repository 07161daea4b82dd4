"""One amount, one currency: every surface writes it the same way, through money.formatting."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from engagements import quoting
from money.formatting import format_money
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

AMOUNT = Decimal("1234.50")
SHOWN = "£1,234.50"


@pytest.fixture
def service():
    return ServiceFactory(
        owner__hourly_rate=AMOUNT,
        owner__currency="GBP",
        owner__display_name="Priya Raman",
        hourly_rate=AMOUNT,
        starting_price=AMOUNT,
        currency="GBP",
    )


@pytest.fixture
def engagement(service, mailoutbox, django_capture_on_commit_callbacks):
    client = UserFactory(first_name="Sam", last_name="Okafor")
    with django_capture_on_commit_callbacks(execute=True):
        engagement = quoting.request_quote(
            service=service, client=client, what="A long article about tides.", budget=AMOUNT
        )
    engagement.quoted_amount = AMOUNT
    engagement.save(update_fields=["quoted_amount"])
    return engagement


def test_the_library_formats_pounds_with_their_sign_and_grouping():
    assert format_money(AMOUNT, "GBP") == SHOWN
    assert format_money(Decimal("15.00"), "USD", per_hour=True) == "$15/hr"
    assert format_money(Decimal("40"), "CAD") == "CA$40"
    assert format_money(None, "USD") == ""


def test_an_amount_formatted_before_reads_as_its_currency_pattern_and_language_say():
    assert format_money(Decimal("25.50"), "USD") == "$25.50"
    # Kept per amount, currency, pattern and language: none of them borrows another's text.
    assert format_money(Decimal("25.50"), "EUR") == "€25.50"
    assert format_money(Decimal("25.00"), "USD") == format_money(25, "USD") == "$25"
    assert format_money(Decimal("0.085"), "USD", per_word=True) == "$0.085/word"
    assert format_money(Decimal("0.08"), "USD", per_word=True) == "$0.08/word"
    with translation.override("de"):
        assert format_money(Decimal("1234.50"), "EUR") == "€1.234,50"
    assert format_money(Decimal("1234.50"), "EUR") == "€1,234.50"


def test_every_surface_shows_the_same_amount_the_same_way(client, service, engagement, mailoutbox):
    pages = {}
    pages["service page"] = client.get(service.get_absolute_url()).content.decode()
    pages["profile page"] = client.get(service.owner.get_absolute_url()).content.decode()
    pages["search results"] = client.get("/services/").content.decode()
    (email,) = mailoutbox
    pages["email"] = email.body + email.alternatives[0][0]
    client.force_login(engagement.client)
    pages["quote form"] = client.get(f"/engagements/quote/{service.slug}/").content.decode()
    client.logout()
    pages["quote box"] = render_to_string(
        "engagements/includes/quote_box.html", {"service": service, "user": engagement.client}
    )

    client.force_login(engagement.client)
    pages["engagement page"] = client.get(engagement.get_absolute_url()).content.decode()
    api_engagement = client.get(f"/api/v1/engagements/{engagement.pk}/").json()
    client.force_login(service.owner.user)
    pages["dashboard preview"] = client.get(
        f"/dashboard/services/{service.slug}/preview/"
    ).content.decode()
    pages["dashboard list"] = client.get("/dashboard/services/").content.decode()
    api_service = client.get(f"/api/v1/services/{service.slug}/").json()
    api_profile = client.get(f"/api/v1/profiles/{service.owner.slug}/").json()

    for surface, html in pages.items():
        assert SHOWN in html, surface
        # The other ways it used to be written ("1234.50 GBP", "35 GBP/hr"); structured data
        # keeps its machine-readable "1234.50" with "priceCurrency".
        assert not re.search(r"1,?234\.50? GBP|GBP/hr", html), surface
    assert api_service["hourly_rate_display"] == f"{SHOWN}/hr"
    assert api_service["starting_price_display"] == SHOWN
    assert api_profile["hourly_rate_display"] == f"{SHOWN}/hr"
    assert api_engagement["budget_display"] == SHOWN
    assert api_engagement["quoted_amount_display"] == SHOWN


def test_a_new_service_starts_in_the_profiles_currency_and_rate(client, service):
    client.force_login(service.owner.user)
    html = client.get("/dashboard/services/new/").content.decode()
    assert '<option value="GBP" selected>' in html
    assert 'value="1234.50"' in html
