"""The payment pages run the same queries for one milestone or movement as for many."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from payments import delivery, funding, planning, settlement
from payments.models import Milestone
from payments.planning import MilestoneDraft
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db


def queries(page, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = page.get(url)
    assert response.status_code == 200
    return len(captured)


def plan_of(engagement, freelancer, client, count: int) -> list[Milestone]:
    engagement.quoted_amount = Decimal(100 * count)
    engagement.save()
    planning.propose_plan(
        engagement=engagement,
        by=freelancer,
        milestones=[MilestoneDraft(f"Part {n}", Decimal(100)) for n in range(count)],
    )
    planning.accept_plan(engagement=engagement, by=client)
    parts = list(Milestone.objects.filter(engagement=engagement).order_by("position"))
    for part in parts:
        funding.record_demo_payment(milestone=part)
        delivery.submit_work(milestone=part, by=freelancer, message="Done.", files=[])
    return parts


@pytest.mark.parametrize("who", ["hiring_client", "freelancer"])
def test_the_engagement_page_reads_its_milestones_in_constant_queries(
    request, as_user, service, hiring_client, freelancer, who
):

    counts = []
    for count in (1, 15):
        engagement = EngagementFactory(
            service=service,
            client=hiring_client,
            state="accepted",
            accepted_at=timezone.now(),
            quote_basis="fixed",
            quoted_amount=Decimal(100),
        )
        plan_of(engagement, freelancer, hiring_client, count)
        page = as_user(request.getfixturevalue(who))
        counts.append(queries(page, engagement.get_absolute_url()))
    assert counts[0] == counts[1], counts


def test_the_earnings_page_reads_any_number_of_movements_in_constant_queries(
    as_user, fixed_engagement, hiring_client, freelancer
):
    parts = plan_of(fixed_engagement, freelancer, hiring_client, 12)
    page = as_user(freelancer)
    settlement.release(milestone=parts[0], by=hiring_client)
    one = queries(page, reverse("payments:earnings"))
    for part in parts[1:]:
        settlement.release(milestone=part, by=hiring_client)
    assert queries(page, reverse("payments:earnings")) == one
