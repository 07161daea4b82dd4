"""Saved searches through the API: the owner's to change, staff's to read, nobody else's."""

import pytest
from django.urls import reverse

from saved_searches.models import MAX_SAVED_SEARCHES, SavedSearch
from tests.support.api import error_of

LIST = "/api/v1/saved-searches/"


def detail(search) -> str:
    return reverse("api:saved-search-detail", args=[search.pk])


@pytest.fixture
def saved(as_user, hiring_client, articles, news_writing):
    response = as_user(hiring_client).post(
        LIST,
        {
            "kind": "services",
            "query": "skill=news-writing&q=+news+&page=3&utm_source=x&category=articles-news",
            "name": "News writers",
            "frequency": "instant",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return SavedSearch.objects.get(pk=response.json()["id"])


def test_a_search_is_saved_with_its_query_in_canonical_form(saved, as_user, hiring_client):
    body = as_user(hiring_client).get(detail(saved)).json()

    assert body["query"] == "q=news&category=articles-news&skill=news-writing"
    assert body["results_url"].endswith(
        "/services/?q=news&category=articles-news&skill=news-writing"
    )
    assert (body["kind"], body["frequency"], body["paused"]) == ("services", "instant", False)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("min_rate=-5", "Min rate"),
        ("category=no-such-category", "Category"),
        ("min_rating=9", "Min rating"),
        ("sort=loudest", "Sort"),
        ("q=" + "x" * 201, "Q"),
    ],
)
def test_an_invalid_query_is_refused_naming_the_parameter(as_user, hiring_client, query, parameter):
    response = as_user(hiring_client).post(
        LIST, {"kind": "services", "query": query, "name": "Bad"}, format="json"
    )

    assert response.status_code == 400
    (message,) = error_of(response)["errors"]["query"]
    assert message.startswith(f"{parameter}:")
    assert not SavedSearch.objects.exists()


def test_a_job_query_is_checked_by_the_job_lists_rules(as_user, freelancer):
    response = as_user(freelancer).post(
        LIST, {"kind": "jobs", "query": "posted_within=9", "name": "Jobs"}, format="json"
    )

    assert response.status_code == 400
    assert error_of(response)["errors"]["query"][0].startswith("Posted within:")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "people", "name": "x"}, "kind"),
        ({"kind": "services", "name": ""}, "name"),
        ({"kind": "services", "name": "x" * 81}, "name"),
        ({"kind": "services", "name": "x", "frequency": "hourly"}, "frequency"),
    ],
)
def test_bad_fields_are_refused_by_name(as_user, hiring_client, data, field):
    response = as_user(hiring_client).post(LIST, data, format="json")

    assert response.status_code == 400
    assert field in error_of(response)["errors"]


def test_a_person_keeps_at_most_the_limit(as_user, hiring_client):
    api = as_user(hiring_client)
    for n in range(MAX_SAVED_SEARCHES):
        SavedSearch.objects.create(
            user=hiring_client, kind="services", name=f"Search {n}", query={"q": [f"n{n}"]}
        )

    response = api.post(LIST, {"kind": "services", "name": "One more"}, format="json")

    assert response.status_code == 409
    assert error_of(response)["code"] == "too_many"


def test_the_same_search_saved_twice_is_kept_once_and_the_second_is_a_409(
    as_user, hiring_client, service
):
    api = as_user(hiring_client)
    first = {"kind": "services", "query": "skill=news-writing&q=news", "name": "News"}
    assert api.post(LIST, first, format="json").status_code == 201
    # The same search, written another way: parameters in another order, a page number.
    again = {**first, "query": "q=news&page=2&skill=news-writing", "name": "News again"}
    response = api.post(LIST, again, format="json")
    assert response.status_code == 409
    body = error_of(response)
    assert body["code"] == "duplicate" and "“News”" in body["detail"]
    assert SavedSearch.objects.count() == 1


