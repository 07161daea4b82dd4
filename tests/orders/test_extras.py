"""Extras during an order: the freelancer offers more time or a paid add-on, the client
accepts or declines, the freelancer may withdraw; the pages, the API, their access matrices
and twenty answers to one offer at once."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from orders import extras, lateness, requirements
from orders.exceptions import OrderRefused
from orders.extras import ExtraOffer
from orders.models import ExtraStatus, Order, OrderExtra
from outbox.models import OutgoingEmail
from payments import delivery, settlement
from payments.models import Milestone, MilestoneState
from payments.reconciliation import reconcile
from tests.orders.test_delivery import _deliver
from tests.orders.test_ordering import _answers
from tests.payments.conftest import fund
from tests.support.threads import run_concurrently
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db

PRICED_TIME = ExtraOffer(kind="extension", description="x", extra_days=1, price=Decimal(5))
MORE_TIME = ExtraOffer(kind="extension", description="More interviews", extra_days=2)
SECOND_ARTICLE = ExtraOffer(
    kind="add_on", description="A second article", extra_days=1, price=Decimal("40.00")
)


@pytest.fixture
def started(paid_order, hiring_client, packaged):
    return requirements.submit_requirements(
        order=paid_order, by=hiring_client, answers=_answers(packaged)
    )


@pytest.fixture
def offered(started, freelancer):
    return extras.offer_extra(order=started, by=freelancer, offer=MORE_TIME)


@pytest.fixture
def api_as():
    def sign_in(user):
        api = APIClient()
        if user is not None:
            api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(user)}")
        return api

    return sign_in


def _order(order) -> Order:
    return Order.objects.select_related("milestone", "engagement").get(pk=order.pk)


class TestWorkflow:
    def test_accepting_more_time_moves_the_due_date_and_tells_the_freelancer(
        self, offered, started, hiring_client, freelancer
    ):
        assert OutgoingEmail.objects.filter(subject__startswith="An extra offered").exists()
        extra = extras.accept_extra(extra=offered, by=hiring_client)
        order = _order(started)
        assert extra.status == ExtraStatus.ACCEPTED and extra.decided_at
        assert order.due_at == started.due_at + timedelta(days=2)
        assert order.delivery_days == started.delivery_days + 2
        assert order.milestone.due_date == timezone.localdate(order.due_at)
        email = OutgoingEmail.objects.get(subject__startswith="Extra accepted")
        assert email.to == [freelancer.email] and "2 more days" in email.body

    def test_more_time_for_a_late_order_clears_its_lateness(
        self, started, freelancer, hiring_client
    ):
        Order.objects.filter(pk=started.pk).update(
            due_at=timezone.now() - timedelta(hours=1), late_at=timezone.now()
        )
        extra = extras.offer_extra(order=_order(started), by=freelancer, offer=MORE_TIME)
        extras.accept_extra(extra=extra, by=hiring_client)
        order = _order(started)
        assert order.late_at is None and not order.is_late()

    def test_a_paid_add_on_becomes_a_milestone_of_its_own_and_moves_the_due_date(
        self, started, freelancer, hiring_client
    ):
        extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        extra = extras.accept_extra(extra=extra, by=hiring_client)
        milestone = extra.milestone
        assert milestone.amount == Decimal("40.00") and milestone.position == 2
        assert milestone.state == MilestoneState.PROPOSED
        order = _order(started)
        assert order.engagement.quoted_amount == order.total + Decimal("40.00")
        assert order.due_at == started.due_at + timedelta(days=1)
        assert order.milestone.amount == order.total  # the order's own milestone is as bought

    def test_the_add_ons_milestone_keeps_the_engagement_open_until_it_is_settled(
        self, started, freelancer, hiring_client
    ):
        extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        extras.accept_extra(extra=extra, by=hiring_client)
        _deliver(_order(started), freelancer)
        settlement.release(milestone=_order(started).milestone, by=hiring_client)
        assert _order(started).engagement.state == "accepted"

    def test_declining_changes_nothing_but_the_offer(self, offered, started, hiring_client):
        extras.decline_extra(extra=offered, by=hiring_client)
        assert _order(started).due_at == started.due_at
        offered.refresh_from_db()
        assert offered.status == ExtraStatus.DECLINED

    def test_the_freelancer_withdraws_and_may_then_offer_again(self, offered, started, freelancer):
        extras.withdraw_extra(extra=offered, by=freelancer)
        again = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        assert again.is_open

    @pytest.mark.parametrize(
        "step, who, code",
        [
            ("accept", "freelancer", "wrong_side"),
            ("decline", "freelancer", "wrong_side"),
            ("withdraw", "hiring_client", "wrong_side"),
            ("accept", "outsider", "not_participant"),
        ],
    )
    def test_each_answer_is_one_sides_own(self, request, offered, step, who, code):
        workflow = getattr(extras, f"{step}_extra")
        with pytest.raises(OrderRefused) as refused:
            workflow(extra=offered, by=request.getfixturevalue(who))
        assert refused.value.code == code and refused.value.status_code == 403

    def test_only_the_freelancer_offers(self, started, hiring_client):
        with pytest.raises(OrderRefused) as refused:
            extras.offer_extra(order=started, by=hiring_client, offer=MORE_TIME)
        assert refused.value.status_code == 403

    def test_a_second_open_offer_is_a_conflict(self, offered, started, freelancer):
        with pytest.raises(OrderRefused) as refused:
            extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        assert refused.value.code == "offer_open" and refused.value.status_code == 409

    def test_the_database_keeps_one_open_offer_per_order(self, offered, started):
        with pytest.raises(IntegrityError), transaction.atomic():
            OrderExtra.objects.create(
                order=started, kind="extension", description="x", extra_days=1
            )

    def test_an_answered_offer_is_answered_once(self, offered, hiring_client):
        extras.decline_extra(extra=offered, by=hiring_client)
        with pytest.raises(OrderRefused) as refused:
            extras.accept_extra(extra=offered, by=hiring_client)
        assert refused.value.code == "wrong_state" and refused.value.status_code == 409

    def test_no_extra_before_the_answers_or_after_the_delivery_is_accepted(
        self, paid_order, packaged, freelancer, hiring_client
    ):
        with pytest.raises(OrderRefused) as refused:
            extras.offer_extra(order=paid_order, by=freelancer, offer=MORE_TIME)
        assert refused.value.code == "wrong_state"
        requirements.submit_requirements(
            order=paid_order, by=hiring_client, answers=_answers(packaged)
        )
        _deliver(_order(paid_order), freelancer)
        settlement.release(milestone=_order(paid_order).milestone, by=hiring_client)
        with pytest.raises(OrderRefused) as refused:
            extras.offer_extra(order=_order(paid_order), by=freelancer, offer=MORE_TIME)
        assert refused.value.code == "wrong_state"

    @pytest.mark.parametrize(
        "offer, field",
        [
            (ExtraOffer(kind="extension", description="x", extra_days=0), "extra_days"),
            (ExtraOffer(kind="extension", description="x", extra_days=31), "extra_days"),
            (PRICED_TIME, "price"),
            (ExtraOffer(kind="add_on", description="x"), "price"),
            (ExtraOffer(kind="add_on", description="x", price=Decimal("100000.01")), "price"),
            (ExtraOffer(kind="add_on", description=" ", price=Decimal(5)), "description"),
        ],
    )
    def test_the_offers_rules(self, offer, field):
        assert field in extras.offer_problems(offer)


class TestLapsing:
    """An offer still open when the order ends lapses: it is shown so, and nobody answers it."""

    def test_an_offer_open_when_the_delivery_is_accepted_lapses(
        self, client, api_as, offered, started, freelancer, hiring_client
    ):
        _deliver(_order(started), freelancer)
        settlement.release(milestone=_order(started).milestone, by=hiring_client)
        for step, who in (
            ("accept", hiring_client),
            ("decline", hiring_client),
            ("withdraw", freelancer),
        ):
            with pytest.raises(OrderRefused) as refused:
                getattr(extras, f"{step}_extra")(extra=offered, by=who)
            assert refused.value.code == "wrong_state"
            assert "lapsed unanswered when the order ended" in str(refused.value)
        client.force_login(hiring_client)
        page = client.get(started.engagement.get_absolute_url()).content.decode()
        assert "More interviews" in page and "lapsed unanswered when the order ended" in page
        assert reverse("orders:extra_action", args=[offered.pk, "accept"]) not in page
        body = api_as(hiring_client).get(f"/api/v1/orders/{started.pk}/").json()
        assert [extra["status"] for extra in body["extras"]] == ["lapsed"]

    def test_an_offer_open_when_a_late_order_is_cancelled_lapses(
        self, offered, started, hiring_client
    ):
        Order.objects.filter(pk=started.pk).update(due_at=timezone.now() - timedelta(hours=1))
        lateness.cancel_late_order(order=_order(started), by=hiring_client)
        extra = OrderExtra.objects.select_related("order__milestone").get(pk=offered.pk)
        assert extra.has_lapsed and not extra.is_open and extra.shown_status == "lapsed"

    def test_an_offer_open_during_the_delivery_is_answered_after_a_revision_request(
        self, offered, started, freelancer, hiring_client
    ):
        _deliver(_order(started), freelancer)
        delivery.request_changes(
            milestone=_order(started).milestone, by=hiring_client, note="Shorter, please."
        )
        extra = extras.accept_extra(extra=offered, by=hiring_client)
        assert extra.status == ExtraStatus.ACCEPTED


class TestLateCancelWithAddOns:
    def _late(self, order):
        Order.objects.filter(pk=order.pk).update(due_at=timezone.now() - timedelta(hours=1))
        return _order(order)

    def test_a_paid_add_on_is_refunded_and_an_unpaid_one_dropped_with_the_order(
        self, stripe, started, freelancer, hiring_client
    ):
        paid = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        paid = extras.accept_extra(extra=paid, by=hiring_client)
        fund(stripe, paid.milestone, hiring_client)
        unpaid = extras.offer_extra(order=_order(started), by=freelancer, offer=SECOND_ARTICLE)
        unpaid = extras.accept_extra(extra=unpaid, by=hiring_client)
        lateness.cancel_late_order(order=self._late(started), by=hiring_client)
        states = {
            m.pk: m.state for m in Milestone.objects.filter(engagement_id=started.engagement_id)
        }
        assert states == {
            started.milestone_id: MilestoneState.REFUNDED,
            paid.milestone_id: MilestoneState.REFUNDED,
            unpaid.milestone_id: MilestoneState.DROPPED,
        }
        assert _order(started).engagement.state == "cancelled"
        assert reconcile() == []

    def test_an_add_on_delivered_is_settled_before_the_order_is_cancelled(
        self, stripe, started, freelancer, hiring_client
    ):
        extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        extra = extras.accept_extra(extra=extra, by=hiring_client)
        fund(stripe, extra.milestone, hiring_client)
        delivery.submit_work(
            milestone=Milestone.objects.get(pk=extra.milestone_id),
            by=freelancer,
            message="The second article.",
            files=[],
        )
        with pytest.raises(OrderRefused) as refused:
            lateness.cancel_late_order(order=self._late(started), by=hiring_client)
        assert refused.value.code == "add_on_open" and refused.value.status_code == 409
        assert _order(started).cancelled_at is None


class TestPages:
    def test_the_freelancer_sees_the_form_and_the_client_the_open_offer_with_its_answers(
        self, client, started, freelancer, hiring_client
    ):
        page_url = started.engagement.get_absolute_url()
        client.force_login(freelancer)
        page = client.get(page_url).content.decode()
        assert reverse("orders:offer_extra", args=[started.pk]) in page
        assert '<label for="extra_kind"' in page
        extra = extras.offer_extra(order=started, by=freelancer, offer=MORE_TIME)
        page = client.get(page_url).content.decode()
        assert reverse("orders:offer_extra", args=[started.pk]) not in page  # one at a time
        assert reverse("orders:extra_action", args=[extra.pk, "withdraw"]) in page
        client.force_login(hiring_client)
        page = client.get(page_url).content.decode()
        assert "2 more days" in page and "More interviews" in page
        for action in ("accept", "decline"):
            assert reverse("orders:extra_action", args=[extra.pk, action]) in page
        assert reverse("orders:extra_action", args=[extra.pk, "withdraw"]) not in page

    def test_the_freelancer_offers_from_the_page(self, client, started, freelancer):
        client.force_login(freelancer)
        response = client.post(
            reverse("orders:offer_extra", args=[started.pk]),
            {"kind": "add_on", "description": "A second article", "price": "40", "extra_days": ""},
        )
        assert response.status_code == 302
        extra = started.extras.get()
        assert extra.price == Decimal("40.00") and extra.extra_days == 0

    def test_a_form_with_errors_keeps_what_was_typed(self, client, started, freelancer):
        client.force_login(freelancer)
        response = client.post(
            reverse("orders:offer_extra", args=[started.pk]),
            {"kind": "add_on", "description": "A typed description", "extra_days": "3"},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert 'value="A typed description"' in page and 'value="3"' in page
        assert "Price the add-on from" in page
        assert not started.extras.exists()

    def test_a_second_offer_from_the_page_is_refused_on_the_form(
        self, client, offered, started, freelancer
    ):
        client.force_login(freelancer)
        response = client.post(
            reverse("orders:offer_extra", args=[started.pk]),
            {"kind": "extension", "description": "Again", "extra_days": "1"},
        )
        assert response.status_code == 400
        assert "withdraw it to offer another" in response.content.decode()

    def test_the_client_accepts_from_the_page_and_the_add_on_is_to_be_paid(
        self, client, started, freelancer, hiring_client
    ):
        extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        client.force_login(hiring_client)
        response = client.post(reverse("orders:extra_action", args=[extra.pk, "accept"]))
        assert response.status_code == 302
        extra.refresh_from_db()
        assert extra.status == ExtraStatus.ACCEPTED
        page = client.get(started.engagement.get_absolute_url()).content.decode()
        assert reverse("payments:fund", args=[extra.milestone_id]) in page

    def test_answering_twice_from_the_page_says_why(self, client, offered, hiring_client):
        client.force_login(hiring_client)
        client.post(reverse("orders:extra_action", args=[offered.pk, "decline"]))
        response = client.post(
            reverse("orders:extra_action", args=[offered.pk, "accept"]), follow=True
        )
        assert "This offer was declined already." in response.content.decode()

    def test_the_order_section_costs_the_same_queries_with_one_extra_and_many(
        self, client, started, freelancer, hiring_client
    ):
        client.force_login(hiring_client)
        url = started.engagement.get_absolute_url()
        extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        extras.accept_extra(extra=extra, by=hiring_client)
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        for _ in range(5):
            extra = extras.offer_extra(order=_order(started), by=freelancer, offer=SECOND_ARTICLE)
            extras.accept_extra(extra=extra, by=hiring_client)
        extras.offer_extra(order=_order(started), by=freelancer, offer=MORE_TIME)
        with CaptureQueriesContext(connection) as many:
            assert client.get(url).status_code == 200
        print(f"\norder page queries: {len(one)} with 1 extra, {len(many)} with 7")
        assert len(many) == len(one)


def test_staff_read_an_orders_extras_in_the_admin(client, offered, started, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:orders_order_change", args=[started.pk]))
    assert response.status_code == 200 and "More interviews" in response.content.decode()


class TestPageAccessMatrix:
    """Every extra URL: anonymous visitors sign in, outsiders 404, staff and the wrong side
    403, and nothing changes; GET is refused where a step is a POST."""

    @pytest.mark.parametrize("who", ["anonymous", "outsider", "staff", "hiring_client"])
    def test_offering(self, request, client, started, who):
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        url = reverse("orders:offer_extra", args=[started.pk])
        response = client.post(url, {"kind": "extension", "description": "x", "extra_days": 1})
        expected = {"outsider": 404, "staff": 403, "hiring_client": 403}
        if who == "anonymous":
            assert "/accounts/login/" in response.url
        else:
            assert response.status_code == expected[who]
        assert not started.extras.exists()

    @pytest.mark.parametrize(
        "who, action, status",
        [
            ("anonymous", "accept", None),
            ("outsider", "accept", 404),
            ("staff", "accept", 403),
            ("freelancer", "accept", 403),
            ("freelancer", "decline", 403),
            ("hiring_client", "withdraw", 403),
            ("hiring_client", "other", 404),
        ],
    )
    def test_answering(self, request, client, offered, who, action, status):
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        response = client.post(reverse("orders:extra_action", args=[offered.pk, action]))
        if status is None:
            assert "/accounts/login/" in response.url
        else:
            assert response.status_code == status
        offered.refresh_from_db()
        assert offered.is_open

    def test_answering_refuses_get(self, client, offered, hiring_client):
        client.force_login(hiring_client)
        response = client.get(reverse("orders:extra_action", args=[offered.pk, "accept"]))
        assert response.status_code == 405

    def test_the_owner_sides_may_use_their_urls(self, client, offered, freelancer, hiring_client):
        client.force_login(freelancer)
        assert client.get(reverse("orders:offer_extra", args=[offered.order_id])).status_code == 200
        client.force_login(hiring_client)
        response = client.post(reverse("orders:extra_action", args=[offered.pk, "accept"]))
        assert response.status_code == 302


class TestApi:
    def test_the_freelancer_offers_and_the_client_accepts(
        self, api_as, started, freelancer, hiring_client
    ):
        response = api_as(freelancer).post(
            f"/api/v1/orders/{started.pk}/extras/",
            {"kind": "add_on", "description": "A second article", "price": "40.00"},
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "offered" and body["price"] == "40.00"
        assert body["extra_days"] == 0 and body["milestone"] is None
        accepted = api_as(hiring_client).post(f"/api/v1/orders/extras/{body['id']}/accept/")
        assert accepted.status_code == 200 and accepted.json()["milestone"]
        detail = api_as(hiring_client).get(f"/api/v1/orders/{started.pk}/").json()
        assert [e["status"] for e in detail["extras"]] == ["accepted"]

    def test_an_extension_declined(self, api_as, started, freelancer, hiring_client):
        response = api_as(freelancer).post(
            f"/api/v1/orders/{started.pk}/extras/",
            {"kind": "extension", "description": "More interviews", "extra_days": 3},
            format="json",
        )
        assert response.status_code == 201, response.json()
        declined = api_as(hiring_client).post(
            f"/api/v1/orders/extras/{response.json()['id']}/decline/"
        )
        assert declined.json()["status"] == "declined"

    @pytest.mark.parametrize(
        "body",
        [
            {"kind": "extension", "description": "x", "extra_days": 0},
            {"kind": "extension", "description": "x"},
            {"kind": "add_on", "description": "x"},
            {"kind": "add_on", "description": "x", "price": 40},
            {"kind": "other", "description": "x", "extra_days": 1},
            {"kind": "add_on", "description": "<b>x</b>", "price": "4"},
        ],
    )
    def test_a_body_outside_the_schema_is_a_400(self, api_as, started, freelancer, body):
        response = api_as(freelancer).post(
            f"/api/v1/orders/{started.pk}/extras/", body, format="json"
        )
        assert response.status_code == 400
        assert not started.extras.exists()

    def test_an_extension_ignores_a_price(self, api_as, started, freelancer):
        response = api_as(freelancer).post(
            f"/api/v1/orders/{started.pk}/extras/",
            {"kind": "extension", "description": "x", "extra_days": 1, "price": "5.00"},
            format="json",
        )
        assert response.status_code == 201 and response.json()["price"] is None

    def test_refusals_are_409_for_state_and_403_for_the_wrong_side(
        self, api_as, offered, started, freelancer, hiring_client
    ):
        second = api_as(freelancer).post(
            f"/api/v1/orders/{started.pk}/extras/",
            {"kind": "extension", "description": "x", "extra_days": 1},
            format="json",
        )
        assert second.status_code == 409 and second.json()["code"] == "offer_open"
        assert api_as(freelancer).post(f"/api/v1/orders/extras/{offered.pk}/accept/").json()[
            "code"
        ] == ("wrong_side")
        api_as(hiring_client).post(f"/api/v1/orders/extras/{offered.pk}/decline/")
        again = api_as(hiring_client).post(f"/api/v1/orders/extras/{offered.pk}/accept/")
        assert again.status_code == 409 and again.json()["code"] == "wrong_state"

    @pytest.mark.parametrize(
        "who, status",
        [("anonymous", 401), ("outsider", 404), ("staff", 403), ("hiring_client", 403)],
    )
    def test_access_matrix_of_offering(self, request, api_as, started, who, status):
        user = None if who == "anonymous" else request.getfixturevalue(who)
        response = api_as(user).post(
            f"/api/v1/orders/{started.pk}/extras/",
            {"kind": "extension", "description": "x", "extra_days": 1},
            format="json",
        )
        assert response.status_code == status
        assert not started.extras.exists()

    @pytest.mark.parametrize(
        "who, action, status",
        [
            ("anonymous", "accept", 401),
            ("outsider", "accept", 404),
            ("outsider", "withdraw", 404),
            ("staff", "decline", 403),
            ("freelancer", "accept", 403),
            ("freelancer", "decline", 403),
            ("hiring_client", "withdraw", 403),
        ],
    )
    def test_access_matrix_of_answering(self, request, api_as, offered, who, action, status):
        user = None if who == "anonymous" else request.getfixturevalue(who)
        response = api_as(user).post(f"/api/v1/orders/extras/{offered.pk}/{action}/")
        assert response.status_code == status
        offered.refresh_from_db()
        assert offered.is_open

    def test_an_extra_that_is_not_there_is_a_404(self, api_as, hiring_client):
        response = api_as(hiring_client).post("/api/v1/orders/extras/999999/accept/")
        assert response.status_code == 404

    def test_the_order_list_and_detail_cost_the_same_queries_with_one_extra_and_many(
        self, api_as, started, freelancer, hiring_client
    ):
        api = api_as(hiring_client)

        def counted() -> tuple[int, int]:
            with CaptureQueriesContext(connection) as listed:
                api.get("/api/v1/orders/")
            with CaptureQueriesContext(connection) as read:
                api.get(f"/api/v1/orders/{started.pk}/")
            return len(listed), len(read)

        extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
        extras.accept_extra(extra=extra, by=hiring_client)
        one = counted()
        for _ in range(5):
            extra = extras.offer_extra(order=_order(started), by=freelancer, offer=SECOND_ARTICLE)
            extras.accept_extra(extra=extra, by=hiring_client)
        assert len(api.get(f"/api/v1/orders/{started.pk}/").json()["extras"]) == 6
        assert counted() == one

    def test_staff_read_the_extras_with_the_order(self, api_as, offered, started, staff):
        detail = api_as(staff).get(f"/api/v1/orders/{started.pk}/").json()
        assert detail["extras"][0]["kind"] == "extension"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_answers_to_one_offer_at_once_have_one_winner(started, freelancer, hiring_client):
    """Ten accepts and ten declines at once: one wins, nineteen are told the offer is
    answered (`wrong_state`), and the due date moved once or not at all."""
    from tests.orders.test_concurrency import ATTEMPTS, outcome, retried

    extra = extras.offer_extra(order=started, by=freelancer, offer=SECOND_ARTICLE)
    steps = [extras.accept_extra, extras.decline_extra]
    results = run_concurrently(
        ATTEMPTS, lambda i: retried(lambda: steps[i % 2](extra=extra, by=hiring_client))
    )
    measured = outcome(results)
    print(f"\n20 concurrent accepts/declines of one extra: {dict(measured)}")
    assert measured == Counter({"won": 1, "wrong_state": ATTEMPTS - 1})
    extra.refresh_from_db()
    order = _order(started)
    accepted = extra.status == ExtraStatus.ACCEPTED
    assert order.due_at == started.due_at + timedelta(days=1 if accepted else 0)
    assert order.engagement.milestones.count() == (2 if accepted else 1)
