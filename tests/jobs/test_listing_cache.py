"""The job list's facet counts and the jobs sitemap are cached under the jobs' version:
fast to serve again, never older than the last write to a job."""

import re

import pytest
from django.urls import reverse

from jobs import inviting, posting
from tests.factories import JobPostFactory

pytestmark = pytest.mark.django_db


def facet_counts(client, **params) -> dict[str, int]:
    """The number of results and each skill's count, as the page shows them (the filter panel
    is a cached fragment of its own)."""
    html = client.get(reverse("jobs:list"), params).content.decode()
    total = re.search(r'class="results__count">(\d+) open job', html)
    skills = re.findall(
        r'value="([\w-]+)" id="job-skill-[\w-]+"><label[^>]*>[^<]*'
        r'<span class="chip__count">(\d+)<',
        html,
    )
    return {"total": int(total[1]), **{slug: int(n) for slug, n in skills}}


def skill_names(client) -> list[str]:
    html = client.get(reverse("jobs:list")).content.decode()
    return [name.strip() for name in re.findall(r'<label for="job-skill-[\w-]+">([^<]*)<', html)]


def test_a_new_job_shows_in_the_counts_at_once(client, job, hiring_client):
    assert facet_counts(client) == {"total": 1, "news-writing": 1}
    posting.post_job(
        job=JobPostFactory.build(client=hiring_client, category=job.category),
        client=hiring_client,
        skill_names=["News Writing"],
        publish=True,
    )
    assert facet_counts(client) == {"total": 2, "news-writing": 2}


def test_closing_a_job_takes_it_out_of_the_counts_and_the_sitemap(client, job, hiring_client):
    sitemap_url = reverse("pages:sitemap-section", args=["jobs"])
    assert job.get_absolute_url() in client.get(sitemap_url).content.decode()
    assert facet_counts(client)["total"] == 1
    posting.close_job(job=job, by=hiring_client)
    assert job.get_absolute_url() not in client.get(sitemap_url).content.decode()
    assert facet_counts(client)["total"] == 0


def test_a_jobs_new_skill_is_counted_at_once(client, job, hiring_client):
    assert "fact-checking" not in facet_counts(client)
    posting.edit_job(job=job, by=hiring_client, skill_names=["News Writing", "Fact Checking"])
    assert facet_counts(client)["fact-checking"] == 1


def test_a_skill_renamed_in_the_admin_shows_in_the_facets_at_once(client, admin_client, job):
    skill = job.skills.get()
    assert skill_names(client) == ["News Writing"]
    url = reverse("admin:profiles_skill_change", args=[skill.pk])
    admin_client.post(url, {"name": "Reporting", "slug": skill.slug})
    assert skill_names(client) == ["Reporting"]


def test_counts_are_per_reader_as_invite_only_jobs_are(
    client, job, hiring_client, profile, freelancer
):
    hidden = JobPostFactory(client=hiring_client, visibility="invite_only")
    assert facet_counts(client)["total"] == 1
    client.force_login(freelancer)
    assert facet_counts(client)["total"] == 1
    inviting.invite(job=hidden, freelancer=profile, by=hiring_client, message="")
    assert facet_counts(client)["total"] == 2
    client.logout()
    assert facet_counts(client)["total"] == 1


def test_a_cached_sitemap_is_served_without_queries(client, job, django_assert_num_queries):
    url = reverse("pages:sitemap-section", args=["jobs"])
    first = client.get(url).content
    with django_assert_num_queries(0):
        assert client.get(url).content == first


@pytest.mark.parametrize("count", [1, 30])
def test_the_sitemap_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    JobPostFactory.create_batch(count)
    with django_assert_num_queries(2):  # the count, the rows
        body = client.get(reverse("pages:sitemap-section", args=["jobs"])).content.decode()
    assert body.count("<url>") == count


def test_past_the_counted_bound_the_list_says_more_than_without_counts(
    client, job, news_writing, monkeypatch
):
    JobPostFactory(skills=[news_writing])
    monkeypatch.setattr("services.filters.COUNTED_RESULTS", 1)
    html = client.get(reverse("jobs:list")).content.decode()
    assert "More than 1 open jobs" in html
    # The skill and its category are offered, without counts.
    assert skill_names(client) == ["News Writing"] and "chip__count" not in html
