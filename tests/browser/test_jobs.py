"""Jobs in a real browser: a client posts a job, a freelancer finds it by search and proposes,
the client compares, shortlists and hires, and the engagement runs to a review. Every page
on the way has no axe-core WCAG A/AA violation, on a phone (390 px) and a desktop (1280 px).
"""

import re

import pytest
from playwright.sync_api import expect

from jobs import inviting
from jobs.models import JobPost, Proposal
from tests.factories import ProposalFactory
from tests.support.browser import assert_accessible

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_job_goes_from_posting_to_a_reviewed_engagement(
    page, transactional_db, service, sample, hiring_client
):
    # The client posts a job.
    sign_in(page, hiring_client)
    page.goto("/jobs/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Five articles on local elections")
    page.get_by_label("Category").select_option(label="Writing › Articles & News")
    page.get_by_label("Describe the work").fill(
        "Five articles of 800 words each about the local elections, for a regional paper."
    )
    page.get_by_label("Fixed price").check()
    page.get_by_label("Fixed budget").fill("500")
    page.get_by_label("Skills wanted").fill("News Writing")
    page.get_by_role("button", name="Post the job").click()
    expect(page.get_by_text("Job posted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Five articles on local elections")
    assert_accessible(page)
    job = JobPost.objects.get()
    sign_out(page)

    # The freelancer finds it by search and proposes.
    sign_in(page, service.owner.user)
    page.goto("/jobs/")
    page.get_by_label("Search jobs").fill("elections")
    page.get_by_role("button", name="Show jobs").click()
    expect(page).to_have_url(re.compile(r"q=elections"))
    assert_accessible(page)
    page.get_by_role("link", name="Five articles on local elections").click()
    page.get_by_role("link", name="Send a proposal").click()
    expect(page.get_by_label("Cover letter")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Cover letter").fill("I covered three elections for regional papers.")
    page.get_by_label("Your price").fill("450")
    page.get_by_label("Estimated duration in days").fill("10")
    page.get_by_label("Budget day").check()
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_text("Proposal sent.")).to_be_visible()
    # A question for the client in the proposal's private thread.
    page.get_by_label("Your message").fill("Should the articles cite the council's minutes?")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text("Message sent.")).to_be_visible()
    expect(page.get_by_text("Should the articles cite the council's minutes?")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Another freelancer's proposal arrives too.
    other = ProposalFactory(job=job, price="300")

    # The client compares, shortlists and hires.
    sign_in(page, hiring_client)
    page.goto(f"/jobs/{job.pk}/proposals/")
    expect(page.get_by_role("link", name="Budget day")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Shortlist").first.click()
    expect(page.get_by_text("is on your shortlist")).to_be_visible()
    page.get_by_role("button", name="Hire Elena Marsh").click()
    expect(page.locator(".engagement__parties")).to_contain_text("You hired Elena Marsh.")
    expect(page).to_have_url(re.compile(r"/engagements/\d+/$"))
    assert_accessible(page)
    other.refresh_from_db()
    assert other.status == "declined"
    assert Proposal.objects.get(freelancer=service.owner).status == "hired"
    sign_out(page)

    # The engagement is on the freelancer's side too: deliver.
    sign_in(page, service.owner.user)
    page.goto("/engagements/")
    page.get_by_role("link", name=service.title).click()
    page.get_by_role("button", name="Mark as delivered").click()
    expect(page.get_by_text("Engagement delivered.")).to_be_visible()
    sign_out(page)

    # The client completes and reviews.
    sign_in(page, hiring_client)
    page.goto("/engagements/")
    page.get_by_role("link", name=service.title).click()
    page.get_by_role("button", name="Confirm completion").click()
    expect(page.get_by_text("Engagement completed.")).to_be_visible()
    page.get_by_role("link", name="Leave a review").click()
    page.get_by_label("5 stars: excellent").check()
    page.get_by_label("Your review").fill("Clear, well-sourced articles, delivered early.")
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Thank you: your review is saved.")).to_be_visible()


def test_an_invited_freelancer_finds_the_invitation_from_the_dashboard(
    page, transactional_db, job, hiring_client, profile
):
    inviting.invite(job=job, freelancer=profile, by=hiring_client, message="Keen?")
    sign_in(page, profile.user)
    page.goto("/dashboard/")
    page.get_by_role("link", name="1 new invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your invitations")
    expect(page.get_by_role("link", name=job.title)).to_be_visible()
    expect(page.get_by_role("link", name=hiring_client.public_name)).to_be_visible()
    assert_accessible(page)
