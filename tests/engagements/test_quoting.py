from decimal import Decimal

import pytest

from engagements.exceptions import ActionRefused
from engagements.models import Engagement
from engagements.quoting import request_quote
from marketplace import ratelimits
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_quote_request_opens_an_engagement_with_the_services_owner(service, hiring_client):
    engagement = request_quote(
        service=service, client=hiring_client, what="  An article.  ", budget=Decimal("120")
    )
    assert engagement.state == "requested"
    assert engagement.freelancer == service.owner
    assert (engagement.what, engagement.currency) == ("An article.", service.currency)
    assert engagement.last_activity_at and engagement.requested_at


def test_the_freelancer_is_emailed_about_a_new_request(
    service, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_quote(service=service, client=hiring_client, what="<b>Bold</b> request")
    (email,) = mailoutbox
    assert email.to == [service.owner.user.email]
    assert email.subject == f"New quote request from Sam Okafor: {service.title}"
    assert "<b>Bold</b> request" in email.body  # plain text is not HTML-escaped
    assert "&lt;b&gt;Bold&lt;/b&gt; request" in email.alternatives[0][0]


def test_nobody_can_request_a_quote_on_their_own_service(service, freelancer):
    with pytest.raises(ActionRefused, match="your own service"):
        request_quote(service=service, client=freelancer, what="Myself")
    assert not Engagement.objects.exists()


def test_an_unpublished_service_takes_no_requests(hiring_client):
    paused = ServiceFactory(status="paused")
    with pytest.raises(ActionRefused, match="not taking requests"):
        request_quote(service=paused, client=hiring_client, what="Anything")


def test_a_second_request_waits_until_the_first_is_answered(service, hiring_client):
    request_quote(service=service, client=hiring_client, what="First")
    with pytest.raises(ActionRefused) as refused:
        request_quote(service=service, client=hiring_client, what="Second")
    assert refused.value.code == "duplicate"
    assert Engagement.objects.count() == 1


def test_quote_requests_are_rate_limited_per_client(settings, hiring_client, outsider):
    settings.RATE_LIMITS = {"quote-requests": (2, 3600)}
    services = ServiceFactory.create_batch(3)
    for service in services[:2]:
        request_quote(service=service, client=hiring_client, what="Work")
    with pytest.raises(ratelimits.RateLimitExceeded) as exceeded:
        request_quote(service=services[2], client=hiring_client, what="Work")
    assert "maximum of 2 quote requests" in exceeded.value.message
    assert 0 < exceeded.value.retry_after <= 3600
    assert Engagement.objects.count() == 2
    # Another client has their own allowance.
    request_quote(service=services[2], client=outsider, what="Work")
