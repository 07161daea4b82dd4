from datetime import timedelta
from itertools import product

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagements.models import Engagement, Message
from tests.factories import EngagementFactory, MessageFactory, ServiceFactory
from tests.support.workflow import ACTIONS, ALLOWED, STATES

pytestmark = pytest.mark.django_db


def detail_url(engagement):
    return reverse("engagements:detail", args=[engagement.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


class TestAccessMatrix:
    """Every URL as anonymous, outsider, client, freelancer and staff."""

    WHO = ["anonymous", "outsider", "client", "freelancer", "staff"]

    @pytest.fixture
    def user_for(self, request):
        def pick(who):
            name = {"client": "hiring_client"}.get(who, who)
            return None if who == "anonymous" else request.getfixturevalue(name)

        return pick

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 200),
            ("freelancer", 200),
            ("staff", 200),
        ],
    )
    def test_the_engagement_page(self, as_user, user_for, engagement, who, status):
        response = as_user(user_for(who)).get(detail_url(engagement))
        assert response.status_code == status
        if who == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 302),
            ("freelancer", 302),
            ("staff", 403),
        ],
    )
    def test_posting_a_message(self, as_user, user_for, engagement, who, status):
        response = as_user(user_for(who)).post(
            reverse("engagements:post_message", args=[engagement.pk]), {"body": "Hello"}
        )
        assert response.status_code == status
        assert Message.objects.count() == (1 if who in {"client", "freelancer"} else 0)

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 404),
            ("client", 302),
            ("freelancer", 302),
            ("staff", 403),
        ],
    )
    def test_only_the_freelancer_may_accept_a_request_and_staff_only_read(
        self, as_user, user_for, engagement, who, status
    ):
        response = as_user(user_for(who)).post(
            reverse("engagements:transition", args=[engagement.pk, "accept"])
        )
        assert response.status_code == status
        engagement.refresh_from_db()
        assert engagement.state == ("accepted" if who == "freelancer" else "requested")

    @pytest.mark.parametrize("who", WHO)
    def test_the_inbox_lists_an_engagement_to_its_two_sides_only(
        self, as_user, user_for, engagement, who
    ):
        response = as_user(user_for(who)).get(reverse("engagements:inbox"))
        if who == "anonymous":
            assert response.status_code == 302
            return
        assert response.status_code == 200
        listed = engagement.service.title in response.content.decode()
        assert listed == (who in {"client", "freelancer"})  # staff read engagements in the admin

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("anonymous", 302),
            ("outsider", 302),
            ("client", 302),
            ("freelancer", 302),
            ("staff", 302),
        ],
    )
    def test_requesting_a_quote(self, as_user, user_for, service, who, status):
        response = as_user(user_for(who)).post(
            reverse("engagements:request_quote", args=[service.slug]),
            {"what": "A long enough brief", "budget": "50", "deadline": ""},
        )
        assert response.status_code == status
        created = Engagement.objects.filter(service=service).count()
        # The freelancer is sent back to their service with a message; nothing is stored.
        assert created == (0 if who in {"anonymous", "freelancer"} else 1)

    @pytest.mark.parametrize("url_name", ["post_message", "transition"])
    def test_state_changes_are_post_only(self, as_user, hiring_client, engagement, url_name):
        args = [engagement.pk] + (["cancel"] if url_name == "transition" else [])
        response = as_user(hiring_client).get(reverse(f"engagements:{url_name}", args=args))
        assert response.status_code == 405

    def test_state_changes_need_the_csrf_token(self, hiring_client, engagement):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(hiring_client)
        url = reverse("engagements:transition", args=[engagement.pk, "cancel"])
        assert browser.post(url).status_code == 403
        engagement.refresh_from_db()
        assert engagement.state == "requested"

    def test_an_unknown_action_is_a_404(self, as_user, freelancer, engagement):
        url = reverse("engagements:transition", args=[engagement.pk, "approve"])
        assert as_user(freelancer).post(url).status_code == 404


