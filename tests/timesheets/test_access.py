"""Who may open and use each hourly page and endpoint: anonymous visitors, outsiders, the
client, the freelancer and staff. A refused request changes nothing: not a row, not a ledger
entry."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ledger.models import Entry
from payments.models import Payment
from tests.support.tokens import token_key_for
from tests.timesheets.conftest import close, log
from timesheets import charging, review
from timesheets.models import Contract, Terms, TimeEntry, Week, WeekDispute

pytestmark = pytest.mark.django_db


def hourly_state() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Contract, Terms, Week, TimeEntry, WeekDispute, Payment, Entry)
    }


@pytest.fixture
def world(carded, freelancer, hiring_client):
    """A charged week under dispute, an open week with an entry and a terms proposal."""
    log(carded, freelancer, "2")
    charged = close(carded.weeks.get())
    charging.charge_closed_weeks()
    charged.refresh_from_db()
    dispute = review.open_dispute(week=charged, by=hiring_client, reason="Late.")
    entry = log(carded, freelancer, "1")
    return {"contract": carded, "week": charged, "dispute": dispute, "entry": entry}


def page_urls(world) -> list[tuple[str, dict]]:
    pk, week = world["contract"].engagement_id, world["week"].pk
    return [
        (reverse("timesheets:propose_terms", args=[pk]), {"hourly_rate": "1", "weekly_limit": "1"}),
        (reverse("timesheets:decide_terms", args=[pk, "accept"]), {}),
        (reverse("timesheets:decide_terms", args=[pk, "decline"]), {}),
        (reverse("timesheets:add_entry", args=[pk]), {"hours": "1", "description": "x"}),
        (reverse("timesheets:card", args=[pk]), {"setup_intent": "seti_x"}),
        (reverse("timesheets:change_state", args=[pk, "pause"]), {}),
        (reverse("timesheets:change_state", args=[pk, "end"]), {}),
        (reverse("timesheets:edit_entry", args=[world["entry"].pk]), {"delete": "1"}),
        (reverse("timesheets:dispute", args=[week]), {"reason": "x"}),
        (reverse("timesheets:retry", args=[week]), {}),
    ]


def api_urls(world) -> list[tuple[str, str, dict]]:
    pk, week = world["contract"].engagement_id, world["week"].pk
    base = "/api/v1/hourly"
    return [
        ("post", f"{base}/engagements/{pk}/terms/", {"hourly_rate": "1", "weekly_limit": "1"}),
        ("post", f"{base}/engagements/{pk}/terms/accept/", {}),
        ("post", f"{base}/engagements/{pk}/terms/decline/", {}),
        ("post", f"{base}/engagements/{pk}/pause/", {}),
        ("post", f"{base}/engagements/{pk}/end/", {}),
        ("post", f"{base}/engagements/{pk}/card/", {}),
        ("post", f"{base}/engagements/{pk}/card/confirm/", {"setup_intent": "seti_x"}),
        ("post", f"{base}/engagements/{pk}/entries/", {"hours": "1", "description": "x"}),
        ("put", f"{base}/entries/{world['entry'].pk}/", {"hours": "1", "description": "x"}),
        ("delete", f"{base}/entries/{world['entry'].pk}/", {}),
        ("post", f"{base}/weeks/{week}/charge/", {}),
        ("post", f"{base}/weeks/{week}/disputes/", {"reason": "x"}),
    ]


def read_urls(world) -> list[str]:
    pk, week = world["contract"].engagement_id, world["week"].pk
    return [
        reverse("timesheets:contract", args=[pk]),
        reverse("timesheets:week", args=[week]),
        f"/api/v1/hourly/engagements/{pk}/",
        f"/api/v1/hourly/engagements/{pk}/entries/",
        f"/api/v1/hourly/engagements/{pk}/weeks/",
        f"/api/v1/hourly/weeks/{week}/",
    ]


def api_as(user) -> APIClient:
    api = APIClient()
    if user is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(user)}")
    return api


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_answers_401(client, world):
    before = hourly_state()
    staff_url = reverse("timesheets:dispute_resolve", args=[world["dispute"].pk])
    staff_list = reverse("timesheets:dispute_list")
    for url, data in [*page_urls(world), (staff_url, {"refund_amount": "0"}), (staff_list, {})]:
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url
    api = api_as(None)
    for method, url, data in api_urls(world):
        assert getattr(api, method)(url, data, format="json").status_code == 401, url
    for url in read_urls(world):
        response = client.get(url)
        assert response.status_code in (302, 401), url
    assert hourly_state() == before


def test_outsiders_find_nothing(as_user, outsider, world):
    before = hourly_state()
    page = as_user(outsider)
    for url, data in page_urls(world):
        assert page.post(url, data).status_code == 404, url
    for url in read_urls(world):
        assert page.get(url).status_code == 404, url
    staff_url = reverse("timesheets:dispute_resolve", args=[world["dispute"].pk])
    assert page.post(staff_url, {"refund_amount": "0"}).status_code == 403
    assert page.get(reverse("timesheets:dispute_list")).status_code == 403
    api = api_as(outsider)
    for method, url, data in api_urls(world):
        assert getattr(api, method)(url, data, format="json").status_code == 404, url
    assert hourly_state() == before


def test_staff_read_but_do_not_act(as_user, staff, world):
    before = hourly_state()
    page = as_user(staff)
    for url in read_urls(world):
        assert page.get(url).status_code == 200, url
    # The weeks in dispute are on staff's one queue, with the milestones'.
    listed = page.get(reverse("timesheets:dispute_list"), follow=True)
    assert listed.redirect_chain == [(reverse("payments:dispute_list"), 302)]
    row = reverse("timesheets:dispute_resolve", args=[world["dispute"].pk])
    assert row in listed.content.decode()
    for url, data in page_urls(world):
        assert page.post(url, data).status_code == 403, url
    api = api_as(staff)
    for method, url, data in api_urls(world):
        assert getattr(api, method)(url, data, format="json").status_code == 403, url
    assert hourly_state() == before


@pytest.mark.parametrize("side", ["hiring_client", "freelancer"])
def test_each_side_reads_and_never_reaches_staffs_decision(request, as_user, world, side):
    page = as_user(request.getfixturevalue(side))
    for url in read_urls(world):
        assert page.get(url).status_code == 200, url
    before = hourly_state()
    url = reverse("timesheets:dispute_resolve", args=[world["dispute"].pk])
    assert page.get(url).status_code == 403
    assert page.post(url, {"refund_amount": "0"}).status_code == 403
    assert page.get(reverse("timesheets:dispute_list")).status_code == 403
    assert hourly_state() == before


def test_the_other_side_takes_no_step_that_is_not_its_own(
    as_user, world, hiring_client, freelancer
):
    """The client logs no time and edits no entry; the freelancer saves no card, disputes
    nothing and pays no week."""
    before = hourly_state()
    pk, week = world["contract"].engagement_id, world["week"].pk
    client_page = as_user(hiring_client)
    for url, data in [
        (
            reverse("timesheets:add_entry", args=[pk]),
            {"date": "2026-01-01", "hours": "1", "description": "x"},
        ),
        (reverse("timesheets:edit_entry", args=[world["entry"].pk]), {"delete": "1"}),
    ]:
        assert client_page.post(url, data).status_code in (400, 403), url
    freelancer_page = as_user(freelancer)
    for url, data in [
        (reverse("timesheets:card", args=[pk]), {"setup_intent": "seti_x"}),
        (reverse("timesheets:dispute", args=[week]), {"reason": "x"}),
        (reverse("timesheets:retry", args=[week]), {}),
    ]:
        assert freelancer_page.post(url, data).status_code in (403, 404, 409), url
    assert hourly_state() == before
