"""Reviews name their authors as the form promised, and forms show only what they ask."""

import pytest
from django.urls import reverse

from tests.factories import ClientReviewFactory, ProfileFactory, UserFactory
from tests.support.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def newbie(db):
    """A freelancer who signed up with an email only: their username came from it."""
    user = UserFactory(username="newbie-writer", first_name="", last_name="")
    return ProfileFactory(user=user, slug="newbie-writer", display_name="Nadia Writer")


def test_a_client_s_page_names_a_freelancer_reviewer_by_their_profile_name(client, newbie):
    review = ClientReviewFactory(
        engagement__service__owner=newbie, engagement__freelancer=newbie, author=newbie.user
    )
    text = text_of(client.get(reverse("clients:detail", args=[review.subject.username])))
    assert "Nadia Writer" in text
    assert "newbie-writer" not in text


def test_the_api_names_the_reviewer_as_the_page_does(client, newbie):
    review = ClientReviewFactory(
        engagement__service__owner=newbie, engagement__freelancer=newbie, author=newbie.user
    )
    url = f"/api/v1/clients/{review.subject.username}/reviews/"
    (item,) = client.get(url).json()["results"]
    assert item["author_name"] == "Nadia Writer"


def test_a_freelancer_reviewing_a_client_is_not_asked_about_the_writing(
    as_user, engagement_in, freelancer
):
    completed = engagement_in("completed")
    text = text_of(as_user(freelancer).get(reverse("reviews:create", args=[completed.pk])))
    assert "Rate the writing" not in text
    assert "Your rating of the client" in text


def test_a_client_reviewing_writing_is_asked_about_it(as_user, engagement_in, hiring_client):
    completed = engagement_in("completed")
    response = as_user(hiring_client).get(reverse("reviews:create", args=[completed.pk]))
    assert "Rate the writing" in text_of(response)
