import pytest

from engagements.models import Engagement, Message
from marketplace import ratelimits
from messaging.exceptions import MessageRefused
from messaging.threads import mark_read, post_message

pytestmark = pytest.mark.django_db


def test_a_message_moves_the_engagement_up_the_inbox(engagement, hiring_client):
    before = engagement.last_activity_at
    message = post_message(thread=engagement, sender=hiring_client, body="  Hello  ")
    engagement.refresh_from_db()
    assert message.body == "Hello"
    assert engagement.last_activity_at == message.created_at > before


def test_the_sender_has_read_their_own_message_and_the_other_side_has_not(
    engagement, freelancer, hiring_client
):
    post_message(thread=engagement, sender=hiring_client, body="Hello")
    assert Engagement.objects.with_unread_count(hiring_client).get().unread_count == 0
    assert Engagement.objects.with_unread_count(freelancer).get().unread_count == 1
    mark_read(thread=engagement, reader=freelancer)
    assert Engagement.objects.with_unread_count(freelancer).get().unread_count == 0


def test_the_other_side_is_emailed_a_new_message(
    engagement, freelancer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_message(thread=engagement, sender=freelancer, body="Can do Tuesday.")
    (email,) = mailoutbox
    assert email.to == [engagement.client.email]
    assert email.subject.startswith("New message from Elena Marsh")
    assert "Can do Tuesday." in email.body


@pytest.mark.parametrize("who", ["outsider", "staff"])
def test_only_the_two_sides_can_write(engagement, request, who):
    with pytest.raises(MessageRefused) as refused:
        post_message(thread=engagement, sender=request.getfixturevalue(who), body="Hi")
    assert refused.value.code == "not_participant"
    assert not Message.objects.exists()


@pytest.mark.parametrize("state", ["declined", "cancelled"])
def test_a_closed_engagement_takes_no_messages(engagement_in, hiring_client, state):
    with pytest.raises(MessageRefused, match="thread is closed"):
        post_message(thread=engagement_in(state), sender=hiring_client, body="Hi")


def test_messages_are_rate_limited_per_sender(settings, engagement, hiring_client, freelancer):
    settings.RATE_LIMITS = {"messages": (3, 600)}
    for n in range(3):
        post_message(thread=engagement, sender=hiring_client, body=f"Message {n}")
    with pytest.raises(ratelimits.RateLimitExceeded, match="maximum of 3 messages"):
        post_message(thread=engagement, sender=hiring_client, body="One too many")
    post_message(thread=engagement, sender=freelancer, body="I can still answer")
    assert Message.objects.count() == 4