@pytest.mark.parametrize(
    ("action", "side", "state"), list(product(ACTIONS, ["client", "freelancer"], STATES))
)
def test_every_transition_button_works_for_its_side_and_is_refused_with_a_message_otherwise(
    as_user, engagement_in, freelancer, hiring_client, action, side, state
):
    engagement = engagement_in(state)
    user = freelancer if side == "freelancer" else hiring_client
    response = as_user(user).post(reverse("engagements:transition", args=[engagement.pk, action]))
    assert response.status_code == 302 and response["Location"] == detail_url(engagement)
    engagement.refresh_from_db()
    target = ALLOWED.get((action, side, state))
    if target:
        assert engagement.state == target
        assert messages_of(response) == [f"Engagement {target}."]
    else:
        assert engagement.state == state
        (message,) = messages_of(response)
        assert message.startswith(("Only the", "This engagement is"))


class TestEngagementPage:
    def test_it_shows_the_brief_the_thread_and_the_freelancers_buttons(
        self, as_user, engagement, freelancer, hiring_client
    ):
        MessageFactory(engagement=engagement, sender=hiring_client, body="Is Friday fine?")
        page = as_user(freelancer).get(detail_url(engagement)).content.decode()
        assert "A 1,000-word article about local elections." in page
        assert "Is Friday fine?" in page and "Sam Okafor" in page
        assert ">Accept</button>" in page and ">Decline</button>" in page
        assert ">Cancel</button>" not in page  # a freelancer declines a request, not cancels it

    def test_the_client_sees_only_the_clients_buttons(self, as_user, engagement_in, hiring_client):
        page = as_user(hiring_client).get(detail_url(engagement_in("delivered"))).content.decode()
        assert ">Confirm completion</button>" in page
        assert "Mark as delivered" not in page and ">Cancel</button>" not in page
        assert "completes automatically on" in page

    def test_staff_read_the_thread_without_buttons_or_a_message_box(
        self, as_user, engagement, staff, hiring_client
    ):
        MessageFactory(engagement=engagement, sender=hiring_client, body="Private words")
        page = as_user(staff).get(detail_url(engagement)).content.decode()
        assert "Private words" in page and "you are reading as staff" in page
        assert "What you can do" not in page and 'id="message-form"' not in page

    def test_opening_the_page_marks_the_thread_read(
        self, as_user, engagement, freelancer, hiring_client
    ):
        MessageFactory(engagement=engagement, sender=hiring_client)
        as_user(freelancer).get(detail_url(engagement))
        assert Engagement.objects.with_unread_count(freelancer).get().unread_count == 0
        assert Engagement.objects.with_unread_count(hiring_client).get().unread_count == 0

    def test_reading_an_overdue_delivery_changes_nothing_until_the_periodic_task_runs(
        self, as_user, engagement_in, hiring_client, freelancer, staff
    ):
        engagement = engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=15))
        before = Engagement.objects.values().get(pk=engagement.pk)
        as_user(hiring_client).get(reverse("engagements:inbox"))
        as_user(staff).get(detail_url(engagement))
        assert Engagement.objects.values().get(pk=engagement.pk) == before
        call_command("complete_overdue_engagements")
        page = as_user(freelancer).get(detail_url(engagement)).content.decode()
        assert "Completed automatically" in page

    def test_a_script_in_a_message_or_brief_shows_as_text(
        self, as_user, service, hiring_client, freelancer
    ):
        engagement = EngagementFactory(
            service=service, client=hiring_client, what="<script>alert('brief')</script>"
        )
        MessageFactory(
            engagement=engagement, sender=hiring_client, body="<script>alert('x')</script>"
        )
        page = as_user(freelancer).get(detail_url(engagement)).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        assert "&lt;script&gt;alert(&#x27;brief&#x27;)&lt;/script&gt;" in page

    def test_the_page_has_a_constant_number_of_queries(
        self, as_user, engagement, freelancer, hiring_client, django_assert_max_num_queries
    ):
        browser = as_user(freelancer)
        MessageFactory(engagement=engagement, sender=hiring_client)
        with django_assert_max_num_queries(12) as few:
            browser.get(detail_url(engagement))
        MessageFactory.create_batch(30, engagement=engagement, sender=hiring_client)
        with django_assert_max_num_queries(len(few.captured_queries)):
            browser.get(detail_url(engagement))


