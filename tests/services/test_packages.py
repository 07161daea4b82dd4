"""Packages, add-ons and requirement questions: the workflow's limits, the dashboard pages,
their access matrix, and the service page's comparison and "Starting at"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from services import package_limits as limits
from services import packages
from services.models import PackageTier, QuestionKind, ServiceAddOn, ServicePackage
from services.packages import OfferRefused
from tests.packages_world import add_packages
from tests.support.pages import json_ld

pytestmark = pytest.mark.django_db


def _package_post(tier: int, **overrides) -> dict:
    fields = {
        "name": "Short piece",
        "description": "A short piece.",
        "price": "40",
        "delivery_days": "2",
        "revisions": "1",
        "word_count": "",
        **overrides,
    }
    return {f"tier-{tier}-{name}": value for name, value in fields.items()}


class TestWorkflow:
    def test_starting_at_is_the_cheapest_package_and_fastest_delivery_is_kept(self, service):
        add_packages(service)
        assert service.package_price_from == Decimal("50.00")
        assert service.fastest_delivery_days == 3
        assert service.shown_starting_price == Decimal("50.00")

    def test_removing_the_last_package_gives_back_the_services_own_starting_price(self, service):
        own = service.starting_price
        add_packages(service)
        for package in list(service.packages.all()):
            packages.delete_package(package=package)
        service.refresh_from_db()
        assert service.package_price_from is None
        assert service.shown_starting_price == own

    def test_it_refuses_an_add_on_beyond_the_limit(self, service):
        for number in range(limits.MAX_ADD_ONS):
            packages.save_add_on(service=service, name=f"Extra {number}", price=Decimal(5))
        with pytest.raises(OfferRefused) as refused:
            packages.save_add_on(service=service, name="One too many", price=Decimal(5))
        assert refused.value.code == "too_many"
        assert ServiceAddOn.objects.filter(service=service).count() == limits.MAX_ADD_ONS

    def test_it_refuses_a_question_beyond_the_limit(self, service):
        for number in range(limits.MAX_QUESTIONS):
            packages.save_question(service=service, text=f"Question {number}?")
        with pytest.raises(OfferRefused):
            packages.save_question(service=service, text="One too many?")


class TestDashboardPages:
    def test_the_owner_saves_two_tiers_and_leaves_the_third_empty(
        self, client, freelancer, service
    ):
        client.force_login(freelancer)
        url = reverse("dashboard:packages", args=[service.slug])
        data = {**_package_post(1), **_package_post(2, name="Long piece", price="80")}
        response = client.post(url, data)
        assert response.status_code == 302
        assert list(service.packages.values_list("tier", "price")) == [
            (PackageTier.BASIC, Decimal("40.00")),
            (PackageTier.STANDARD, Decimal("80.00")),
        ]
        service.refresh_from_db()
        assert service.package_price_from == Decimal("40.00")

    def test_errors_are_shown_by_the_field_and_the_input_is_kept(self, client, freelancer, service):
        client.force_login(freelancer)
        url = reverse("dashboard:packages", args=[service.slug])
        response = client.post(
            url, _package_post(1, price="0", delivery_days=str(limits.MAX_DELIVERY_DAYS + 1))
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert f"Enter a price of at least {limits.PACKAGE_MIN_PRICE}." in page
        assert f"Enter at most {limits.MAX_DELIVERY_DAYS} days." in page
        assert 'value="Short piece"' in page
        assert not ServicePackage.objects.exists()

    def test_a_tier_is_removed_with_its_checkbox(self, client, freelancer, service):
        add_packages(service)
        client.force_login(freelancer)
        url = reverse("dashboard:packages", args=[service.slug])
        page = client.get(url)
        data = {}
        for tier, form, _ in page.context["tier_forms"]:
            data.update(
                {
                    f"tier-{tier.value}-{k}": v or ""
                    for k, v in form.initial.items()
                    if k in form.fields
                }
            )
        data["tier-3-remove"] = "on"
        assert client.post(url, data).status_code == 302
        assert list(service.packages.values_list("tier", flat=True)) == [1, 2]
        service.refresh_from_db()
        assert service.package_price_from == Decimal("50.00")

    def test_a_multiple_choice_question_needs_two_options(self, client, freelancer, service):
        client.force_login(freelancer)
        url = reverse("dashboard:extras", args=[service.slug, "questions"])
        response = client.post(
            url, {"text": "Which tone?", "kind": QuestionKind.CHOICE, "options": "Formal"}
        )
        assert response.status_code == 400
        assert f"Give between 2 and {limits.MAX_QUESTION_OPTIONS} options" in (
            response.content.decode()
        )
        response = client.post(
            url,
            {"text": "Which tone?", "kind": QuestionKind.CHOICE, "options": "Formal\n\nFriendly\n"},
        )
        assert response.status_code == 302
        assert service.questions.get().option_list == ["Formal", "Friendly"]

    def test_the_owner_adds_edits_and_deletes_an_add_on(self, client, freelancer, service):
        client.force_login(freelancer)
        url = reverse("dashboard:extras", args=[service.slug, "add-ons"])
        client.post(url, {"name": "Express", "price": "20", "extra_days": "0"})
        add_on = service.add_ons.get()
        edit = reverse("dashboard:extra_edit", args=[service.slug, "add-ons", add_on.pk])
        client.post(edit, {"name": "Express delivery", "price": "25", "extra_days": "0"})
        add_on.refresh_from_db()
        assert (add_on.name, add_on.price) == ("Express delivery", Decimal("25.00"))
        delete = reverse("dashboard:extra_delete", args=[service.slug, "add-ons", add_on.pk])
        assert client.post(delete).status_code == 302
        assert not service.add_ons.exists()


def _urls(service, add_on):
    return [
        (reverse("dashboard:packages", args=[service.slug]), _package_post(1)),
        (
            reverse("dashboard:extras", args=[service.slug, "add-ons"]),
            {"name": "New", "price": "5", "extra_days": "0"},
        ),
        (
            reverse("dashboard:extra_edit", args=[service.slug, "add-ons", add_on.pk]),
            {"name": "Changed", "price": "5", "extra_days": "0"},
        ),
        (reverse("dashboard:extra_delete", args=[service.slug, "add-ons", add_on.pk]), {}),
        (
            reverse("dashboard:extras", args=[service.slug, "questions"]),
            {"text": "New?", "kind": "text", "required": "on"},
        ),
    ]


class TestAccessMatrix:
    """Anonymous visitors sign in; outsiders and staff get 404 and change nothing; the owner
    changes the service's offer."""

    def _state(self, service):
        return (
            list(ServicePackage.objects.values_list("tier", "name", "price")),
            list(ServiceAddOn.objects.values_list("name", "price")),
            list(service.questions.values_list("text", flat=True)),
        )

    @pytest.mark.parametrize("who", ["anonymous", "outsider", "staff", "owner"])
    def test_each_mutating_url(self, client, service, freelancer, outsider, staff, who):
        add_on = packages.save_add_on(service=service, name="Express", price=Decimal(20))
        users = {"outsider": outsider, "staff": staff, "owner": freelancer}
        for url, data in _urls(service, add_on):
            if who != "anonymous":
                client.force_login(users[who])
            before = self._state(service)
            response = client.post(url, data)
            if who == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response.url
            elif who == "owner":
                assert response.status_code == 302, url
                continue
            else:
                assert response.status_code == 404, url
            assert self._state(service) == before

    def test_a_state_change_needs_the_csrf_token(self, service, freelancer):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(freelancer)
        url = reverse("dashboard:packages", args=[service.slug])
        assert client.post(url, _package_post(1)).status_code == 403
        assert not ServicePackage.objects.exists()


