"""The hourly pages as people use them: terms, the card form, logging time with field errors
that keep the input, a week's invoice, a dispute, staff's decision; and constant queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.timesheets.conftest import close, log
from timesheets import calendar, charging
from timesheets.models import Contract, TimeEntry, WeekState

pytestmark = pytest.mark.django_db


def test_the_sides_agree_the_terms_on_the_page(
    as_user, hourly_engagement, freelancer, hiring_client
):
    url = reverse("timesheets:contract", args=[hourly_engagement.pk])
    page = as_user(freelancer)
    assert "Propose the terms" in page.get(url).content.decode()
    response = page.post(
        reverse("timesheets:propose_terms", args=[hourly_engagement.pk]),
        {"hourly_rate": "40", "weekly_limit": "12.5", "time_zone": "America/New_York"},
    )
    assert response.status_code == 302
    page = as_user(hiring_client)
    assert "Accept the terms" in page.get(url).content.decode()
    page.post(reverse("timesheets:decide_terms", args=[hourly_engagement.pk, "accept"]))
    contract = Contract.objects.get()
    assert contract.time_zone == "America/New_York" and contract.is_started
    text = page.get(url).content.decode()
    assert "Save a card before the first week starts" in text


@pytest.mark.parametrize(
    "data, field",
    [
        ({"hourly_rate": "-5", "weekly_limit": "10"}, "hourly_rate"),
        ({"hourly_rate": "40", "weekly_limit": "200"}, "weekly_limit"),
        ({"hourly_rate": "40", "weekly_limit": "1.1"}, "weekly_limit"),
        ({"hourly_rate": "abc", "weekly_limit": "10"}, "hourly_rate"),
        ({"hourly_rate": "40", "weekly_limit": "10", "time_zone": "Mars/Base"}, "time_zone"),
    ],
)
def test_bad_terms_are_field_errors_that_keep_the_input(
    as_user, hourly_engagement, freelancer, data, field
):
    response = as_user(freelancer).post(
        reverse("timesheets:propose_terms", args=[hourly_engagement.pk]), data
    )
    assert response.status_code == 400
    form = response.context["terms_form"]
    assert field in form.errors
    assert not Contract.objects.exists()


def test_the_freelancer_is_told_not_to_start_without_a_card(as_user, contract, freelancer):
    text = as_user(freelancer).get(contract.get_absolute_url()).content.decode()
    assert "please do not start work until they do" in text
    assert 'id="entry-form"' not in text


def test_the_card_page_offers_stripes_form_to_the_client_only(
    as_user, stripe, contract, hiring_client, freelancer
):
    url = reverse("timesheets:card", args=[contract.engagement_id])
    response = as_user(hiring_client).get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="card-form"' in text and "data-setup-secret=" in text
    assert stripe.url in response["Content-Security-Policy"]
    assert as_user(freelancer).get(url).status_code == 403


def test_logging_time_on_the_page_and_its_field_errors(as_user, carded, freelancer):
    page = as_user(freelancer)
    url = reverse("timesheets:add_entry", args=[carded.engagement_id])
    today = calendar.local_today(carded.time_zone)
    monday = calendar.monday_of(today)
    ok = page.post(url, {"date": today.isoformat(), "hours": "2.75", "description": "Interviews"})
    assert ok.status_code == 302
    for data, field in [
        ({"date": today.isoformat(), "hours": "-1", "description": "x"}, "hours"),
        ({"date": today.isoformat(), "hours": "0.3", "description": "x"}, "hours"),
        ({"date": today.isoformat(), "hours": "99999", "description": "x"}, "hours"),
        (
            {"date": (monday - timedelta(days=1)).isoformat(), "hours": "1", "description": "x"},
            "date",
        ),
        ({"date": "not a date", "hours": "1", "description": "x"}, "date"),
    ]:
        response = page.post(url, data)
        assert response.status_code == 400, data
        form = response.context["entry_form"]
        assert field in form.errors, (data, form.errors)
        assert form["description"].value() == "x"  # the input is kept
    over = page.post(url, {"date": today.isoformat(), "hours": "8", "description": "Too much"})
    assert over.status_code == 409 and "weekly limit" in over.content.decode()
    assert TimeEntry.objects.count() == 1


def test_an_entry_is_edited_and_deleted_from_its_page(as_user, carded, freelancer):
    entry = log(carded, freelancer, "2")
    page = as_user(freelancer)
    url = reverse("timesheets:edit_entry", args=[entry.pk])
    assert page.get(url).status_code == 200
    data = {"date": entry.date.isoformat(), "hours": "3.5", "description": "More"}
    assert page.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal("3.5")
    assert page.post(url, {"delete": "1"}).status_code == 302
    assert not TimeEntry.objects.exists()


def test_the_week_page_shows_the_invoice_and_takes_the_clients_dispute(
    as_user, carded, freelancer, hiring_client, staff
):
    log(carded, freelancer, "4")
    week = close(carded.weeks.get())
    charging.charge_closed_weeks()
    page = as_user(hiring_client)
    text = page.get(week.get_absolute_url()).content.decode()
    assert "R-000001" in text and "Dispute this week" in text
    missing = page.post(reverse("timesheets:dispute", args=[week.pk]), {"reason": ""})
    assert missing.status_code == 400
    page.post(reverse("timesheets:dispute", args=[week.pk]), {"reason": "Not agreed."})
    week.refresh_from_db()
    assert week.state == WeekState.DISPUTED
    dispute = week.disputes.get()
    staff_page = as_user(staff)
    url = reverse("timesheets:dispute_resolve", args=[dispute.pk])
    assert staff_page.get(url).status_code == 200
    too_much = staff_page.post(url, {"refund_amount": "1000"})
    assert too_much.status_code == 400
    assert staff_page.post(url, {"refund_amount": "160.00"}).status_code == 302
    week.refresh_from_db()
    assert week.state == WeekState.REFUNDED


def test_the_engagement_page_links_to_the_timesheet(as_user, contract, hiring_client):
    text = as_user(hiring_client).get(contract.engagement.get_absolute_url()).content.decode()
    assert reverse("timesheets:contract", args=[contract.engagement_id]) in text


def test_a_fixed_price_engagement_has_no_timesheet_page(as_user, engagement_in, hiring_client):
    fixed = engagement_in("accepted", quote_basis="fixed", quoted_amount=Decimal(100))
    url = reverse("timesheets:contract", args=[fixed.pk])
    assert as_user(hiring_client).get(url).status_code == 404


def queries(page, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = page.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["hiring_client", "freelancer"])
def test_the_timesheet_and_week_pages_read_in_constant_queries(
    request, as_user, carded, freelancer, who
):
    page = as_user(request.getfixturevalue(who))
    contract_url = carded.get_absolute_url()
    log(carded, freelancer, "1")
    week = carded.weeks.get()
    one = (queries(page, contract_url), queries(page, week.get_absolute_url()))
    for _ in range(6):
        log(carded, freelancer, "1")
    many = (queries(page, contract_url), queries(page, week.get_absolute_url()))
    print(f"\nqueries with 1 entry and with 7 (timesheet, week): {one} {many}")
    assert one == many
