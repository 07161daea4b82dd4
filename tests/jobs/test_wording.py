"""Job pages read right: no stray space before punctuation, no "0 minutes ago" or "See the 0
proposals", currency names as people write them, a hire that reads as a hire, and one
breadcrumb separator everywhere."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from jobs import hiring
from tests.factories import JobPostFactory
from tests.support.pages import text_of

pytestmark = pytest.mark.django_db


def test_the_proposal_form_names_the_currency_as_people_write_it(as_user, freelancer, job):
    job.currency = "GBP"
    job.save(update_fields=["currency"])
    text = text_of(as_user(freelancer).get(f"/jobs/{job.pk}/propose/"))
    assert "In GBP (Pound sterling)." in text
    assert "sterlings" not in text


def test_a_budget_before_a_full_stop_has_no_space_before_it(as_user, freelancer, job):
    job.budget_amount, job.currency = Decimal("600"), "GBP"
    job.save(update_fields=["budget_amount", "currency"])
    text = text_of(as_user(freelancer).get(f"/jobs/{job.pk}/propose/"))
    assert "budget £600 fixed." in text


def test_a_job_posted_seconds_ago_says_just_now(client, job):
    text = text_of(client.get(f"/jobs/{job.pk}/"))
    assert "Posted just now" in text and "0 minutes" not in text
    assert "Posted just now" in text_of(client.get("/jobs/"))


def test_an_older_job_says_how_long_ago(client, job):
    job.published_at = timezone.now() - datetime.timedelta(hours=3, minutes=5)
    job.save(update_fields=["published_at"])
    assert "Posted 3 hours, 5 minutes ago" in text_of(client.get(f"/jobs/{job.pk}/"))


def test_a_job_without_proposals_says_so_instead_of_see_the_0_proposals(as_user, job):
    text = text_of(as_user(job.client).get(f"/jobs/{job.pk}/"))
    assert "No proposals yet" in text and "See the 0" not in text


def test_a_job_with_proposals_links_to_them(as_user, job, proposal):
    assert "See the 1 proposal" in text_of(as_user(job.client).get(f"/jobs/{job.pk}/"))


def test_a_hire_from_a_proposal_reads_as_a_hire_not_a_quote(as_user, proposal, hiring_client):
    engagement = hiring.hire(proposal=proposal, by=hiring_client)
    text = text_of(as_user(hiring_client).get(engagement.get_absolute_url()))
    assert "You hired Elena Marsh." in text
    assert "for a quote" not in text
    freelancer_text = text_of(as_user(proposal.freelancer.user).get(engagement.get_absolute_url()))
    assert "Sam Okafor hired you." in freelancer_text


def test_job_pages_use_the_breadcrumb_of_every_other_page(client, job):
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    breadcrumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", breadcrumb) == [
        "Find work",
        "Writing",
        "Articles &amp; News",
    ]
    # The separator comes from the stylesheet, as on service pages: none typed in the page.
    assert " &gt; " not in html and " > " not in text_of(client.get(f"/jobs/{job.pk}/"))


def test_a_category_reads_with_the_breadcrumb_separator_wherever_it_is_named(articles):
    assert str(articles) == "Writing › Articles & News"


def test_the_job_list_offers_any_category_not_dashes(client, job):
    html = client.get("/jobs/").content.decode()
    assert '<option value="" selected>Any category</option>' in html
    assert "---------" not in html


def test_the_job_form_marks_which_fields_belong_to_which_budget(as_user, hiring_client):
    html = as_user(hiring_client).get("/jobs/new/").content.decode()
    fixed = re.search(r'<div class="field budget--fixed">.*?</div>', html, re.S).group(0)
    assert 'name="budget_amount"' in fixed
    hourly = html.split('<div class="budget--hourly">')[1]
    for name in ("hourly_min", "hourly_max", "estimated_hours"):
        assert f'name="{name}"' in hourly.split('name="currency"')[0]


def test_a_hourly_job_card_words_its_budget(client, hiring_client):
    JobPostFactory(
        client=hiring_client,
        budget_basis="hourly",
        budget_amount=None,
        hourly_min=Decimal("20"),
        hourly_max=Decimal("40"),
        estimated_hours=30,
    )
    assert "$20–$40/hr, about 30 hours" in text_of(client.get("/jobs/"))
