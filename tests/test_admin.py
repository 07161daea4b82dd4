import pytest
from django.urls import reverse

from tests.factories import ReviewFactory, WritingSampleFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "accounts/user",
    "profiles/profile",
    "profiles/skill",
    "profiles/writingsample",
    "services/category",
    "services/service",
    "reviews/review",
]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def some_rows():
    review = ReviewFactory()
    WritingSampleFactory(profile=review.service.owner)
    return review


@pytest.mark.parametrize("model", MODELS)
def test_staff_can_open_the_list_and_change_page_of_every_model(staff_client, some_rows, model):
    app, name = model.split("/")
    assert staff_client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200
    assert (
        staff_client.get(reverse(f"admin:{app}_{name}_changelist"), {"q": "a"}).status_code == 200
    )
    assert staff_client.get(reverse(f"admin:{app}_{name}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, model):
    app, name = model.split("/")
    response = client.get(reverse(f"admin:{app}_{name}_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_hiding_a_review_in_the_admin_updates_the_service_counts(staff_client, some_rows):
    review = some_rows
    from reviews.reputation import refresh_reputation

    refresh_reputation(service_ids=[review.service_id])
    review.service.refresh_from_db()
    assert review.service.review_count == 1
    url = reverse("admin:reviews_review_change", args=[review.pk])
    data = {
        "service": review.service_id,
        "author": review.author_id,
        "rating": review.rating,
        "text": review.text,
        "response": "",
        "is_hidden": "on",
        "hidden_reason": "Spam",
    }
    assert staff_client.post(url, data).status_code == 302
    review.service.refresh_from_db()
    assert review.service.review_count == 0
