"""The jobs pages as people use them: post, find, propose, compare, decide."""

import pytest
from django.urls import reverse

from engagements.models import Engagement
from jobs.models import Invitation, JobPost, Proposal
from tests.factories import JobPostFactory, ProposalFactory
from tests.support.pages import json_ld

pytestmark = pytest.mark.django_db


def _job_post(articles, **overrides):
    return {
        "title": "Five articles on local elections",
        "category": articles.pk,
        "brief": "Five articles of 800 words each, for a regional paper's readers.",
        "budget_basis": "fixed",
        "budget_amount": "500",
        "currency": "USD",
        "visibility": "public",
        "skill_names": "News Writing",
        **overrides,
    }


def _proposal_post(service, **overrides):
    return {
        "cover_letter": "I have covered three elections and can start on Monday.",
        "price": "450",
        "basis": "fixed",
        "duration_days": "10",
        "service": service.pk,
        **overrides,
    }


def test_a_client_posts_a_job_and_freelancers_find_it(
    client, hiring_client, articles, news_writing
):
    client.force_login(hiring_client)
    response = client.post(reverse("jobs:post"), _job_post(articles))
    job = JobPost.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == "open"
    client.logout()
    listing = client.get(reverse("jobs:list"), {"q": "elections"}).content.decode()
    assert "Five articles on local elections" in listing
    assert "1 open job" in listing


