"""The alert run: what is new is emailed once, one email per person per run."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.search import refresh_search_vectors as refresh_job_vectors
from saved_searches.alerting import send_due_alerts
from saved_searches.models import SentMatch, unsubscribe_all_url
from saved_searches.saving import pause_alerts, resume_alerts
from services.publishing import publish_service
from services.search import refresh_search_vectors
from tests.factories import JobPostFactory, ServiceFactory


def new_news_service(articles, news_writing, **fields):
    service = ServiceFactory(
        title=fields.pop("title", "Breaking news, written fast"),
        category=articles,
        skills=[news_writing],
        **fields,
    )
    refresh_search_vectors(service_ids=[service.pk])  # as the dashboard's save does
    return service


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One alert run; the number of emails it queued. They are sent (mail.outbox) when its
    transaction commits: here, at once."""

    def alert(now=None) -> int:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_alerts(now=now)

    return alert


def test_a_new_matching_service_is_emailed_once(run, news_search, articles, news_writing):
    fresh = new_news_service(articles, news_writing)

    assert run() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sam@example.com"]
    assert fresh.title in email.body
    assert fresh.get_absolute_url() in email.body
    assert news_search.unsubscribe_url() in email.body

    assert run() == 0
    assert mail.outbox == []
    assert SentMatch.objects.filter(saved_search=news_search, service=fresh).count() == 1


def test_the_email_offers_one_click_unsubscribe(run, news_search, articles, news_writing):
    new_news_service(articles, news_writing)

    run()

    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"] == f"<{settings.SITE_URL}{news_search.unsubscribe_url()}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_service_published_before_the_search_was_saved_is_never_sent(
    run, service, news_search, articles, news_writing
):
    # Elena's service matches, but it was published before Sam saved the search.
    assert service.published_at < news_search.created_at

    assert run() == 0
    assert mail.outbox == []


def test_a_draft_published_after_the_search_is_new(run, news_search, articles, news_writing):
    draft = new_news_service(articles, news_writing, status="draft")
    draft.created_at = timezone.now() - timedelta(days=30)
    assert run() == 0

    publish_service(service=draft)

    assert run() == 1
    assert draft.title in mail.outbox[0].body


def test_a_service_paused_and_published_again_is_not_new_twice(
    run, news_search, articles, news_writing
):
    fresh = new_news_service(articles, news_writing)
    assert run() == 1
    fresh.status = "paused"
    fresh.save()

    publish_service(service=fresh)

    assert run() == 0


def test_services_that_do_not_match_are_not_sent(run, news_search, articles):
    ServiceFactory(title="Poems for weddings", category=articles)

    assert run() == 0


def test_a_paused_search_sends_nothing_and_resumes_with_what_is_new_from_then(
    run, news_search, articles, news_writing
):
    pause_alerts(search=news_search)
    new_news_service(articles, news_writing, title="Published while paused")
    assert run() == 0

    resume_alerts(search=news_search)
    assert run() == 0
    new_news_service(articles, news_writing, title="Published after resuming")

    assert run() == 1
    assert "Published after resuming" in mail.outbox[0].body
    assert "Published while paused" not in mail.outbox[0].body


def test_one_email_lists_every_search_of_a_person(run, save, news_search, articles, news_writing):
    other = save(news_search.user, "/services/?q=breaking", name="Breaking")
    save(news_search.user, "/services/?q=nothing+matches+this", name="Empty")
    new_news_service(articles, news_writing)

    assert run() == 1
    (email,) = mail.outbox
    assert email.subject == "2 new matches for your saved searches"
    assert "News writers" in email.body and "Breaking" in email.body
    assert "Empty" not in email.body
    assert other.unsubscribe_url() in email.body
    # Several searches: the mail client's one-click unsubscribe stops all of them.
    assert unsubscribe_all_url(other.user_id) in email.extra_headers["List-Unsubscribe"]


def test_each_person_gets_their_own_email(run, save, news_search, outsider, articles, news_writing):
    save(outsider, "/services/?q=news", name="Oscar's news")
    new_news_service(articles, news_writing)

    assert run() == 2
    assert sorted(email.to[0] for email in mail.outbox) == ["oscar@example.com", "sam@example.com"]


def test_a_daily_search_waits_a_day(run, save, hiring_client, articles, news_writing):
    search = save(hiring_client, "/services/?q=news", frequency="daily")
    new_news_service(articles, news_writing)
    now = timezone.now()

    assert run(now) == 0
    assert run(now + timedelta(hours=23)) == 0
    assert run(now + timedelta(days=1, minutes=1)) == 1
    search.refresh_from_db()
    # The next one keeps the rhythm of the first: a day after it was due.
    assert search.next_alert_at == search.created_at + timedelta(days=2)


def test_a_weekly_search_waits_a_week(run, save, hiring_client, articles, news_writing):
    save(hiring_client, "/services/?q=news", frequency="weekly")
    new_news_service(articles, news_writing)
    now = timezone.now()

    assert run(now + timedelta(days=6)) == 0
    assert run(now + timedelta(days=7, minutes=1)) == 1


def test_a_job_search_sends_new_open_public_jobs(run, save, freelancer, hiring_client, articles):
    save(freelancer, "/jobs/?q=elections", name="Election jobs")
    jobs = [
        JobPostFactory(client=hiring_client, title="Articles on the elections", category=articles),
        JobPostFactory(
            client=hiring_client,
            title="Secret elections",
            category=articles,
            visibility="invite_only",
        ),
        JobPostFactory(
            client=hiring_client, title="Draft elections", status="draft", published_at=None
        ),
    ]
    refresh_job_vectors(job_ids=[job.pk for job in jobs])

    assert run() == 1
    body = mail.outbox[0].body
    assert "Articles on the elections" in body
    assert "Secret elections" not in body and "Draft elections" not in body


def test_a_person_is_not_alerted_about_their_own_services(run, save, freelancer, service, articles):
    save(freelancer, "/services/?q=news")
    ServiceFactory(title="More news", owner=service.owner, category=articles)

    assert run() == 0


def test_a_search_whose_category_is_gone_matches_nothing(run, save, hiring_client, articles):
    from tests.factories import LeafCategoryFactory

    gone = LeafCategoryFactory(slug="gone")
    search = save(hiring_client, "/services/?category=gone")
    gone.delete()
    ServiceFactory(category=articles)

    assert run() == 0
    search.refresh_from_db()
    assert search.next_alert_at > search.created_at


def test_the_database_refuses_to_record_an_item_twice_for_a_search(
    run, news_search, articles, news_writing
):
    fresh = new_news_service(articles, news_writing)
    run()

    with pytest.raises(IntegrityError), transaction.atomic():
        SentMatch.objects.create(saved_search=news_search, service=fresh)


def test_names_and_titles_are_escaped_in_the_html_email(run, save, hiring_client, articles):
    save(hiring_client, "/services/?q=news", name="<b>News</b>")
    service = ServiceFactory(title="<script>news</script>", category=articles)
    refresh_search_vectors(service_ids=[service.pk])

    run()

    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;news&lt;/script&gt;" in html
    assert "&lt;b&gt;News&lt;/b&gt;" in html
