"""Job cards come from the cache, keyed by what they show, "Posted … ago" included."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from jobs.cards import JOB_CARD
from jobs.models import JobPost
from tests.factories import JobPostFactory

pytestmark = pytest.mark.django_db

SENTINEL = '<article class="card">Drawn by the cache</article><!--save-button-->'


def _plant_cached_card(job: JobPost) -> None:
    cache.set(JOB_CARD.keys([JobPost.objects.for_cards().get(pk=job.pk)])[0], SENTINEL)


def test_the_jobs_list_draws_the_cached_card_of_a_job(client):
    job = JobPostFactory(title="Five articles on local elections")
    _plant_cached_card(job)
    page = client.get(reverse("jobs:list")).content.decode()
    assert "Drawn by the cache" in page
    assert job.title not in page


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Six articles on local elections"},
        {"budget_amount": 650},
        {"published_at": timezone.now() - timedelta(days=3)},  # as time goes by
    ],
    ids=["title", "budget", "posted ago"],
)
def test_a_change_to_what_a_job_card_shows_draws_it_anew(client, change):
    job = JobPostFactory(title="Five articles on local elections")
    _plant_cached_card(job)
    JobPost.objects.filter(pk=job.pk).update(**change)
    page = client.get(reverse("jobs:list")).content.decode()
    assert "Drawn by the cache" not in page
    assert 'class="card job-card"' in page
