"""The job list and job pages, as anonymous visitors see them, come from the page cache and
are never older than the last write to what they show (marketplace.pagecache, jobs.caching)."""

import pytest
from django.urls import reverse

from jobs import attachments, posting
from jobs.models import JobPost
from reviews.submission import submit_review
from tests.factories import JobPostFactory
from tests.upload_files import pdf_bytes, upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", ["list", "detail"])
def test_a_repeated_anonymous_request_is_served_from_the_cache_without_a_query(
    client, job, page, django_assert_num_queries
):
    url = reverse("jobs:list") if page == "list" else job.get_absolute_url()
    first = client.get(url)
    # A change behind the workflows' back proves the second answer is the cache's.
    JobPost.objects.filter(pk=job.pk).update(title="Changed behind the cache's back")
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content and second["ETag"]


def test_signed_in_visitors_get_their_own_page(client, job, freelancer):
    _page(client, job.get_absolute_url())
    client.force_login(freelancer)
    assert "Send a proposal" in _page(client, job.get_absolute_url())


def test_a_new_job_shows_on_the_list_at_once(client, job, hiring_client):
    assert "Interviews with three mayors" not in _page(client, reverse("jobs:list"))
    posting.post_job(
        job=JobPostFactory.build(
            client=hiring_client, category=job.category, title="Interviews with three mayors"
        ),
        client=hiring_client,
        skill_names=["News Writing"],
        publish=True,
    )
    assert "Interviews with three mayors" in _page(client, reverse("jobs:list"))


def test_an_edit_shows_at_once_on_the_list_and_the_job_page(client, job, hiring_client):
    for url in (reverse("jobs:list"), job.get_absolute_url()):
        _page(client, url)
    job.title = "Six articles on local elections"
    posting.edit_job(job=job, by=hiring_client, skill_names=["News Writing"])
    for url in (reverse("jobs:list"), job.get_absolute_url()):
        assert "Six articles on local elections" in _page(client, url)


def test_closing_a_job_shows_at_once(client, job, hiring_client):
    assert job.title in _page(client, reverse("jobs:list"))
    _page(client, job.get_absolute_url())
    posting.close_job(job=job, by=hiring_client)
    assert job.title not in _page(client, reverse("jobs:list"))
    assert client.get(job.get_absolute_url()).status_code == 404  # only its sides see it now


def test_an_attached_file_shows_at_once_on_the_job_page(client, job, hiring_client):
    assert "brief.pdf" not in _page(client, job.get_absolute_url())
    checked = attachments.check_attachment(upload("brief.pdf", pdf_bytes(), "application/pdf"))
    attachment = attachments.add_attachment(job=job, by=hiring_client, checked=checked)
    assert "brief.pdf" in _page(client, job.get_absolute_url())
    attachments.remove_attachment(attachment=attachment, by=hiring_client)
    assert "brief.pdf" not in _page(client, job.get_absolute_url())


def test_a_category_renamed_in_the_admin_shows_at_once(client, admin_client, job):
    assert "Articles &amp; News" in _page(client, reverse("jobs:list"))
    category = job.category
    admin_client.post(
        reverse("admin:services_category_change", args=[category.pk]),
        {
            "name": "News & Reports",
            "slug": category.slug,
            "parent": category.parent_id or "",
            "description": category.description,
            "position": category.position,
        },
    )
    page = _page(client, reverse("jobs:list"))
    assert "News &amp; Reports" in page and "Articles &amp; News" not in page


def test_the_clients_new_review_shows_at_once_on_the_job_page(
    client, job, engagement_in, hiring_client, freelancer
):
    assert "no reviews from freelancers yet" in _page(client, job.get_absolute_url())
    completed = engagement_in("completed")
    submit_review(
        engagement=completed,
        author=hiring_client,
        rating=5,
        text="Clear, well-researched and on time.",
    )
    submit_review(
        engagement=completed,
        author=freelancer,
        rating=4,
        text="A precise brief, quick answers, paid on time.",
    )
    assert "(1 review from freelancers)" in _page(client, job.get_absolute_url())
