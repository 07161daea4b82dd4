"""The API of packages, add-ons and questions, and of orders: the same rules as the pages,
with the access matrix of each mutating endpoint."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from orders import requirements
from orders.models import Order
from services import package_limits as limits
from services.models import PackageTier, ServiceAddOn, ServicePackage
from tests.orders.test_ordering import _answers
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db

PACKAGE = {
    "name": "Short piece",
    "description": "A short piece.",
    "price": "40.00",
    "delivery_days": 2,
    "revisions": 1,
    "word_count": None,
}


@pytest.fixture
def as_user():
    def sign_in(user):
        api = APIClient()
        if user is not None:
            api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(user)}")
        return api

    return sign_in


class TestOffer:
    def test_anyone_reads_a_published_services_packages_add_ons_and_questions(
        self, as_user, packaged
    ):
        api = as_user(None)
        base = f"/api/v1/services/{packaged.slug}"
        packages = api.get(f"{base}/packages/").json()
        assert [p["tier"] for p in packages] == ["basic", "standard", "premium"]
        assert packages[0]["price"] == "50.00" and packages[0]["word_count"] == 500
        assert len(api.get(f"{base}/add-ons/").json()) == 2
        questions = api.get(f"{base}/questions/").json()
        assert questions[1]["options"] == ["Formal", "Friendly"]
        detail = api.get(f"/api/v1/services/{packaged.slug}/").json()
        assert detail["starting_price"] == str(packaged.starting_price)

    def test_the_owner_offers_a_tier_then_replaces_it(self, as_user, service, freelancer):
        api = as_user(freelancer)
        url = f"/api/v1/services/{service.slug}/packages/basic/"
        assert api.put(url, PACKAGE, format="json").status_code == 201
        changed = api.put(url, {**PACKAGE, "price": "45.00"}, format="json")
        assert changed.status_code == 200 and changed.json()["price"] == "45.00"
        service.refresh_from_db()
        assert service.package_price_from == Decimal("45.00")

    def test_a_price_out_of_range_is_a_400_with_the_fields_message(
        self, as_user, service, freelancer
    ):
        api = as_user(freelancer)
        url = f"/api/v1/services/{service.slug}/packages/basic/"
        response = api.put(
            url,
            {**PACKAGE, "delivery_days": limits.MAX_DELIVERY_DAYS + 1, "price": "0"},
            format="json",
        )
        assert response.status_code == 400
        errors = response.json()["errors"]
        assert "delivery_days" in errors and "price" in errors

    def test_an_eleventh_add_on_is_a_409(self, as_user, service, freelancer):
        api = as_user(freelancer)
        url = f"/api/v1/services/{service.slug}/add-ons/"
        for number in range(limits.MAX_ADD_ONS):
            body = {"name": f"Extra {number}", "price": "5.00"}
            assert api.post(url, body, format="json").status_code == 201
        response = api.post(url, {"name": "One too many", "price": "5.00"}, format="json")
        assert response.status_code == 409 and response.json()["code"] == "too_many"

    @pytest.mark.parametrize(
        "who, status", [("anonymous", 401), ("outsider", 403), ("staff", 403), ("owner", None)]
    )
    def test_access_matrix(self, as_user, packaged, freelancer, outsider, staff, who, status):
        users = {"anonymous": None, "outsider": outsider, "staff": staff, "owner": freelancer}
        api = as_user(users[who])
        add_on = packaged.add_ons.first()
        question = packaged.questions.first()
        base = f"/api/v1/services/{packaged.slug}"
        calls = [
            ("put", f"{base}/packages/basic/", PACKAGE, 200),
            ("delete", f"{base}/packages/premium/", None, 204),
            ("post", f"{base}/add-ons/", {"name": "New", "price": "5.00"}, 201),
            ("patch", f"{base}/add-ons/{add_on.pk}/", {"name": "Renamed"}, 200),
            ("delete", f"{base}/add-ons/{add_on.pk}/", None, 204),
            ("post", f"{base}/questions/", {"text": "New?"}, 201),
            ("patch", f"{base}/questions/{question.pk}/", {"required": False}, 200),
            ("delete", f"{base}/questions/{question.pk}/", None, 204),
        ]
        for method, url, body, owner_status in calls:
            before = (
                list(ServicePackage.objects.values_list("tier", "name", "price")),
                list(ServiceAddOn.objects.values_list("name", flat=True)),
            )
            response = getattr(api, method)(url, body, format="json")
            assert response.status_code == (status or owner_status), (method, url)
            if status:
                assert before == (
                    list(ServicePackage.objects.values_list("tier", "name", "price")),
                    list(ServiceAddOn.objects.values_list("name", flat=True)),
                )

    def test_a_multiple_choice_question_is_sent_with_its_options(
        self, as_user, packaged, freelancer
    ):
        api = as_user(freelancer)
        url = f"/api/v1/services/{packaged.slug}/questions/"
        body = {"text": "Which tone?", "kind": "choice", "options": ["Formal", "Friendly"]}
        created = api.post(url, body, format="json")
        assert created.status_code == 201 and created.json()["options"] == ["Formal", "Friendly"]
        # The schema states each of these; the server refuses them, naming the field.
        for bad in [
            {"text": "Which tone?", "kind": "choice"},
            {"text": "Which tone?", "kind": "choice", "options": ["Formal"]},
            {"text": "Which tone?", "kind": "choice", "options": ["Formal\nFriendly", "Dry"]},
            {"text": "Which tone?", "kind": "choice", "options": [" Formal", "Dry"]},
        ]:
            response = api.post(url, bad, format="json")
            fields = {name.split(".")[0] for name in response.json()["errors"]}
            assert (response.status_code, fields) == (400, {"options"}), bad
        question = created.json()["id"]
        edited = api.patch(f"{url}{question}/", {"kind": "text"}, format="json")
        assert (edited.status_code, edited.json()["options"]) == (200, [])
        refused = api.patch(f"{url}{question}/", {"kind": "choice"}, format="json")
        assert refused.status_code == 400 and "options" in refused.json()["errors"]


class TestOrders:
    def test_a_client_orders_with_an_idempotency_key_once(
        self, as_user, packaged, hiring_client, add_ons
    ):
        api = as_user(hiring_client)
        url = f"/api/v1/services/{packaged.slug}/orders/"
        body = {"package": "standard", "add_ons": [add_ons["express"].pk]}
        first = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="order-1")
        again = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="order-1")
        assert first.status_code == again.status_code == 201
        assert first.json()["id"] == again.json()["id"]
        assert first.json()["total"] == "110.00"
        assert first.json()["status"] == "awaiting_payment"
        assert Order.objects.count() == 1

    def test_a_tier_or_add_on_not_offered_is_a_404_and_ones_own_service_a_403(
        self, as_user, packaged, hiring_client, freelancer
    ):
        url = f"/api/v1/services/{packaged.slug}/orders/"
        api = as_user(hiring_client)
        assert api.post(url, {"package": "gold"}, format="json").status_code == 400
        bad_add_on = api.post(url, {"package": "basic", "add_ons": [99999]}, format="json")
        assert (bad_add_on.status_code, bad_add_on.json()["code"]) == (404, "not_offered")
        packaged.packages.filter(tier=PackageTier.PREMIUM).delete()
        missing = api.post(url, {"package": "premium"}, format="json")
        assert (missing.status_code, missing.json()["code"]) == (404, "not_offered")
        own = as_user(freelancer).post(url, {"package": "basic"}, format="json")
        assert own.status_code == 403 and own.json()["code"] == "own_service"
        assert as_user(None).post(url, {"package": "basic"}, format="json").status_code == 401
        assert not Order.objects.exists()

    def test_requirements_by_api_start_the_clock(
        self, as_user, paid_order, hiring_client, packaged
    ):
        questions = {q.text: q for q in packaged.questions.all()}
        api = as_user(hiring_client)
        url = f"/api/v1/orders/{paid_order.pk}/requirements/"
        missing = api.post(url, {"answers": {}}, format="json")
        assert missing.status_code == 400
        response = api.post(
            url,
            {
                "answers": {
                    str(questions["What is the topic?"].pk): "Elections",
                    str(questions["Which tone?"].pk): "Formal",
                }
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "in_progress" and response.json()["due_at"]

    @pytest.mark.parametrize(
        "who, status",
        [("anonymous", 401), ("outsider", 404), ("staff", 403), ("freelancer", 403)],
    )
    def test_access_matrix_of_the_order_endpoints(
        self, as_user, paid_order, packaged, freelancer, outsider, staff, who, status
    ):
        users = {"anonymous": None, "outsider": outsider, "staff": staff, "freelancer": freelancer}
        api = as_user(users[who])
        for url in (
            f"/api/v1/orders/{paid_order.pk}/requirements/",
            f"/api/v1/orders/{paid_order.pk}/cancel/",
        ):
            response = api.post(url, {"answers": {}}, format="json")
            expected = status
            if who == "freelancer":
                expected = 403
            assert response.status_code == expected, (url, response.content)
        paid_order.refresh_from_db()
        assert paid_order.requirements_at is None and paid_order.cancelled_at is None

    def test_both_sides_list_and_read_the_order_and_others_do_not(
        self, as_user, paid_order, hiring_client, freelancer, outsider, staff, packaged
    ):
        requirements.submit_requirements(
            order=paid_order, by=hiring_client, answers=_answers(packaged)
        )
        for user in (hiring_client, freelancer):
            listed = as_user(user).get("/api/v1/orders/").json()["results"]
            assert [o["id"] for o in listed] == [paid_order.pk]
        assert as_user(outsider).get("/api/v1/orders/").json()["results"] == []
        assert as_user(outsider).get(f"/api/v1/orders/{paid_order.pk}/").status_code == 404
        detail = as_user(staff).get(f"/api/v1/orders/{paid_order.pk}/")
        assert detail.status_code == 200
        assert detail.json()["answers"][0]["text"] == "Budget day"


def test_the_order_list_costs_the_same_queries_for_one_order_and_many(
    as_user, place, hiring_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = as_user(hiring_client)
    place()
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/orders/")
    for _ in range(10):
        place()
    with CaptureQueriesContext(connection) as many:
        assert len(api.get("/api/v1/orders/").json()["results"]) == 11
    print(f"\norder list queries: {len(one)} for 1 order, {len(many)} for 11")
    assert len(many) == len(one)


BAD_BODIES = [
    {},
    {"package": 5, "add_ons": "x", "answers": [1]},
    {"price": 12, "delivery_days": "3", "revisions": -1, "word_count": 10**12, "name": ""},
    {"text": "x" * 5000, "kind": "other", "options": 3, "required": "yes"},
    {"answers": {"not-a-number": "x", "99999": "y"}},
    {"add_ons": [0, -1, 2**40], "package": "basic"},
]


def test_malformed_bodies_are_4xx_never_500(
    as_user, paid_order, packaged, freelancer, hiring_client
):
    base = f"/api/v1/services/{packaged.slug}"
    add_on, question = packaged.add_ons.first(), packaged.questions.first()
    calls = [
        (freelancer, "put", f"{base}/packages/basic/"),
        (freelancer, "put", f"{base}/packages/gold/"),
        (freelancer, "post", f"{base}/add-ons/"),
        (freelancer, "patch", f"{base}/add-ons/{add_on.pk}/"),
        (freelancer, "post", f"{base}/questions/"),
        (freelancer, "patch", f"{base}/questions/{question.pk}/"),
        (hiring_client, "post", f"{base}/orders/"),
        (hiring_client, "post", f"/api/v1/orders/{paid_order.pk}/requirements/"),
        (hiring_client, "post", f"/api/v1/orders/{paid_order.pk}/cancel/"),
    ]
    for user, method, url in calls:
        api = as_user(user)
        for body in BAD_BODIES:
            response = getattr(api, method)(url, body, format="json")
            # A PATCH ignores fields it does not know (a 200); nothing here is a 500.
            assert response.status_code < 500, (method, url, body, response.content)
        response = getattr(api, method)(url, "not json", content_type="application/json")
        assert 400 <= response.status_code < 500, (method, url)
