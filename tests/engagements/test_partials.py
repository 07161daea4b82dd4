"""The two partials other pages include: the quote box and the dashboard summary."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.factories import EngagementFactory, MessageFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def render_quote_box(service, user):
    request = RequestFactory().get(service.get_absolute_url())
    request.user = user
    return render_to_string(
        "engagements/includes/quote_box.html", {"service": service, "user": user}, request
    )


class TestQuoteBox:
    def test_a_signed_in_client_gets_the_form(self, service, hiring_client):
        html = render_quote_box(service, hiring_client)
        assert f'action="/engagements/quote/{service.slug}/"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert '<label for="quote-what">' in html

    def test_an_anonymous_visitor_gets_the_button_through_sign_in_to_the_form(self, service):
        html = render_quote_box(service, AnonymousUser())
        form_url = f"%2Fengagements%2Fquote%2F{service.slug}%2F"
        assert f'href="/accounts/login/?next={form_url}">Get a quote</a>' in html
        assert "<form" not in html

    def test_the_owner_sees_nothing(self, service, freelancer):
        assert render_quote_box(service, freelancer).strip() == ""

    def test_it_shows_the_freelancers_completed_engagements(self, service, hiring_client):
        service.owner.completed_engagement_count = 3
        assert "has completed 3 engagements here" in render_quote_box(service, hiring_client)

    def test_a_freelancer_without_completed_work_is_shown_as_new(self, service, hiring_client):
        service.owner.completed_engagement_count = 0
        html = render_quote_box(service, hiring_client)
        assert ">New</span>" in html and "completed 0" not in html

    def test_it_is_on_the_service_page(self, as_user, service, hiring_client):
        page = as_user(hiring_client).get(service.get_absolute_url()).content.decode()
        assert "Get a quote" in page and "Request a quote" in page


class TestDashboardSummary:
    def render(self, user):
        return render_to_string("engagements/includes/dashboard_summary.html", {"user": user})

    def test_it_counts_open_work_waiting_requests_and_unread_messages(
        self, service, freelancer, hiring_client
    ):
        asked = EngagementFactory(service=service, client=hiring_client)
        MessageFactory.create_batch(3, engagement=asked, sender=hiring_client)
        EngagementFactory(client=freelancer)
        html = self.render(freelancer)
        assert "1 open as client" in html
        assert "1 open as freelancer" in html and "1 waiting for your answer" in html
        assert "3 unread messages" in html
        assert service.title in html and "requested by Sam Okafor" in html

    def test_someone_without_engagements_is_told_how_to_start(self, hiring_client):
        assert "No engagements yet" in self.render(hiring_client)

    def test_it_runs_two_queries_however_many_engagements_there_are(
        self, service, freelancer, django_assert_num_queries
    ):
        EngagementFactory(service=service)
        with django_assert_num_queries(2):
            self.render(freelancer)
        for other in ServiceFactory.create_batch(10, owner=service.owner):
            MessageFactory(engagement=EngagementFactory(service=other))
        with django_assert_num_queries(2):
            html = self.render(freelancer)
        assert html.count("<li><a href=") == 5
        assert "10 unread messages" in html and "11 open as freelancer" in html

    def test_it_runs_one_query_for_someone_without_engagements(
        self, hiring_client, django_assert_num_queries
    ):
        assert not hiring_client.is_freelancer  # known, as on the dashboard's page
        with django_assert_num_queries(1):
            self.render(hiring_client)
