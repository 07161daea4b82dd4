from datetime import timedelta
from decimal import Decimal
from itertools import product

import pytest
from django.core.management import call_command
from django.utils import timezone

from engagements import transitions
from engagements.exceptions import ActionRefused
from engagements.models import AUTO_COMPLETE_AFTER, Engagement
from engagements.tasks import complete_overdue_engagements
from tests.support.workflow import ACTIONS, ALLOWED, STATES

pytestmark = pytest.mark.django_db

STAMP = {
    "accepted": "accepted_at",
    "declined": "declined_at",
    "delivered": "delivered_at",
    "completed": "completed_at",
    "cancelled": "cancelled_at",
}


@pytest.fixture
def cast(freelancer, hiring_client, outsider, staff):
    return {"freelancer": freelancer, "client": hiring_client, "outsider": outsider, "staff": staff}


@pytest.mark.parametrize(
    ("action", "side", "state"), list(product(ACTIONS, ["client", "freelancer"], STATES))
)
def test_each_side_can_make_exactly_the_transitions_of_the_workflow(
    cast, engagement_in, action, side, state
):
    engagement = engagement_in(state)
    before = engagement.last_activity_at
    target = ALLOWED.get((action, side, state))
    if target:
        result = transitions.perform(action, engagement=engagement, by=cast[side])
        stored = Engagement.objects.get(pk=engagement.pk)
        assert result.state == stored.state == target
        assert getattr(stored, STAMP[target]) is not None
        assert stored.last_activity_at > before
    else:
        with pytest.raises(ActionRefused) as refused:
            transitions.perform(action, engagement=engagement, by=cast[side])
        assert refused.value.code in {"wrong_side", "wrong_state"}
        assert refused.value.message.endswith(".")
        assert Engagement.objects.get(pk=engagement.pk).state == state


@pytest.mark.parametrize("who", ["outsider", "staff"])
@pytest.mark.parametrize("action", ACTIONS)
def test_nobody_but_the_two_sides_can_change_an_engagement(cast, engagement_in, who, action):
    engagement = engagement_in("accepted" if action in {"deliver", "cancel"} else "requested")
    with pytest.raises(ActionRefused, match="Only the client and the freelancer") as refused:
        transitions.perform(action, engagement=engagement, by=cast[who])
    assert refused.value.code == "not_participant"


def test_a_refusal_names_the_state_it_found(engagement_in, hiring_client):
    engagement = engagement_in("completed")
    with pytest.raises(ActionRefused, match="This engagement is completed, so it cannot be"):
        transitions.cancel(engagement=engagement, by=hiring_client)


def test_the_client_is_told_that_only_the_freelancer_accepts(engagement, hiring_client):
    with pytest.raises(ActionRefused, match="Only the freelancer can accept"):
        transitions.accept(engagement=engagement, by=hiring_client)


def test_accepting_can_carry_a_quote(engagement, freelancer):
    accepted = transitions.accept(
        engagement=engagement, by=freelancer, quoted_amount=Decimal("180"), quote_basis="fixed"
    )
    accepted.refresh_from_db()
    assert (accepted.quoted_amount, accepted.quote_basis) == (Decimal("180.00"), "fixed")


def test_accepting_without_a_quote_leaves_it_empty(engagement, freelancer):
    accepted = transitions.accept(engagement=engagement, by=freelancer)
    assert accepted.quoted_amount is None and accepted.quote_basis == ""


def test_cancelling_records_which_side_cancelled(engagement_in, freelancer):
    cancelled = transitions.cancel(engagement=engagement_in("accepted"), by=freelancer)
    assert cancelled.cancelled_by == "freelancer"


def test_completion_updates_the_freelancers_completed_count(engagement_in, hiring_client):
    engagement_in("completed")
    delivered = engagement_in("delivered")
    transitions.refresh_completed_counts(profile_ids=[delivered.freelancer_id])
    transitions.complete(engagement=delivered, by=hiring_client)
    delivered.freelancer.refresh_from_db()
    assert delivered.freelancer.completed_engagement_count == 2


def test_the_other_side_is_emailed_about_a_state_change(
    engagement, freelancer, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transitions.accept(engagement=engagement, by=freelancer, quoted_amount=Decimal("90"))
    (email,) = mailoutbox
    assert email.to == [hiring_client.email]
    assert "accepted" in email.subject
    assert "Elena Marsh accepted your request" in email.body
    assert "Quote: $90." in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and engagement.get_absolute_url() in html


def test_nothing_is_emailed_when_a_transition_is_refused(
    engagement, hiring_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionRefused):
        transitions.deliver(engagement=engagement, by=hiring_client)
    assert mailoutbox == []


class TestAutoCompletion:
    def test_a_delivery_left_alone_for_14_days_completes_at_its_deadline(self, engagement_in):
        delivered_at = timezone.now() - AUTO_COMPLETE_AFTER - timedelta(hours=1)
        engagement = engagement_in("delivered", delivered_at=delivered_at)
        assert transitions.complete_overdue() == 1
        engagement.refresh_from_db()
        assert engagement.state == "completed" and engagement.completed_automatically
        assert engagement.completed_at == delivered_at + AUTO_COMPLETE_AFTER
        engagement.freelancer.refresh_from_db()
        assert engagement.freelancer.completed_engagement_count == 1

    def test_the_periodic_task_completes_overdue_deliveries_once(self, engagement_in):
        engagement = engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=15))
        assert complete_overdue_engagements.delay().get() == 1
        assert complete_overdue_engagements.delay().get() == 0
        engagement.refresh_from_db()
        assert engagement.state == "completed"

    def test_a_recent_delivery_waits_for_the_client(self, engagement_in):
        engagement = engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=13))
        assert transitions.complete_overdue() == 0
        engagement.refresh_from_db()
        assert engagement.state == "delivered"

    def test_both_sides_are_told_about_an_automatic_completion(
        self, engagement_in, mailoutbox, django_capture_on_commit_callbacks
    ):
        engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=15))
        with django_capture_on_commit_callbacks(execute=True):
            transitions.complete_overdue()
        assert len(mailoutbox) == 2
        assert all("completed automatically" in email.body for email in mailoutbox)

    def test_the_command_completes_overdue_engagements_and_says_how_many(
        self, engagement_in, capsys
    ):
        engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=20))
        engagement_in("delivered", delivered_at=timezone.now() - timedelta(days=15))
        engagement_in("accepted")
        call_command("complete_overdue_engagements")
        assert "Completed 2 overdue engagements." in capsys.readouterr().out
        assert Engagement.objects.filter(state="completed").count() == 2
