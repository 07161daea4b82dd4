import pytest
from django.urls import reverse

from demo import seed
from demo.jobs import DEMO_JOBS
from jobs.models import JobPost, Proposal

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dozen_open_jobs_across_categories_some_with_proposals(client):
    seed.load_demo()
    jobs = JobPost.objects.listed()
    assert jobs.count() == len(DEMO_JOBS) == 12
    assert jobs.values("category__parent").distinct().count() >= 6
    assert Proposal.objects.filter(freelancer__slug=seed.FREELANCER.username).count() == 2
    assert all(job.skills.exists() for job in jobs)
    page = client.get(reverse("jobs:list"), {"q": "explainers"}).content.decode()
    assert "Weekly explainers on world affairs" in page


def test_loading_the_demo_twice_changes_no_job(client):
    seed.load_demo()
    before = (
        list(JobPost.objects.order_by("pk").values()),
        list(Proposal.objects.order_by("pk").values("pk", "job", "price", "status")),
    )
    seed.load_demo()
    after = (
        list(JobPost.objects.order_by("pk").values()),
        list(Proposal.objects.order_by("pk").values("pk", "job", "price", "status")),
    )
    strip = [{k: v for k, v in row.items() if k != "updated_at"} for row in before[0]]
    assert strip == [{k: v for k, v in row.items() if k != "updated_at"} for row in after[0]]
    assert before[1] == after[1]
