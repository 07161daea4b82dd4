import pytest

from engagements.exceptions import ActionRefused
from jobs import posting
from jobs.forms import JobPostForm
from jobs.models import JobPost

pytestmark = pytest.mark.django_db


def _form(articles, **overrides):
    data = {
        "title": "Five articles on local elections",
        "category": articles.pk,
        "brief": "Five articles of 800 words each, for a regional paper's readers.",
        "budget_basis": "fixed",
        "budget_amount": "500",
        "currency": "USD",
        "visibility": "public",
        "skill_names": "News Writing, Fact Checking",
        **overrides,
    }
    return JobPostForm(data)


def test_posting_opens_the_job_with_its_skills(hiring_client, articles, news_writing):
    form = _form(articles)
    assert form.is_valid(), form.errors
    job = posting.post_job(
        job=form.save(commit=False),
        client=hiring_client,
        skill_names=form.cleaned_data["skill_names"],
        publish=True,
    )
    assert (job.client, job.status) == (hiring_client, "open")
    assert job.published_at is not None
    assert sorted(s.name for s in job.skills.all()) == ["Fact Checking", "News Writing"]
    assert list(JobPost.objects.listed()) == [job]


def test_a_draft_is_not_listed_until_published(hiring_client, articles):
    form = _form(articles)
    assert form.is_valid()
    job = posting.post_job(
        job=form.save(commit=False), client=hiring_client, skill_names=[], publish=False
    )
    assert job.status == "draft" and not JobPost.objects.listed().exists()
    posting.publish_job(job=job, by=hiring_client)
    assert list(JobPost.objects.listed()) == [job]


def test_the_form_keeps_only_the_chosen_budgets_fields(articles):
    form = _form(
        articles, budget_basis="hourly", hourly_min="20", hourly_max="30", estimated_hours="10"
    )
    assert form.is_valid(), form.errors
    job = form.save(commit=False)
    assert (job.budget_amount, job.estimated_hours) == (None, 10)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"budget_amount": ""}, "budget_amount"),
        (
            {
                "budget_basis": "hourly",
                "hourly_min": "30",
                "hourly_max": "20",
                "estimated_hours": "5",
            },
            "hourly_max",
        ),
        ({"budget_basis": "hourly", "hourly_min": "20", "hourly_max": "30"}, "estimated_hours"),
        ({"deadline": "2099-01-01", "duration_weeks": "3"}, "duration_weeks"),
        ({"deadline": "2000-01-01"}, "deadline"),
        ({"title": "<script>alert(1)</script>"}, "title"),
        ({"brief": "Too short"}, "brief"),
        ({"budget_amount": "99999999"}, "budget_amount"),
    ],
)
def test_the_form_explains_what_is_wrong(articles, overrides, field):
    form = _form(articles, **overrides)
    assert not form.is_valid()
    assert field in form.errors


def test_only_the_client_can_close_a_job_and_closing_is_final(job, hiring_client, outsider):
    with pytest.raises(ActionRefused) as refused:
        posting.close_job(job=job, by=outsider)
    assert refused.value.code == "not_participant"
    closed = posting.close_job(job=job, by=hiring_client)
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(ActionRefused):
        posting.close_job(job=job, by=hiring_client)
    with pytest.raises(ActionRefused) as refused:
        posting.edit_job(job=job, by=hiring_client, skill_names=[])
    assert refused.value.code == "closed"
