"""Saving a search from its results page, managing saved searches, and unsubscribing."""

import pytest
from django.test import Client
from django.urls import reverse

from saved_searches.models import SavedSearch, unsubscribe_all_url
from tests.support.pages import text_of


def saved_state() -> list[dict]:
    return list(SavedSearch.objects.order_by("pk").values())


def save_from(client, results_url: str, **fields):
    data = {"results_url": results_url, "name": "News writers", "frequency": "weekly", **fields}
    return client.post(reverse("saved_searches:save"), data)


# Saving from the results pages


def test_the_search_page_offers_to_save_the_search(as_user, hiring_client, service):
    page = as_user(hiring_client).get("/services/?q=news")

    assert b'action="/saved-searches/save/"' in page.content
    assert b'name="results_url" value="/services/?q=news"' in page.content


def test_signed_out_visitors_are_offered_to_sign_in_first(client, service):
    page = client.get("/services/?q=news")

    assert b"/saved-searches/save/" not in page.content
    assert b"to save this search" in page.content


def test_a_search_is_saved_and_the_visitor_is_back_on_its_results(as_user, hiring_client, service):
    url = "/services/?q=news&skill=news-writing&page=2"

    response = save_from(as_user(hiring_client), url)

    assert response.status_code == 302
    assert response["Location"] == url
    search = SavedSearch.objects.get()
    assert (search.user, search.kind, search.frequency) == (hiring_client, "services", "weekly")
    assert search.query == {"q": ["news"], "skill": ["news-writing"]}


def test_a_form_sent_twice_keeps_one_search_and_says_it_is_saved(as_user, hiring_client, service):
    client = as_user(hiring_client)
    url = "/services/?q=news&skill=news-writing"
    save_from(client, url)

    response = save_from(client, url, name="The same again")

    assert response.status_code == 302
    assert response["Location"] == url
    assert [s.name for s in SavedSearch.objects.all()] == ["News writers"]
    page = client.get(url).content.decode()
    assert "You saved this search already, as “News writers”." in page


def test_a_category_page_saves_its_category(as_user, hiring_client, service):
    save_from(as_user(hiring_client), "/categories/articles-news/?max_rate=40")

    assert SavedSearch.objects.get().query == {"category": ["articles-news"], "max_rate": ["40"]}


def test_the_job_list_saves_a_job_search(as_user, freelancer, job):
    client = as_user(freelancer)
    assert b"/saved-searches/save/" in client.get("/jobs/?q=elections").content

    save_from(client, "/jobs/?q=elections&posted_within=7")

    search = SavedSearch.objects.get()
    assert (search.kind, search.query) == ("jobs", {"q": ["elections"], "posted_within": ["7"]})
    assert search.get_absolute_url() == "/jobs/?q=elections&posted_within=7"


@pytest.mark.parametrize(
    ("results_url", "message"),
    [
        ("/services/?min_rate=-1", b"Min rate: Ensure this value is greater than or equal to 0"),
        ("/services/?category=nowhere", b"Category: Select a valid choice"),
        ("/categories/nowhere/", b"Category: Select a valid choice"),
        ("https://elsewhere.example/services/", b"not the address of search results"),
        ("/dashboard/", b"not the address of search results"),
    ],
)
def test_a_search_that_does_not_read_is_refused_with_the_reason(
    as_user, hiring_client, service, results_url, message
):
    response = save_from(as_user(hiring_client), results_url, name="Kept name")

    assert response.status_code == 400
    assert message in response.content
    assert b'value="Kept name"' in response.content
    assert not SavedSearch.objects.exists()


def test_a_name_is_required(as_user, hiring_client, service):
    response = save_from(as_user(hiring_client), "/services/?q=news", name="  ")

    assert response.status_code == 400
    assert b"This field is required" in response.content


def test_signed_out_visitors_who_post_are_sent_to_sign_in_and_back(client, service):
    response = save_from(client, "/services/?q=news")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/services/%3Fq%3Dnews"
    assert not SavedSearch.objects.exists()


def test_saving_needs_the_csrf_token(hiring_client, service):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hiring_client)

    assert save_from(client, "/services/?q=news").status_code == 403
    assert not SavedSearch.objects.exists()


# Managing them


def test_the_dashboard_lists_your_searches_only(as_user, news_search, save, outsider):
    save(outsider, "/services/?q=poems", name="Oscar's poems")

    page = as_user(news_search.user).get(reverse("saved_searches:list"))

    assert b"News writers" in page.content
    assert b"Oscar" not in page.content
    assert news_search.get_absolute_url().replace("&", "&amp;").encode() in page.content


