"""Who can use each saved-search page: anonymous visitors, an outsider, the owner, staff.

A saved search is private: staff manage none of them from the site (the admin shows them).
The unsubscribe link is the exception: its signature is the credential, whoever follows it.
"""

import pytest
from django.urls import reverse

from saved_searches.models import SavedSearch, unsubscribe_all_url

# (url name, method, data for the owner, the owner's status)
OBJECT_URLS = [
    ("saved_searches:edit", "get", {}, 200),
    ("saved_searches:edit", "post", {"name": "Renamed", "frequency": "daily"}, 302),
    ("saved_searches:pause", "post", {}, 302),
    ("saved_searches:resume", "post", {}, 302),
    ("saved_searches:delete", "get", {}, 200),
    ("saved_searches:delete", "post", {}, 302),
]
POST_ONLY = {"saved_searches:pause", "saved_searches:resume"}


def saved_state() -> list[dict]:
    return list(SavedSearch.objects.order_by("pk").values())


def user_of(role, cast, news_search):
    return news_search.user if role == "owner" else cast[role]


@pytest.mark.parametrize(("name", "method", "data", "owner_status"), OBJECT_URLS)
@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff", "owner"])
def test_only_the_owner_uses_a_saved_searchs_pages(
    as_user, cast, news_search, role, name, method, data, owner_status
):
    client = as_user(user_of(role, cast, news_search))
    url = reverse(name, args=[news_search.pk])
    before = saved_state()

    response = getattr(client, method)(url, data)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif role in ("outsider", "staff"):
        assert response.status_code == 404
    else:
        assert response.status_code == owner_status
    if role != "owner" or method == "get":
        assert saved_state() == before


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_state_changes_refuse_get(as_user, news_search, name):
    response = as_user(news_search.user).get(reverse(name, args=[news_search.pk]))

    assert response.status_code == 405


@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff", "owner"])
def test_the_list_shows_each_person_their_own(as_user, cast, news_search, role):
    response = as_user(user_of(role, cast, news_search)).get(reverse("saved_searches:list"))

    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert (b"News writers" in response.content) is (role == "owner")


@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff", "owner"])
def test_saving_saves_for_the_signed_in_person_only(as_user, cast, news_search, role):
    user = user_of(role, cast, news_search)
    before = saved_state()

    response = as_user(user).post(
        reverse("saved_searches:save"),
        {"results_url": "/services/?q=x", "name": "Mine", "frequency": "daily"},
    )

    assert response.status_code == 302
    if user is None:
        assert saved_state() == before
    else:
        assert SavedSearch.objects.filter(user=user, name="Mine").count() == 1


@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff", "owner"])
def test_the_unsubscribe_link_works_for_whoever_follows_it(as_user, cast, news_search, role):
    client = as_user(user_of(role, cast, news_search))

    assert client.get(news_search.unsubscribe_url()).status_code == 200
    assert client.post(news_search.unsubscribe_url()).status_code == 200
    news_search.refresh_from_db()
    assert news_search.is_paused


@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff", "owner"])
def test_the_stop_everything_link_works_for_whoever_follows_it(as_user, cast, news_search, role):
    client = as_user(user_of(role, cast, news_search))
    url = unsubscribe_all_url(news_search.user_id)

    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    news_search.refresh_from_db()
    assert news_search.is_paused


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_unsubscribe_links_answer_only_get_and_post(client, news_search, method):
    for url in (news_search.unsubscribe_url(), unsubscribe_all_url(news_search.user_id)):
        assert getattr(client, method)(url).status_code == 405