def test_a_job_form_with_errors_keeps_what_was_typed(client, hiring_client, articles):
    client.force_login(hiring_client)
    response = client.post(
        reverse("jobs:post"), _job_post(articles, budget_amount="", title="Kept title")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Kept title"' in page and "Give the fixed budget." in page
    assert not JobPost.objects.exists()


def test_a_draft_is_saved_unlisted(client, hiring_client, articles):
    client.force_login(hiring_client)
    client.post(reverse("jobs:post"), {**_job_post(articles), "save_draft": "1"})
    job = JobPost.objects.get()
    assert job.status == "draft"
    client.logout()
    assert client.get(job.get_absolute_url()).status_code == 404


def test_the_job_page_describes_an_open_public_job_for_search_engines(client, job):
    data = json_ld(client.get(job.get_absolute_url()))
    assert data["@type"] == "JobPosting"
    assert data["title"] == job.title
    assert data["baseSalary"]["value"]["value"] == "500.00"
    assert data["skills"] == ["News Writing"]


def test_only_open_public_jobs_are_in_the_sitemap(client, job, hiring_client):
    closed = JobPostFactory(status="closed", closed_at=job.published_at)
    hidden = JobPostFactory(visibility="invite_only")
    sitemap = client.get(reverse("pages:sitemap-section", args=["jobs"])).content.decode()
    assert job.get_absolute_url() in sitemap
    assert closed.get_absolute_url() not in sitemap
    assert hidden.get_absolute_url() not in sitemap


def test_the_list_filters_by_category_skill_budget_and_age(client, job, news_writing):
    other = JobPostFactory(title="Translate a menu", budget_amount="50")
    url = reverse("jobs:list")

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {title for title in (job.title, other.title) if title in page}

    assert titles() == {job.title, other.title}
    assert titles(category=job.category.slug) == {job.title}
    assert titles(skill=news_writing.slug) == {job.title}
    assert titles(min_budget="100") == {job.title}
    assert titles(max_budget="100") == {other.title}
    assert titles(posted_within="1") == {job.title, other.title}
    assert titles(sort="budget_low") == {job.title, other.title}


def test_bad_filters_are_ignored_with_a_message_never_a_500(client, job):
    response = client.get(
        reverse("jobs:list"), {"min_budget": "lots", "posted_within": "9", "q": "x" * 300}
    )
    assert response.status_code == 200
    assert "This filter was ignored." in response.content.decode()


def test_a_freelancer_proposes_and_the_client_is_told(client, job, freelancer, service, sample):
    client.force_login(freelancer)
    page = client.get(reverse("jobs:propose", args=[job.pk])).content.decode()
    assert "Budget day" in page  # the samples to link
    response = client.post(
        reverse("jobs:propose", args=[job.pk]), _proposal_post(service, samples=[sample.pk])
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert list(proposal.samples.all()) == [sample]
    assert client.get(reverse("jobs:propose", args=[job.pk]))["Location"] == (
        proposal.get_absolute_url()
    )


def test_a_proposal_with_errors_keeps_what_was_typed(client, job, freelancer, service):
    client.force_login(freelancer)
    response = client.post(
        reverse("jobs:propose", args=[job.pk]),
        _proposal_post(service, price="-5", cover_letter="Kept cover letter that is long enough"),
    )
    assert response.status_code == 400
    assert "Kept cover letter that is long enough" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_freelancer_cannot_propose_on_their_own_job(client, freelancer, service, articles):
    own = JobPostFactory(client=freelancer, category=articles)
    client.force_login(freelancer)
    response = client.post(reverse("jobs:propose", args=[own.pk]), _proposal_post(service))
    assert response.status_code == 403
    assert "your own job" in response.content.decode()


def test_a_client_without_a_profile_is_told_to_become_a_freelancer(client, job, outsider):
    client.force_login(outsider)
    response = client.get(reverse("jobs:propose", args=[job.pk]), follow=True)
    assert "Create your freelancer profile" in response.content.decode()


def test_the_client_compares_shortlists_declines_and_hires(
    client, job, proposal, hiring_client, sample
):
    proposal.samples.set([sample])
    other = ProposalFactory(job=job, price="300")
    third = ProposalFactory(job=job)
    client.force_login(hiring_client)
    page = client.get(reverse("jobs:proposals", args=[job.pk])).content.decode()
    assert "Elena Marsh" in page and "$450" in page and "$300" in page
    assert "Budget day" in page
    client.post(reverse("jobs:decide", args=[other.pk, "shortlist"]))
    client.post(reverse("jobs:decide", args=[third.pk, "decline"]), {"reason": "Too slow."})
    response = client.post(reverse("jobs:decide", args=[proposal.pk, "hire"]))
    engagement = Engagement.objects.get()
    assert response["Location"] == engagement.get_absolute_url()
    statuses = dict(Proposal.objects.values_list("pk", "status"))
    assert statuses == {proposal.pk: "hired", other.pk: "declined", third.pk: "declined"}
    assert Proposal.objects.get(pk=third.pk).decline_reason == "Too slow."
    # The engagement is on both sides' inboxes.
    assert (
        engagement.get_absolute_url() in client.get(reverse("engagements:inbox")).content.decode()
    )
    client.force_login(proposal.freelancer.user)
    assert (
        engagement.get_absolute_url() in client.get(reverse("engagements:inbox")).content.decode()
    )


def test_the_freelancer_edits_and_withdraws_their_proposal(client, proposal, freelancer, service):
    client.force_login(freelancer)
    url = reverse("jobs:edit_proposal", args=[proposal.pk])
    assert client.post(url, _proposal_post(service, price="399")).status_code == 302
    proposal.refresh_from_db()
    assert str(proposal.price) == "399.00"
    client.post(reverse("jobs:withdraw", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    response = client.post(url, _proposal_post(service), follow=True)
    assert response.status_code == 409
    assert "cannot be edited" in response.content.decode()


def test_the_client_closes_the_job_and_it_leaves_the_list(client, job, hiring_client):
    client.force_login(hiring_client)
    client.post(reverse("jobs:close", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "closed"
    assert job.title not in client.get(reverse("jobs:list")).content.decode()
    assert "not taking proposals" in client.get(job.get_absolute_url()).content.decode()


def test_a_client_invites_a_freelancer_who_then_sees_the_invite_only_job(
    client, job, hiring_client, profile, freelancer
):
    JobPost.objects.filter(pk=job.pk).update(visibility="invite_only")
    client.force_login(freelancer)
    assert client.get(job.get_absolute_url()).status_code == 404
    client.force_login(hiring_client)
    response = client.post(
        reverse("jobs:invite", args=[profile.slug]), {"job": job.pk, "message": "Hello!"}
    )
    assert response["Location"] == profile.get_absolute_url()
    assert Invitation.objects.get().freelancer == profile
    client.force_login(freelancer)
    assert client.get(job.get_absolute_url()).status_code == 200
    assert job.title in client.get(reverse("jobs:list")).content.decode()


def test_my_jobs_counts_the_proposals_waiting(client, job, proposal, hiring_client):
    client.force_login(hiring_client)
    page = client.get(reverse("jobs:mine")).content.decode()
    assert job.title in page


def test_the_freelancer_dashboard_lists_jobs_that_match_their_skills(client, job, profile):
    profile.skills.add(*job.skills.all())
    unrelated = JobPostFactory(title="Design a logo")
    client.force_login(profile.user)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Jobs that match your skills" in page
    assert job.title in page and unrelated.title not in page


def test_profile_and_service_pages_offer_an_invitation(client, hiring_client, service, profile):
    client.force_login(hiring_client)
    invite_url = reverse("jobs:invite", args=[profile.slug])
    assert invite_url in client.get(profile.get_absolute_url()).content.decode()
    assert invite_url in client.get(service.get_absolute_url()).content.decode()


def test_the_clients_dashboard_counts_proposals_waiting_for_a_decision(
    client, job, proposal, hiring_client
):
    ProposalFactory(job=job, status="declined", decided_at=job.published_at)
    client.force_login(hiring_client)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "1 open job" in page and "1 proposal waiting for your decision" in page