class TestServicePage:
    def test_packages_are_compared_and_starting_at_is_the_cheapest(self, client, service):
        add_packages(service)
        response = client.get(service.get_absolute_url())
        page = response.content.decode()
        assert 'id="packages"' in page
        for name in ("500-word article", "1,000-word article", "2,000-word feature"):
            assert name in page
        assert "Starting at $50" in page
        assert "Delivery in 24 hours" in page
        offers = json_ld(response)["offers"]
        assert [offer.get("price") for offer in offers[1:]] == ["50.00", "90.00", "160.00"]

    def test_a_service_without_packages_shows_what_it_showed(
        self, client, service, django_assert_max_num_queries
    ):
        response = client.get(service.get_absolute_url())
        page = response.content.decode()
        assert 'id="packages"' not in page
        assert (
            f"Starting at ${service.starting_price:,.0f}" in page or service.starting_price is None
        )
        assert isinstance(json_ld(response)["offers"], dict)

    def test_the_packages_are_read_once_per_catalogue_version(self, client, service):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def package_queries(captured) -> int:
            return sum(
                "services_servicepackage" in query["sql"] or "services_serviceaddon" in query["sql"]
                for query in captured
            )

        with CaptureQueriesContext(connection) as without:
            client.get(service.get_absolute_url())
        add_packages(service)
        with CaptureQueriesContext(connection) as with_packages:
            client.get(service.get_absolute_url())
        with CaptureQueriesContext(connection) as cached:
            page = client.get(service.get_absolute_url()).content.decode()
        assert [package_queries(run) for run in (without, with_packages, cached)] == [0, 2, 0]
        assert "1,000-word article" in page

    def test_the_order_form_is_for_visitors_not_for_the_owner(self, client, service, freelancer):
        add_packages(service)
        url = service.get_absolute_url()
        assert "Choose a package" in client.get(url).content.decode()
        client.force_login(freelancer)  # the service's owner: the packages, and no order form
        page = client.get(url).content.decode()
        assert "1,000-word article" in page and "Choose a package" not in page

    def test_an_edited_package_shows_at_once(self, client, service):
        add_packages(service)
        client.get(service.get_absolute_url())
        package = service.packages.get(tier=PackageTier.STANDARD)
        packages.save_package(
            service=service,
            tier=package.tier,
            name="A 1,200-word article",
            description=package.description,
            price=package.price,
            delivery_days=package.delivery_days,
            revisions=package.revisions,
            word_count=1200,
        )
        page = client.get(service.get_absolute_url()).content.decode()
        assert "A 1,200-word article" in page and "1,000-word article" not in page


class TestSearchFilters:
    def test_search_filters_by_delivery_time_and_package_price(self, client, service):
        add_packages(service)
        listed = lambda **query: [  # noqa: E731
            s.pk for s in client.get("/services/", query).context["page"].object_list
        ]
        assert listed(delivery="3") == [service.pk]
        assert listed(delivery="1") == []
        assert listed(max_package_price="50") == [service.pk]
        assert listed(max_package_price="49") == []

    def test_the_api_filters_alike(self, client, service):
        add_packages(service)
        found = client.get("/api/v1/services/", {"delivery": "3"}).json()["results"]
        assert [s["slug"] for s in found] == [service.slug]
        assert client.get("/api/v1/services/", {"delivery": "1"}).json()["results"] == []
