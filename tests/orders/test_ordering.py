"""Ordering a package: the server's price and delivery date, one order per request key, the
copy of what was bought, payment into escrow and the requirements that start the clock."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.models import EngagementState
from orders import requirements
from orders.exceptions import OrderRefused
from orders.models import Order, OrderStatus
from orders.requirements import Answer
from payments.models import MilestoneState
from services import packages
from services.models import PackageTier
from tests.upload_files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _answers(service, **overrides):
    questions = {q.text: q for q in service.questions.all()}
    return [
        Answer(questions["What is the topic?"], text=overrides.get("topic", "Budget day")),
        Answer(questions["Which tone?"], text=overrides.get("tone", "Formal")),
        Answer(questions["Your brand guide"]),
    ]


class TestPlacing:
    def test_the_total_and_days_come_from_the_stored_package_and_add_ons(self, place, add_ons):
        order = place(add_on_ids=[add_ons["express"].pk, add_ons["proofreading"].pk])
        assert order.total == Decimal("90.00") + Decimal("20.00") + Decimal("15.00")
        assert order.delivery_days == 5 + 0 + 1
        assert order.milestone.amount == order.total
        assert order.milestone.revisions_allowed == 2
        assert order.milestone.auto_release_days == 3
        assert order.engagement.state == EngagementState.ACCEPTED
        assert order.status == OrderStatus.AWAITING_PAYMENT

    def test_editing_the_package_changes_no_order_already_placed(self, place, packaged):
        order = place()
        packages.save_package(
            service=packaged,
            tier=PackageTier.STANDARD,
            name="Renamed",
            description="Other",
            price=Decimal("999.00"),
            delivery_days=9,
            revisions=0,
        )
        order.refresh_from_db()
        assert (order.package_name, order.package_price, order.total) == (
            "1,000-word article",
            Decimal("90.00"),
            Decimal("90.00"),
        )

    def test_the_same_key_is_the_same_order(self, place):
        first = place(key="k1")
        assert place(key="k1") == first
        assert Order.objects.count() == 1

    def test_a_key_reused_for_another_choice_is_refused(self, place):
        place(key="k1")
        with pytest.raises(OrderRefused) as refused:
            place(tier=PackageTier.BASIC, key="k1")
        assert refused.value.code == "key_reused"

    def test_an_add_on_of_another_service_or_a_missing_tier_is_refused(self, place, packaged):
        with pytest.raises(OrderRefused):
            place(add_on_ids=[987654])
        packages.delete_package(package=packaged.packages.get(tier=PackageTier.PREMIUM))
        with pytest.raises(OrderRefused):
            place(tier=PackageTier.PREMIUM)

    def test_a_freelancer_cannot_order_their_own_service(self, packaged, freelancer):
        from orders import placing

        with pytest.raises(OrderRefused) as refused:
            placing.place_order(
                service=packaged, client=freelancer, tier=1, add_on_ids=[], request_key="x"
            )
        assert refused.value.code == "own_service"


class TestOrderPages:
    def test_the_summary_shows_the_servers_total_and_the_delivery_date(
        self, client, hiring_client, packaged, add_ons
    ):
        client.force_login(hiring_client)
        url = reverse("orders:new", args=[packaged.slug])
        response = client.get(url, {"package": 2, "add_on": [add_ons["proofreading"].pk]})
        page = response.content.decode()
        assert "$105" in page
        expected = timezone.localdate() + timedelta(days=6)
        assert f"by {expected.day} {expected:%B %Y}" in page

    def test_placing_goes_to_the_card_form_and_a_double_submit_places_one_order(
        self, client, hiring_client, packaged
    ):
        client.force_login(hiring_client)
        url = reverse("orders:new", args=[packaged.slug])
        data = {"package": "1", "request_key": "page-key"}
        first = client.post(url, data)
        second = client.post(url, data)
        order = Order.objects.get()
        assert first.url == second.url == reverse("payments:fund", args=[order.milestone_id])

    def test_a_tampered_choice_goes_back_to_the_packages_with_a_message(
        self, client, hiring_client, packaged
    ):
        client.force_login(hiring_client)
        url = reverse("orders:new", args=[packaged.slug])
        response = client.get(url, {"package": "7", "add_on": "x"})
        assert response.status_code == 302
        assert response.url.endswith("#packages")

    def test_signed_out_visitors_sign_in_first(self, client, packaged):
        response = client.get(reverse("orders:new", args=[packaged.slug]), {"package": 1})
        assert "/accounts/login/" in response.url


class TestRequirements:
    def test_answers_start_the_delivery_clock(self, paid_order, hiring_client, packaged):
        assert paid_order.status == OrderStatus.AWAITING_REQUIREMENTS
        before = timezone.now()
        order = requirements.submit_requirements(
            order=paid_order, by=hiring_client, answers=_answers(packaged)
        )
        assert order.status == OrderStatus.IN_PROGRESS
        assert order.due_at >= before + timedelta(days=order.delivery_days)
        assert order.milestone.due_date == timezone.localdate(order.due_at)
        assert list(order.answers.values_list("question", "text")) == [
            ("What is the topic?", "Budget day"),
            ("Which tone?", "Formal"),
            ("Your brand guide", ""),
        ]

    def test_they_are_taken_once_and_only_after_payment(
        self, place, paid_order, hiring_client, packaged
    ):
        with pytest.raises(OrderRefused) as unpaid:
            requirements.submit_requirements(
                order=place(), by=hiring_client, answers=_answers(packaged)
            )
        assert unpaid.value.code == "wrong_state"
        requirements.submit_requirements(
            order=paid_order, by=hiring_client, answers=_answers(packaged)
        )
        with pytest.raises(OrderRefused):
            requirements.submit_requirements(
                order=paid_order, by=hiring_client, answers=_answers(packaged)
            )

    def test_the_form_shows_what_is_missing_and_keeps_the_input(
        self, client, paid_order, hiring_client, packaged
    ):
        client.force_login(hiring_client)
        url = reverse("orders:requirements", args=[paid_order.pk])
        questions = {q.text: q for q in packaged.questions.all()}
        response = client.post(
            url,
            {
                f"q{questions['Which tone?'].pk}": "Shouting",
                f"q{questions['What is the topic?'].pk}": "Elections",
            },
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Select a valid choice" in page
        assert "Elections" in page
        paid_order.refresh_from_db()
        assert paid_order.requirements_at is None

    def test_a_file_answer_is_checked_stored_and_downloaded_by_the_two_sides_only(
        self, client, paid_order, hiring_client, freelancer, outsider, staff, packaged
    ):
        client.force_login(hiring_client)
        questions = {q.text: q for q in packaged.questions.all()}
        data = {
            f"q{questions['What is the topic?'].pk}": "Elections",
            f"q{questions['Which tone?'].pk}": "Friendly",
            f"q{questions['Your brand guide'].pk}": upload("guide.pdf", pdf_bytes()),
        }
        response = client.post(reverse("orders:requirements", args=[paid_order.pk]), data)
        assert response.status_code == 302
        answer = paid_order.answers.exclude(file="").get()
        url = answer.get_file_url()
        for user, status in (
            (hiring_client, 200),
            (freelancer, 200),
            (staff, 200),
            (outsider, 404),
        ):
            client.force_login(user)
            assert client.get(url).status_code == status
        client.logout()
        assert client.get(url).status_code == 302

    def test_a_file_that_is_not_what_it_says_is_refused(
        self, client, paid_order, hiring_client, packaged
    ):
        client.force_login(hiring_client)
        questions = {q.text: q for q in packaged.questions.all()}
        data = {
            f"q{questions['What is the topic?'].pk}": "Elections",
            f"q{questions['Which tone?'].pk}": "Friendly",
            f"q{questions['Your brand guide'].pk}": upload("guide.pdf", b"not a pdf at all"),
        }
        response = client.post(reverse("orders:requirements", args=[paid_order.pk]), data)
        assert response.status_code == 400


class TestEngagementPage:
    def test_both_sides_see_the_order_and_the_client_is_asked_to_pay(
        self, client, place, hiring_client, freelancer
    ):
        order = place()
        client.force_login(hiring_client)
        page = client.get(order.engagement.get_absolute_url()).content.decode()
        assert 'id="order"' in page
        assert reverse("payments:fund", args=[order.milestone_id]) in page
        client.force_login(freelancer)
        page = client.get(order.engagement.get_absolute_url()).content.decode()
        assert "1,000-word article" in page
        assert reverse("payments:fund", args=[order.milestone_id]) not in page

    def test_after_paying_the_client_is_asked_for_the_requirements(
        self, client, paid_order, hiring_client
    ):
        assert paid_order.milestone.state == MilestoneState.FUNDED
        client.force_login(hiring_client)
        page = client.get(paid_order.engagement.get_absolute_url()).content.decode()
        assert reverse("orders:requirements", args=[paid_order.pk]) in page

    def test_the_freelancer_waits_for_the_answers_before_delivering(
        self, client, paid_order, freelancer
    ):
        client.force_login(freelancer)
        page = client.get(paid_order.engagement.get_absolute_url()).content.decode()
        assert "the work starts once the client has answered the questions" in page
        assert reverse("payments:step", args=[paid_order.milestone_id, "submit"]) not in page


class TestPageAccessMatrix:
    """Every mutating order URL: anonymous visitors sign in, outsiders get 404, staff and
    the wrong side 403, and nothing changes."""

    @pytest.mark.parametrize("who", ["anonymous", "outsider", "staff", "freelancer"])
    def test_requirements_and_cancel(self, client, paid_order, freelancer, outsider, staff, who):
        users = {"outsider": outsider, "staff": staff, "freelancer": freelancer}
        if who != "anonymous":
            client.force_login(users[who])
        for name in ("orders:requirements", "orders:cancel"):
            response = client.post(reverse(name, args=[paid_order.pk]), {})
            if who == "anonymous":
                assert "/accounts/login/" in response.url
            elif who == "outsider":
                assert response.status_code == 404
            elif name == "orders:cancel" and who == "freelancer":
                assert response.status_code == 302  # refused with a message on the page
            else:
                assert response.status_code == 403
        paid_order.refresh_from_db()
        assert paid_order.requirements_at is None and paid_order.cancelled_at is None

    def test_placing_needs_the_csrf_token(self, hiring_client, packaged):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(hiring_client)
        response = client.post(
            reverse("orders:new", args=[packaged.slug]), {"package": "1", "request_key": "k"}
        )
        assert response.status_code == 403
        assert not Order.objects.exists()


class TestPersonalData:
    def test_the_export_lists_the_order_and_erasure_removes_the_answer_files(
        self, client, paid_order, hiring_client, packaged
    ):
        from orders.personal_data import erase_answer_files, export_orders

        questions = {q.text: q for q in packaged.questions.all()}
        client.force_login(hiring_client)
        client.post(
            reverse("orders:requirements", args=[paid_order.pk]),
            {
                f"q{questions['What is the topic?'].pk}": "Elections",
                f"q{questions['Which tone?'].pk}": "Friendly",
                f"q{questions['Your brand guide'].pk}": upload("guide.pdf", pdf_bytes()),
            },
        )
        part = export_orders(hiring_client)
        assert part.records["orders"][0]["package_name"] == "1,000-word article"
        assert len(part.files) == 1
        assert len(erase_answer_files(hiring_client)) == 1
        assert not paid_order.answers.exclude(file="").exists()


class TestEngagementPageQueries:
    def test_the_order_section_costs_the_same_with_more_add_ons_and_answers(
        self, client, paid_order, hiring_client, packaged
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(hiring_client)
        url = paid_order.engagement.get_absolute_url()
        with CaptureQueriesContext(connection) as before:
            client.get(url)
        requirements.submit_requirements(
            order=paid_order, by=hiring_client, answers=_answers(packaged)
        )
        with CaptureQueriesContext(connection) as after:
            client.get(url)
        print(f"\nengagement page with an order: {len(before)} then {len(after)} queries")
        assert len(after) <= len(before) + 1