def test_the_owner_renames_and_changes_the_frequency(as_user, news_search):
    response = as_user(news_search.user).post(
        reverse("saved_searches:edit", args=[news_search.pk]),
        {"name": "Newsroom", "frequency": "weekly"},
    )

    assert response.status_code == 302
    news_search.refresh_from_db()
    assert (news_search.name, news_search.frequency) == ("Newsroom", "weekly")


def test_a_bad_rename_shows_the_error_and_keeps_the_input(as_user, news_search):
    response = as_user(news_search.user).post(
        reverse("saved_searches:edit", args=[news_search.pk]),
        {"name": "x" * 81, "frequency": "weekly"},
    )

    assert response.status_code == 400
    assert b"at most 80 characters" in response.content
    assert ("x" * 81).encode() in response.content


def test_the_owner_pauses_resumes_and_deletes(as_user, news_search):
    client = as_user(news_search.user)

    client.post(reverse("saved_searches:pause", args=[news_search.pk]))
    news_search.refresh_from_db()
    assert news_search.is_paused
    client.post(reverse("saved_searches:resume", args=[news_search.pk]))
    news_search.refresh_from_db()
    assert not news_search.is_paused
    client.post(reverse("saved_searches:delete", args=[news_search.pk]))
    assert not SavedSearch.objects.exists()


# Unsubscribing from the email


def test_the_email_link_asks_first_then_stops_alerts_without_signing_in(news_search):
    client = Client(enforce_csrf_checks=True)
    url = news_search.unsubscribe_url()

    page = client.get(url)
    assert page.status_code == 200
    assert b"Stop alerts for" in page.content
    news_search.refresh_from_db()
    assert not news_search.is_paused

    done = client.post(url)
    assert done.status_code == 200
    news_search.refresh_from_db()
    assert news_search.is_paused


def test_a_mail_clients_one_click_post_stops_alerts(news_search):
    # RFC 8058: the client POSTs "List-Unsubscribe=One-Click", with no cookie and no token.
    Client(enforce_csrf_checks=True).post(
        news_search.unsubscribe_url(),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    news_search.refresh_from_db()
    assert news_search.is_paused


def test_a_forged_link_is_refused(client, news_search):
    before = saved_state()
    for token in ("forged", news_search.unsubscribe_token() + "x", "1:abc:def"):
        url = reverse("saved_searches:unsubscribe", args=[news_search.pk, token])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert saved_state() == before


def test_a_link_for_one_search_does_not_unsubscribe_another(client, news_search, save, outsider):
    other = save(outsider, "/services/?q=poems", name="Oscar's poems")
    before = saved_state()
    url = reverse("saved_searches:unsubscribe", args=[other.pk, news_search.unsubscribe_token()])

    assert client.post(url).status_code == 404
    assert saved_state() == before


def test_a_link_of_a_deleted_search_is_refused(client, news_search):
    url = news_search.unsubscribe_url()
    news_search.delete()

    assert client.get(url).status_code == 404


def test_the_stop_everything_link_pauses_every_search_of_its_person(news_search, save, outsider):
    second = save(news_search.user, "/services/?q=poems", name="Poems")
    others = save(outsider, "/services/?q=poems", name="Oscar's poems")
    client = Client(enforce_csrf_checks=True)
    url = unsubscribe_all_url(news_search.user_id)

    assert b"Stop all your saved-search alerts?" in client.get(url).content
    client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert all(s.is_paused for s in SavedSearch.objects.filter(pk__in=[news_search.pk, second.pk]))
    others.refresh_from_db()
    assert not others.is_paused


def test_a_stop_everything_link_is_refused_when_forged_or_for_someone_else(
    client, news_search, outsider
):
    sams = unsubscribe_all_url(news_search.user_id)
    token = sams.rstrip("/").rsplit("/", 1)[1]
    before = saved_state()
    for url in (
        reverse("saved_searches:unsubscribe_all", args=[outsider.pk, token]),
        reverse("saved_searches:unsubscribe_all", args=[news_search.user_id, "forged"]),
        # A search's link is no person's link, even where the ids are the same number.
        reverse(
            "saved_searches:unsubscribe_all",
            args=[news_search.pk, news_search.unsubscribe_token()],
        ),
    ):
        assert client.post(url).status_code == 404
    assert saved_state() == before


def test_the_list_names_categories_and_skills_not_their_slugs(
    client, hiring_client, save, articles, news_writing
):
    save(hiring_client, "/categories/articles-news/?skill=news-writing&max_rate=40")
    client.force_login(hiring_client)
    text = text_of(client.get(reverse("saved_searches:list")))
    assert "Category: Articles & News" in text and "articles-news" not in text
    assert "Skills: News Writing" in text and "news-writing" not in text
    assert "Hourly rate to: $40" in text
