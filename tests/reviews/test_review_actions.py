"""Where review actions appear: the star control, responding from the service page, reporting
for signed-out visitors, and the dashboard's review news."""

import pytest
from django.utils import timezone

from tests.factories import CompletedEngagementFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return ReviewFactory(
        service__owner__display_name="Elena Marsh",
        author=UserFactory(first_name="Sam", last_name="Okafor"),
        text="Clear, well-sourced and early.",
    )


def test_the_review_form_offers_five_real_radio_buttons_drawn_as_stars(client):
    engagement = CompletedEngagementFactory()
    client.force_login(engagement.client)
    html = client.get(f"/reviews/new/{engagement.pk}/").content.decode()
    assert html.count('type="radio" name="rating"') == 5
    assert html.index('value="1"') < html.index('value="5"')  # 1 to 5, left to right
    assert '<span class="visually-hidden">5 stars: excellent</span>' in html
    assert "<legend>Your rating</legend>" in html


def test_the_freelancer_responds_from_their_service_page(client, review):
    client.force_login(review.service.owner.user)
    html = client.get(review.service.get_absolute_url()).content.decode()
    assert f'href="/reviews/{review.pk}/respond/"' in html


def test_nobody_else_sees_a_respond_link(client, review):
    client.force_login(UserFactory())
    assert "/respond/" not in client.get(review.service.get_absolute_url()).content.decode()


def test_a_signed_out_visitor_may_report_a_review_after_signing_in(client, review):
    html = client.get(review.service.get_absolute_url()).content.decode()
    assert f'href="/reviews/{review.pk}/report/"' in html
    response = client.get(f"/reviews/{review.pk}/report/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/reviews/{review.pk}/report/"


def test_the_author_cannot_report_their_own_review(client, review):
    client.force_login(review.author)
    assert "/report/" not in client.get(review.service.get_absolute_url()).content.decode()


def test_the_freelancers_dashboard_tells_them_about_a_new_review(client, review):
    client.force_login(review.service.owner.user)
    html = client.get("/dashboard/").content.decode()
    assert "Sam O.</strong> reviewed" in html
    assert f'href="/reviews/{review.pk}/respond/"' in html


def test_the_clients_dashboard_tells_them_about_a_response(client, review):
    review.response = "Thank you, Sam!"
    review.responded_at = timezone.now()
    review.save()
    client.force_login(review.author)
    html = client.get("/dashboard/").content.decode()
    assert "Elena Marsh</strong> responded to your review" in html
