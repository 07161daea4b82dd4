"""The hourly API reads one week or many, one entry or many, in the same number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.support.tokens import token_key_for
from tests.timesheets.conftest import log
from timesheets import calendar
from timesheets.models import TimeEntry, Week

pytestmark = pytest.mark.django_db


def queries(api, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def add_past_weeks(contract, count: int) -> None:
    monday = calendar.week_start(contract.time_zone)
    for n in range(1, count + 1):
        start = monday - timedelta(weeks=n)
        week = Week.objects.create(
            contract=contract,
            starts_on=start,
            closes_at=calendar.week_closes_at(start, contract.time_zone),
            hourly_rate=Decimal(40),
            weekly_limit=Decimal(10),
            currency="USD",
            hours=Decimal(1),
        )
        TimeEntry.objects.create(week=week, date=start, hours=Decimal(1), description="x")


@pytest.mark.parametrize("who", ["hiring_client", "freelancer"])
def test_the_hourly_reads_take_constant_queries(request, carded, freelancer, who):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(request.getfixturevalue(who))}")
    pk = carded.engagement_id
    urls = [
        f"/api/v1/hourly/engagements/{pk}/",
        f"/api/v1/hourly/engagements/{pk}/entries/",
        f"/api/v1/hourly/engagements/{pk}/weeks/",
    ]
    log(carded, freelancer, "1")
    add_past_weeks(carded, 1)
    week = f"/api/v1/hourly/weeks/{carded.weeks.order_by('starts_on').first().pk}/"
    one = [queries(api, url) for url in [*urls, week]]
    for _ in range(9):
        log(carded, freelancer, "0.25")
    Week.objects.exclude(starts_on=calendar.week_start(carded.time_zone)).delete()
    add_past_weeks(carded, 30)
    week = f"/api/v1/hourly/weeks/{carded.weeks.order_by('starts_on').first().pk}/"
    many = [queries(api, url) for url in [*urls, week]]
    print(f"\nqueries (contract, entries, weeks, week) with 1 and many: {one} {many}")
    assert one == many