class TestMessages:
    def test_an_empty_message_is_refused_with_a_field_error(
        self, as_user, engagement, hiring_client
    ):
        response = as_user(hiring_client).post(
            reverse("engagements:post_message", args=[engagement.pk]), {"body": "   "}
        )
        assert response.status_code == 400
        assert "This field is required." in response.content.decode()
        assert not Message.objects.exists()

    def test_a_too_long_message_keeps_what_was_typed(self, as_user, engagement, hiring_client):
        body = "word " * 1_200
        response = as_user(hiring_client).post(
            reverse("engagements:post_message", args=[engagement.pk]), {"body": body}
        )
        assert response.status_code == 400
        assert "at most 5000 characters" in response.content.decode()
        assert "word word word" in response.content.decode()

    def test_the_rate_limit_is_explained_and_keeps_the_text(
        self, settings, as_user, engagement, hiring_client
    ):
        settings.RATE_LIMITS = {"messages": (1, 600)}
        browser = as_user(hiring_client)
        url = reverse("engagements:post_message", args=[engagement.pk])
        assert browser.post(url, {"body": "First"}).status_code == 302
        response = browser.post(url, {"body": "Second thoughts"})
        assert response.status_code == 429
        page = response.content.decode()
        assert "You have sent the maximum of 1 messages allowed in 10 minutes" in page
        assert "Second thoughts" in page
        assert Message.objects.count() == 1

    def test_a_declined_engagements_thread_is_closed(self, as_user, engagement_in, hiring_client):
        engagement = engagement_in("declined")
        response = as_user(hiring_client).post(
            reverse("engagements:post_message", args=[engagement.pk]), {"body": "But why?"}
        )
        assert response.status_code == 302
        assert messages_of(response) == ["This engagement is declined; its thread is closed."]
        assert not Message.objects.exists()


class TestRequestQuote:
    def url(self, service):
        return reverse("engagements:request_quote", args=[service.slug])

    def test_a_client_requests_a_quote_and_lands_on_the_engagement(
        self, as_user, service, hiring_client
    ):
        response = as_user(hiring_client).post(
            self.url(service),
            {"what": "An article on elections", "budget": "150", "deadline": "2099-01-31"},
        )
        engagement = Engagement.objects.get()
        assert response["Location"] == detail_url(engagement)
        assert messages_of(response) == [
            "Your request was sent to Elena Marsh. You will get an email when they answer."
        ]
        assert str(engagement.deadline) == "2099-01-31"

    @pytest.mark.parametrize(
        ("data", "error"),
        [
            ({"what": "short"}, "Ensure this value has at least 10 characters"),
            ({"what": "Long enough brief", "budget": "-5"}, "greater than or equal to 0"),
            ({"what": "Long enough brief", "budget": "abc"}, "Enter a number."),
            ({"what": "Long enough brief", "deadline": "2001-01-01"}, "cannot be in the past"),
            ({"what": "Long enough brief", "deadline": "31/31/2031"}, "Enter a valid date."),
        ],
    )
    def test_bad_input_shows_a_field_error_keeps_the_input_and_stores_nothing(
        self, as_user, service, hiring_client, data, error
    ):
        response = as_user(hiring_client).post(self.url(service), data)
        assert response.status_code == 400
        page = response.content.decode()
        assert error in page and data["what"] in page
        assert not Engagement.objects.exists()

    def test_the_rate_limit_is_explained(self, settings, as_user, hiring_client):
        settings.RATE_LIMITS = {"quote-requests": (1, 3600)}
        first, second = ServiceFactory.create_batch(2)
        browser = as_user(hiring_client)
        browser.post(self.url(first), {"what": "A long enough brief"})
        response = browser.post(self.url(second), {"what": "A long enough brief"})
        assert response.status_code == 429
        assert "maximum of 1 quote requests allowed in 1 hour" in response.content.decode()
        assert Engagement.objects.count() == 1

    def test_the_owner_is_sent_back_with_a_message(self, as_user, service, freelancer):
        response = as_user(freelancer).get(self.url(service))
        assert response["Location"] == service.get_absolute_url()
        assert messages_of(response) == ["You cannot request a quote on your own service."]

    def test_a_draft_service_is_a_404(self, as_user, hiring_client):
        draft = ServiceFactory(status="draft")
        assert as_user(hiring_client).get(self.url(draft)).status_code == 404


