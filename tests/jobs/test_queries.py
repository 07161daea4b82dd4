"""Jobs lists run the same number of queries with one item as with many."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs import search
from tests.factories import JobPostFactory, ProposalFactory, SkillFactory, WritingSampleFactory

pytestmark = pytest.mark.django_db
MANY = 25


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def add_jobs(client_user, count: int, category, skills=()) -> None:
    skills = [*skills, SkillFactory(), SkillFactory()]
    jobs = [
        JobPostFactory(client=client_user, category=category, skills=skills) for _ in range(count)
    ]
    search.refresh_search_vectors(job_ids=[job.pk for job in jobs])  # as posting does


def _cold_and_warm(client, url, params=None) -> tuple[int, int]:
    """Queries with the facet counts to make, then with them cached."""
    cache.clear()
    return _queries(client, url, params), _queries(client, url, params)


@pytest.mark.parametrize("params", [{}, {"q": "articles", "skill": "news-writing"}])
def test_the_job_list_is_constant(client, job, hiring_client, news_writing, params):
    search.refresh_search_vectors(job_ids=[job.pk])
    url = reverse("jobs:list")
    one = _cold_and_warm(client, url, params)
    add_jobs(hiring_client, MANY, job.category, skills=[news_writing])
    response = client.get(url, params)
    assert len(response.context["page"].object_list) == 20
    many = _cold_and_warm(client, url, params)
    # Cold, the cards are drawn from their rows (the jobs' and their skills'), then the jobs
    # whose cards are not cached are loaded (with their skills). Warm, the filter panel (its
    # category choices and facets), the count, the page's ids and the cards come from the
    # cache: left are the cards' rows (the jobs' and their skills'), and the chosen skill's.
    assert many == one and one[0] <= 11 and one[1] == 2 + ("skill" in params)


def test_the_job_list_for_a_signed_in_freelancer_is_constant(client, job, freelancer):
    client.force_login(freelancer)
    url = reverse("jobs:list")
    one = _cold_and_warm(client, url)
    add_jobs(job.client, MANY, job.category)
    many = _cold_and_warm(client, url)
    assert many == one and one[0] <= 14 and one[1] < one[0]


def test_the_proposals_side_by_side_are_constant(client, job, proposal, hiring_client, sample):
    client.force_login(hiring_client)
    proposal.samples.set([sample])
    url = reverse("jobs:proposals", args=[job.pk])
    one = _queries(client, url)
    for _ in range(MANY):
        other = ProposalFactory(job=job)
        other.samples.set([WritingSampleFactory(profile=other.freelancer)])
    assert _queries(client, url) == one <= 12


def test_my_jobs_is_constant(client, job, proposal, hiring_client):
    client.force_login(hiring_client)
    url = reverse("jobs:mine")
    one = _queries(client, url)
    add_jobs(hiring_client, MANY, job.category)
    assert _queries(client, url) == one <= 10


def test_the_job_page_is_constant(client, job, hiring_client):
    url = job.get_absolute_url()
    one = _queries(client, url)
    job.skills.add(*[SkillFactory() for _ in range(MANY)])
    assert _queries(client, url) == one <= 6
