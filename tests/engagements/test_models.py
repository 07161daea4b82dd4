from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from engagements.models import Engagement
from tests.factories import EngagementFactory, MessageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_engagement_knows_which_side_a_user_is_on(
    engagement, freelancer, hiring_client, outsider, staff
):
    assert engagement.side_of(hiring_client) == "client"
    assert engagement.side_of(freelancer) == "freelancer"
    assert engagement.side_of(outsider) is None
    assert engagement.side_of(staff) is None


def test_only_the_two_sides_and_staff_can_read_an_engagement(
    engagement, freelancer, hiring_client, outsider, staff
):
    for user in (hiring_client, freelancer, staff):
        assert list(Engagement.objects.readable_by(user)) == [engagement]
        assert engagement.is_readable_by(user)
    assert not Engagement.objects.readable_by(outsider).exists()
    assert not engagement.is_readable_by(outsider)


def test_involving_lists_engagements_as_client_and_as_freelancer(service, freelancer):
    hired = EngagementFactory(client=freelancer)  # the freelancer hiring someone else
    asked = EngagementFactory(service=service)
    EngagementFactory()
    assert set(Engagement.objects.involving(freelancer)) == {hired, asked}
    assert list(Engagement.objects.as_client(freelancer)) == [hired]
    assert list(Engagement.objects.as_freelancer(freelancer)) == [asked]


def test_unread_counts_only_the_other_sides_messages_since_the_last_visit(
    engagement, freelancer, hiring_client
):
    MessageFactory(engagement=engagement, sender=hiring_client)
    MessageFactory(engagement=engagement, sender=freelancer)
    MessageFactory(engagement=engagement, sender=freelancer)
    assert Engagement.objects.with_unread_count(hiring_client).get().unread_count == 2
    assert Engagement.objects.with_unread_count(freelancer).get().unread_count == 1

    Engagement.objects.update(client_last_read_at=timezone.now())
    MessageFactory(
        engagement=engagement, sender=freelancer, created_at=timezone.now() + timedelta(seconds=1)
    )
    assert Engagement.objects.with_unread_count(hiring_client).get().unread_count == 1


def test_the_inbox_puts_the_newest_activity_first(hiring_client):
    old = EngagementFactory(client=hiring_client, last_activity_at=timezone.now() - timedelta(1))
    new = EngagementFactory(client=hiring_client)
    assert list(Engagement.objects.for_inbox(hiring_client)) == [new, old]
    assert not Engagement.objects.for_inbox(UserFactory()).exists()


def test_overdue_means_delivered_more_than_14_days_ago(engagement_in):
    overdue = engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=14, hours=1))
    engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=13))
    engagement_in("accepted")
    assert list(Engagement.objects.overdue()) == [overdue]
    assert overdue.is_overdue()


@pytest.mark.parametrize(
    ("state", "missing"),
    [
        ("accepted", "accepted_at"),
        ("declined", "declined_at"),
        ("delivered", "delivered_at"),
        ("completed", "completed_at"),
        ("cancelled", "cancelled_at"),
    ],
)
def test_the_database_refuses_a_state_without_its_timestamp(engagement_in, state, missing):
    with pytest.raises(IntegrityError), transaction.atomic():
        engagement_in(state, **{missing: None})


@pytest.mark.parametrize("field", ["budget", "quoted_amount"])
def test_the_database_refuses_negative_money(engagement, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(**{field: -1})