class TestInbox:
    def test_it_lists_both_roles_with_unread_counts(
        self, as_user, service, freelancer, hiring_client
    ):
        asked = EngagementFactory(service=service, client=hiring_client)
        MessageFactory.create_batch(2, engagement=asked, sender=hiring_client)
        hired = EngagementFactory(client=freelancer)
        page = as_user(freelancer).get(reverse("engagements:inbox")).content.decode()
        assert asked.service.title in page and hired.service.title in page
        assert "Sam Okafor asked you" in page
        assert '2<span class="visually-hidden"> unread messages</span>' in page

    @pytest.mark.parametrize(
        ("state", "client_reads", "freelancer_reads"),
        [
            ("requested", "You asked Elena Marsh for a quote", "Sam Okafor asked you for a quote"),
            ("accepted", "You hired Elena Marsh", "Sam Okafor hired you"),
            ("declined", "Elena Marsh declined your request", "You declined Sam Okafor’s request"),
            ("cancelled", "with Elena Marsh was cancelled", "with Sam Okafor was cancelled"),
        ],
    )
    def test_it_says_who_hired_whom_only_once_a_request_is_accepted(
        self,
        as_user,
        engagement_in,
        freelancer,
        hiring_client,
        state,
        client_reads,
        freelancer_reads,
    ):
        engagement_in(state)
        inbox = reverse("engagements:inbox")
        assert client_reads in as_user(hiring_client).get(inbox).content.decode()
        assert freelancer_reads in as_user(freelancer).get(inbox).content.decode()

    def test_it_filters_by_role(self, as_user, service, freelancer):
        asked = EngagementFactory(service=service)
        hired = EngagementFactory(client=freelancer)
        page = as_user(freelancer).get(reverse("engagements:inbox"), {"as": "client"})
        assert hired.service.title in page.content.decode()
        assert asked.service.title not in page.content.decode()

    def test_a_bad_page_number_is_not_an_error(self, as_user, hiring_client):
        response = as_user(hiring_client).get(reverse("engagements:inbox"), {"page": "x'"})
        assert response.status_code == 200

    def test_it_has_the_same_query_count_with_one_and_many_engagements(
        self, as_user, service, freelancer, hiring_client, django_assert_max_num_queries
    ):
        browser = as_user(freelancer)
        MessageFactory(engagement=EngagementFactory(service=service, client=hiring_client))
        with django_assert_max_num_queries(10) as one:
            browser.get(reverse("engagements:inbox"))
        for _ in range(25):
            MessageFactory(engagement=EngagementFactory(service=service))
        EngagementFactory.create_batch(5, client=freelancer)
        with django_assert_max_num_queries(len(one.captured_queries)):
            response = browser.get(reverse("engagements:inbox"))
        assert response.content.decode().count('<th scope="row">') == 20  # one page
