"""Hiring through the API: the same workflow and rules as the engagement pages."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from engagements.models import Engagement, EngagementState
from services.models import ServiceRedirect
from tests.factories import EngagementFactory, MessageFactory, ServiceFactory
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
ENGAGEMENTS = "/api/v1/engagements/"
QUOTE = {"service": "i-will-write-your-news", "what": "A 1,000-word piece on the budget."}


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


class TestInbox:
    def test_it_needs_a_signed_in_client(self, api):
        assert api.get(ENGAGEMENTS).status_code == 401

    def test_each_side_sees_its_engagements_and_nobody_else_does(
        self, as_user, freelancer, hiring_client, outsider, staff, engagement_in
    ):
        engagement = engagement_in("requested")
        assert ids(as_user(hiring_client).get(ENGAGEMENTS)) == [engagement.pk]
        assert ids(as_user(freelancer).get(ENGAGEMENTS)) == [engagement.pk]
        assert ids(as_user(outsider).get(ENGAGEMENTS)) == []
        assert ids(as_user(staff).get(ENGAGEMENTS)) == []  # staff read one by one, not a feed

    def test_role_narrows_to_one_side(self, as_user, freelancer, engagement_in):
        as_freelancer = engagement_in("requested")
        as_client = EngagementFactory(client=freelancer)
        api = as_user(freelancer)
        assert ids(api.get(ENGAGEMENTS, {"role": "client"})) == [as_client.pk]
        assert ids(api.get(ENGAGEMENTS, {"role": "freelancer"})) == [as_freelancer.pk]
        response = api.get(ENGAGEMENTS, {"role": "boss"})
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == ["role"]

    def test_an_entry_says_your_side_what_you_can_do_and_what_is_unread(
        self, as_user, freelancer, hiring_client, engagement_in
    ):
        engagement = engagement_in("requested")
        MessageFactory(engagement=engagement, sender=hiring_client)
        (entry,) = as_user(freelancer).get(ENGAGEMENTS).json()["results"]
        assert entry["side"] == "freelancer"
        assert entry["available_actions"] == ["accept", "decline"]
        assert entry["unread_count"] == 1
        assert entry["client_name"] == "Sam Okafor"

    def test_reading_an_overdue_delivery_changes_nothing_until_the_periodic_task_runs(
        self, as_user, hiring_client, staff, engagement_in
    ):
        long_ago = timezone.now() - timedelta(days=15)
        engagement = engagement_in("delivered", delivered_at=long_ago)
        before = Engagement.objects.values().get(pk=engagement.pk)
        (entry,) = as_user(hiring_client).get(ENGAGEMENTS).json()["results"]
        assert entry["state"] == "delivered"
        assert as_user(staff).get(f"{ENGAGEMENTS}{engagement.pk}/").json()["state"] == "delivered"
        assert Engagement.objects.values().get(pk=engagement.pk) == before
        call_command("complete_overdue_engagements")
        (entry,) = as_user(hiring_client).get(ENGAGEMENTS).json()["results"]
        assert entry["id"] == engagement.pk
        assert entry["state"] == "completed"
        assert entry["completed_automatically"] is True


class TestQuoteRequest:
    def test_a_client_requests_a_quote(
        self, as_user, hiring_client, service, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = as_user(hiring_client).post(
                ENGAGEMENTS, {**QUOTE, "budget": "150.00", "deadline": "2999-01-01"}
            )
        assert response.status_code == 201
        body = response.json()
        assert body["state"] == "requested"
        assert body["side"] == "client"
        assert body["budget"] == "150.00"
        assert response["Location"] == body["url"]
        assert len(mailoutbox) == 1  # the freelancer is told, as from the page

    def test_it_needs_a_signed_in_client(self, api, service):
        assert api.post(ENGAGEMENTS, QUOTE).status_code == 401

    def test_a_freelancer_cannot_ask_for_a_quote_on_their_own_service(
        self, as_user, freelancer, service
    ):
        response = as_user(freelancer).post(ENGAGEMENTS, QUOTE)
        assert response.status_code == 403
        assert error_of(response)["code"] == "own_service"

    def test_a_second_request_waiting_for_an_answer_is_a_conflict(
        self, as_user, hiring_client, service
    ):
        api = as_user(hiring_client)
        api.post(ENGAGEMENTS, QUOTE)
        response = api.post(ENGAGEMENTS, QUOTE)
        assert response.status_code == 409
        assert error_of(response)["code"] == "duplicate"
        assert Engagement.objects.count() == 1

    def test_only_published_services_take_requests(self, as_user, hiring_client, db):
        # Well-formed input naming nothing the client may use: a 404, as for an address.
        draft = ServiceFactory(status="draft")
        response = as_user(hiring_client).post(ENGAGEMENTS, {**QUOTE, "service": draft.slug})
        assert response.status_code == 404
        assert list(error_of(response)["errors"]) == ["service"]

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"what": "Short"}, "what", None),
            ({"deadline": "2000-01-01"}, "deadline", "The deadline cannot be in the past."),
            ({"budget": "-1"}, "budget", None),
        ],
    )
    def test_it_applies_the_quote_forms_rules(
        self, as_user, hiring_client, service, change, field, message
    ):
        response = as_user(hiring_client).post(ENGAGEMENTS, {**QUOTE, **change})
        assert response.status_code == 400
        errors = error_of(response)["errors"]
        assert list(errors) == [field]
        if message:
            assert errors[field] == [message]

    def test_too_many_requests_are_a_429_with_retry_after(
        self, as_user, hiring_client, service, settings
    ):
        settings.RATE_LIMITS = {"quote-requests": (1, 3600)}
        api = as_user(hiring_client)
        api.post(ENGAGEMENTS, QUOTE)
        second = ServiceFactory()
        response = api.post(ENGAGEMENTS, {**QUOTE, "service": second.slug})
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 3600
        assert "quote requests" in error_of(response)["detail"]


class TestDetailAndMessages:
    @pytest.mark.parametrize(
        ("who", "status"),
        [("anonymous", 401), ("outsider", 404), ("client", 200), ("owner", 200), ("staff", 200)],
    )
    def test_who_may_read_an_engagement(self, as_user, cast, engagement_in, who, status):
        engagement = engagement_in("accepted")
        assert as_user(cast[who]).get(f"{ENGAGEMENTS}{engagement.pk}/").status_code == status
        messages = as_user(cast[who]).get(f"{ENGAGEMENTS}{engagement.pk}/messages/")
        assert messages.status_code == status

    def test_staff_read_with_no_side_and_no_actions(self, as_user, staff, engagement_in):
        engagement = engagement_in("accepted")
        body = as_user(staff).get(f"{ENGAGEMENTS}{engagement.pk}/").json()
        assert body["side"] is None
        assert body["available_actions"] == []

    def test_reading_the_messages_marks_them_read(
        self, as_user, freelancer, hiring_client, engagement_in
    ):
        engagement = engagement_in("accepted")
        MessageFactory(engagement=engagement, sender=hiring_client, body="Hello")
        api = as_user(freelancer)
        (message,) = api.get(f"{ENGAGEMENTS}{engagement.pk}/messages/").json()["results"]
        assert (message["sender_side"], message["sender_name"]) == ("client", "Sam Okafor")
        assert api.get(f"{ENGAGEMENTS}{engagement.pk}/").json()["unread_count"] == 0

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 401),
            ("outsider", 404),
            ("staff", 403),
            ("client", 201),
            ("owner", 201),
        ],
    )
    def test_only_the_two_sides_write(self, as_user, cast, engagement_in, who, status):
        engagement = engagement_in("accepted")
        response = as_user(cast[who]).post(
            f"{ENGAGEMENTS}{engagement.pk}/messages/", {"body": "Any news?"}
        )
        assert response.status_code == status
        assert engagement.messages.count() == (status == 201)

    def test_a_closed_thread_takes_no_messages(self, as_user, hiring_client, engagement_in):
        engagement = engagement_in("declined")
        response = as_user(hiring_client).post(
            f"{ENGAGEMENTS}{engagement.pk}/messages/", {"body": "Why?"}
        )
        assert response.status_code == 409
        assert error_of(response)["code"] == "closed"

    @pytest.mark.parametrize("body", ["", "x" * 5_001])
    def test_a_message_has_words_within_the_limit(
        self, as_user, hiring_client, engagement_in, body
    ):
        engagement = engagement_in("accepted")
        response = as_user(hiring_client).post(
            f"{ENGAGEMENTS}{engagement.pk}/messages/", {"body": body}
        )
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == ["body"]


TRANSITIONS = [
    # action, from state, who may, state after, what the other side gets
    ("accept", "requested", "owner", "accepted", 403),
    ("decline", "requested", "owner", "declined", 403),
    ("deliver", "accepted", "owner", "delivered", 403),
    ("complete", "delivered", "client", "completed", 403),
    # The freelancer may cancel too, but only once the work is accepted.
    ("cancel", "requested", "client", "cancelled", 409),
]


class TestTransitions:
    @pytest.mark.parametrize(("action", "source", "actor", "target", "other"), TRANSITIONS)
    @pytest.mark.parametrize("who", ["anonymous", "outsider", "staff", "client", "owner"])
    def test_each_transition_has_its_access_matrix(
        self, as_user, cast, engagement_in, action, source, actor, target, other, who
    ):
        engagement = engagement_in(source)
        response = as_user(cast[who]).post(f"{ENGAGEMENTS}{engagement.pk}/{action}/")
        expected = {"anonymous": 401, "outsider": 404, "staff": 403, actor: 200}.get(who, other)
        assert response.status_code == expected
        engagement.refresh_from_db()
        assert engagement.state == (target if expected == 200 else source)
        if expected != 200:
            error_of(response)
        else:
            assert response.json()["state"] == target

    def test_the_wrong_state_is_a_conflict(self, as_user, freelancer, engagement_in):
        engagement = engagement_in("completed")
        response = as_user(freelancer).post(f"{ENGAGEMENTS}{engagement.pk}/accept/")
        assert response.status_code == 409
        assert error_of(response)["code"] == "wrong_state"

    def test_the_freelancer_accepts_with_a_quote(self, as_user, freelancer, engagement_in):
        engagement = engagement_in("requested")
        response = as_user(freelancer).post(
            f"{ENGAGEMENTS}{engagement.pk}/accept/",
            {"quoted_amount": "180.00", "quote_basis": "hourly"},
        )
        assert response.status_code == 200
        assert (response.json()["quoted_amount"], response.json()["quote_basis"]) == (
            "180.00",
            "hourly",
        )

    def test_an_invalid_quote_is_a_400_and_accepts_nothing(
        self, as_user, freelancer, engagement_in
    ):
        engagement = engagement_in("requested")
        response = as_user(freelancer).post(
            f"{ENGAGEMENTS}{engagement.pk}/accept/", {"quoted_amount": "-5"}
        )
        assert response.status_code == 400
        assert list(error_of(response)["errors"]) == ["quoted_amount"]
        engagement.refresh_from_db()
        assert engagement.state == EngagementState.REQUESTED

    def test_the_freelancer_may_cancel_an_accepted_engagement(
        self, as_user, freelancer, engagement_in
    ):
        engagement = engagement_in("accepted")
        response = as_user(freelancer).post(f"{ENGAGEMENTS}{engagement.pk}/cancel/")
        assert response.status_code == 200
        assert response.json()["cancelled_by"] == "freelancer"

    def test_completion_opens_the_review(self, as_user, hiring_client, engagement_in):
        engagement = engagement_in("delivered")
        body = as_user(hiring_client).post(f"{ENGAGEMENTS}{engagement.pk}/complete/").json()
        assert body["can_review"] is True
        assert body["review_deadline"] is not None

    def test_an_unknown_action_is_a_404(self, as_user, freelancer, engagement_in):
        engagement = engagement_in("requested")
        assert as_user(freelancer).post(f"{ENGAGEMENTS}{engagement.pk}/approve/").status_code == 404


class TestRenamedServices:
    def test_a_quote_request_on_an_old_slug_reaches_the_renamed_service(
        self, as_user, hiring_client, service
    ):
        # Was 400 "does not exist", though the old address leads to the service on the site.
        ServiceRedirect.objects.create(old_slug="old-title", service=service)
        response = as_user(hiring_client).post(ENGAGEMENTS, {**QUOTE, "service": "old-title"})
        assert response.status_code == 201
        assert response.json()["service"]["slug"] == service.slug

    def test_an_old_slug_of_a_service_one_may_not_see_stays_unknown(
        self, as_user, hiring_client, service
    ):
        ServiceRedirect.objects.create(old_slug="old-title", service=service)
        service.status = "paused"
        service.save()
        response = as_user(hiring_client).post(ENGAGEMENTS, {**QUOTE, "service": "old-title"})
        assert response.status_code == 404
        assert not Engagement.objects.exists()


def test_a_service_named_with_a_nul_byte_is_refused_not_a_server_error(as_user, hiring_client):
    response = as_user(hiring_client).post(ENGAGEMENTS, {**QUOTE, "service": "news\x00"})
    assert 400 <= response.status_code < 500
    assert not Engagement.objects.exists()