def test_a_retried_post_with_the_same_idempotency_key_saves_once(as_user, hiring_client):
    api = as_user(hiring_client)
    data = {"kind": "services", "query": "q=news", "name": "News"}

    first = api.post(LIST, data, format="json", HTTP_IDEMPOTENCY_KEY="save-1")
    again = api.post(LIST, data, format="json", HTTP_IDEMPOTENCY_KEY="save-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert SavedSearch.objects.count() == 1


def test_the_owner_renames_reschedules_and_pauses(saved, as_user, hiring_client):
    api = as_user(hiring_client)

    body = api.patch(
        detail(saved), {"name": "Newsroom", "frequency": "weekly", "paused": True}, format="json"
    ).json()

    assert (body["name"], body["frequency"], body["paused"]) == ("Newsroom", "weekly", True)
    assert api.patch(detail(saved), {"paused": False}, format="json").json()["paused"] is False
    # The query is what the search is: it cannot be changed, only saved anew.
    api.patch(detail(saved), {"query": "q=poems"}, format="json")
    saved.refresh_from_db()
    assert saved.query["q"] == ["news"]


def test_a_rename_is_checked_by_the_dashboard_forms_rules(saved, as_user, hiring_client):
    response = as_user(hiring_client).patch(detail(saved), {"name": ""}, format="json")

    assert response.status_code == 400
    assert "name" in error_of(response)["errors"]


# Who may do what: (role, method) -> status.
MATRIX = {
    ("anonymous", "list"): 401,
    ("anonymous", "create"): 401,
    ("anonymous", "get"): 401,
    ("anonymous", "patch"): 401,
    ("anonymous", "delete"): 401,
    ("outsider", "list"): 200,
    ("outsider", "create"): 201,
    ("outsider", "get"): 404,
    ("outsider", "patch"): 404,
    ("outsider", "delete"): 404,
    ("owner", "list"): 200,
    ("owner", "create"): 201,
    ("owner", "get"): 200,
    ("owner", "patch"): 200,
    ("owner", "delete"): 204,
    ("staff", "list"): 200,
    ("staff", "create"): 201,
    ("staff", "get"): 200,
    ("staff", "patch"): 403,
    ("staff", "delete"): 403,
}


@pytest.mark.parametrize(("role", "action"), list(MATRIX))
def test_access_matrix(saved, as_user, hiring_client, outsider, staff, role, action):
    user = {"anonymous": None, "outsider": outsider, "owner": hiring_client, "staff": staff}[role]
    api = as_user(user)
    before = list(SavedSearch.objects.filter(pk=saved.pk).values())
    request = {
        "list": lambda: api.get(LIST),
        "create": lambda: api.post(LIST, {"kind": "jobs", "name": "Mine"}, format="json"),
        "get": lambda: api.get(detail(saved)),
        "patch": lambda: api.patch(detail(saved), {"name": "Taken over"}, format="json"),
        "delete": lambda: api.delete(detail(saved)),
    }[action]

    response = request()

    assert response.status_code == MATRIX[role, action]
    if action == "list" and user is not None:
        # Everyone lists only their own: staff read others' one by one.
        assert [row["id"] for row in response.json()["results"]] == (
            [saved.pk] if role == "owner" else []
        )
    if response.status_code >= 400 or action in ("list", "get", "create"):
        assert list(SavedSearch.objects.filter(pk=saved.pk).values()) == before


@pytest.mark.parametrize("count", [1, MAX_SAVED_SEARCHES])
def test_the_list_runs_a_fixed_number_of_queries(
    as_user, hiring_client, django_assert_num_queries, count
):
    for n in range(count):
        SavedSearch.objects.create(
            user=hiring_client, kind="services", name=f"Search {n}", query={"q": [f"news {n}"]}
        )
    api = as_user(hiring_client)

    # The token, the count, the page.
    with django_assert_num_queries(3):
        response = api.get(f"{LIST}?page_size={MAX_SAVED_SEARCHES}")

    assert len(response.json()["results"]) == count
