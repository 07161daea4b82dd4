"""Job cards come from the cache, keyed by what they show, "Posted … ago" included."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from jobs import cards
from jobs.cards import JOB_CARD
from jobs.models import JobPost
from profiles.models import Skill
from tests.factories import JobPostFactory, SkillFactory

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


def _loaded(job: JobPost) -> JobPost:
    return JobPost.objects.for_cards().get(pk=job.pk)


def test_a_card_drawn_from_a_row_is_the_card_drawn_from_its_job():
    hourly = JobPostFactory(
        budget_basis="hourly",
        budget_amount=None,
        hourly_min="20.00",
        hourly_max="40.00",
        estimated_hours=30,
        currency="EUR",
        published_at=timezone.now() - timedelta(hours=3),
        skills=[SkillFactory(name="Proofreading"), SkillFactory(name="Copywriting")],
    )
    fixed = JobPostFactory()

    rows = cards.card_rows([hourly.pk, fixed.pk])

    assert JOB_CARD.keys(rows) == JOB_CARD.keys([_loaded(hourly), _loaded(fixed)])
    assert [card.before for card in JOB_CARD.render(rows)] == [
        card.before for card in JOB_CARD.render([_loaded(hourly), _loaded(fixed)])
    ]
    assert rows[0].skills == ("Copywriting", "Proofreading")


def test_a_list_loads_jobs_only_for_the_cards_the_cache_lacks(django_assert_num_queries):
    job = JobPostFactory(skills=[SkillFactory()])
    rows = cards.card_rows([job.pk])
    with django_assert_num_queries(2):  # the job with its category, and its skills
        (drawn,) = JOB_CARD.render(rows)
    with django_assert_num_queries(0):
        (kept,) = JOB_CARD.render(rows)
    assert job.title in kept.before and kept.before == drawn.before


def test_a_renamed_skill_draws_the_job_card_anew():
    skill = SkillFactory(name="Proofreading")
    job = JobPostFactory(skills=[skill])
    JOB_CARD.render(cards.card_rows([job.pk]))
    Skill.objects.filter(pk=skill.pk).update(name="Copy-editing")

    (card,) = JOB_CARD.render(cards.card_rows([job.pk]))

    assert "Copy-editing" in card.before


def test_the_rows_of_gone_jobs_are_left_out_and_the_rest_keep_their_order():
    first, gone, last = JobPostFactory(), JobPostFactory(), JobPostFactory()
    gone.delete()

    assert [row.pk for row in cards.card_rows([last.pk, gone.pk, first.pk])] == [last.pk, first.pk]


def test_a_save_button_on_a_card_drawn_from_a_row_names_its_job():
    job = JobPostFactory()

    (card,) = JOB_CARD.render(cards.card_rows([job.pk]))

    assert isinstance(card.target, JobPost)
    assert (card.target.pk, card.target.title) == (job.pk, job.title)
