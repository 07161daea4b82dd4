"""Categories, skills and services: search like the search page, and the owner's changes."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from marketplace import pagecache
from services.models import ServiceRedirect, ServiceStatus
from services.search import refresh_search_vectors
from tests.factories import (
    CategoryFactory,
    ReviewFactory,
    ServiceFactory,
    SkillFactory,
)
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
SERVICES = "/api/v1/services/"
NEW_SERVICE = {
    "title": "I will edit your long reads",
    "category": "articles-news",
    "description": "Structural and line editing.",
    "hourly_rate": "25.00",
    "skills": ["Copy Editing", "News Writing"],
}


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


class TestCategoriesAndSkills:
    def test_the_category_tree_lists_subcategories_with_published_counts(self, api, service):
        ServiceFactory(category=service.category, status=ServiceStatus.DRAFT)
        (writing,) = api.get("/api/v1/categories/").json()["results"]
        assert writing["slug"] == "writing"
        assert writing["service_count"] == 1
        assert [(c["slug"], c["service_count"]) for c in writing["subcategories"]] == [
            ("articles-news", 1)
        ]

    def test_categories_are_paginated_in_their_order(self, api, db):
        for position in (2, 0, 1):
            CategoryFactory(name=f"Top {position}", position=position)
        response = api.get("/api/v1/categories/", {"page_size": 2})
        assert slugs(response) == ["top-0", "top-1"]
        assert response.json()["count"] == 3

    def test_skills_are_listed_by_name(self, api, db):
        SkillFactory(name="Zoology")
        SkillFactory(name="Accounting")
        assert slugs(api.get("/api/v1/skills/")) == ["accounting", "zoology"]

    @pytest.mark.parametrize("url", ["/api/v1/categories/", "/api/v1/skills/"])
    def test_they_are_read_only(self, as_user, staff, url):
        assert as_user(staff).post(url, {"name": "New"}).status_code == 405


class TestSearch:
    def test_it_lists_published_services_only(self, api, service):
        ServiceFactory(status=ServiceStatus.DRAFT)
        ServiceFactory(status=ServiceStatus.PAUSED)
        assert slugs(api.get(SERVICES)) == [service.slug]

    def test_a_card_has_prices_skills_category_and_freelancer(self, api, service):
        (card,) = api.get(SERVICES).json()["results"]
        assert card["hourly_rate"] == "20.00"
        assert card["starting_price"] == "50.00"
        assert card["skills"] == [{"slug": "news-writing", "name": "News Writing"}]
        assert card["category"]["parent"]["slug"] == "writing"
        assert card["owner"]["slug"] == "elena"
        assert card["url"].endswith(f"/api/v1/services/{service.slug}/")
        assert card["page_url"].endswith(f"/services/{service.slug}/")

    def test_a_card_is_kept_as_its_json_reads(self, api, service):
        (card,) = api.get(SERVICES).json()["results"]
        version = pagecache.current_version()
        kept = cache.get(f"api-service:{version}:http://testserver:{service.pk}")

        def plain(value) -> bool:
            # Not DRF's links, strings that hold (and would unpickle) the object they name.
            if type(value) is dict:
                return all(plain(item) for item in value.values())
            if type(value) is list:
                return all(plain(item) for item in value)
            return type(value) in (str, int, float, bool, type(None))

        assert kept == card and plain(kept)
        assert api.get(SERVICES).json()["results"] == [card]

    def test_it_searches_the_text_like_the_search_page(self, api, service):
        logo = ServiceFactory(title="Logo design", description="Vector logos.")
        refresh_search_vectors(service_ids=[logo.pk])
        assert slugs(api.get(SERVICES, {"q": "news writing"})) == [service.slug]
        assert slugs(api.get(SERVICES, {"q": "vector"})) == [logo.slug]

    @pytest.mark.postgres
    def test_a_misspelt_search_says_what_it_searched_instead(self, api, service):
        body = api.get(SERVICES, {"q": "news writting"}).json()
        assert body["corrected_query"] == "news writing"
        assert [item["slug"] for item in body["results"]] == [service.slug]

    def test_it_filters_like_the_search_page(self, api, service, news_writing):
        other = ServiceFactory(hourly_rate=Decimal("80.00"))
        assert slugs(api.get(SERVICES, {"category": "writing"})) == [service.slug]
        assert slugs(api.get(SERVICES, {"skill": "news-writing"})) == [service.slug]
        assert slugs(api.get(SERVICES, {"min_rate": "50"})) == [other.slug]
        assert slugs(api.get(SERVICES, {"max_rate": "50"})) == [service.slug]

    def test_invalid_filters_answer_400_with_the_filter_forms_messages(self, api, service):
        response = api.get(SERVICES, {"category": "nope", "min_rate": "cheap", "sort": "x"})
        assert response.status_code == 400
        errors = error_of(response)["errors"]
        assert set(errors) == {"category", "min_rate", "sort"}
        assert errors["min_rate"] == ["Enter a number."]

    def test_it_sorts_with_ties_broken_by_id(self, api, db):
        same = [ServiceFactory(hourly_rate=Decimal("10.00")) for _ in range(3)]
        cheap = ServiceFactory(hourly_rate=Decimal("5.00"))
        assert slugs(api.get(SERVICES, {"sort": "rate_low"})) == [
            cheap.slug,
            *[s.slug for s in same],
        ]
        assert slugs(api.get(SERVICES, {"sort": "rate_high"})) == [
            *[s.slug for s in reversed(same)],
            cheap.slug,
        ]

    def test_pages_neither_repeat_nor_skip_services(self, api, db):
        made = {ServiceFactory(hourly_rate=Decimal("10.00")).slug for _ in range(7)}
        seen = []
        for page in (1, 2, 3):
            seen += slugs(api.get(SERVICES, {"page": page, "page_size": 3, "sort": "rate_low"}))
        assert sorted(seen) == sorted(made)

    def test_the_facets_count_all_results_per_category_and_skill(self, api, service):
        ServiceFactory.create_batch(2, category=service.category)
        facets = api.get(SERVICES, {"page_size": 1}).json()["facets"]
        assert {(c["slug"], c["parent"], c["count"]) for c in facets["categories"]} == {
            ("writing", None, 3),
            ("articles-news", "writing", 3),
        }
        assert facets["skills"] == [{"slug": "news-writing", "name": "News Writing", "count": 1}]


class TestDetail:
    def test_it_shows_a_published_service_to_anyone(self, api, service):
        body = api.get(f"{SERVICES}{service.slug}/").json()
        assert body["title"] == "I will write your news"
        assert body["status"] == "published"

    def test_a_draft_is_visible_to_its_owner_only(self, as_user, freelancer, outsider, service):
        service.status = ServiceStatus.DRAFT
        service.save()
        assert as_user(None).get(f"{SERVICES}{service.slug}/").status_code == 404
        assert as_user(outsider).get(f"{SERVICES}{service.slug}/").status_code == 404
        assert as_user(freelancer).get(f"{SERVICES}{service.slug}/").status_code == 200

    def test_an_old_slug_redirects_to_the_renamed_service(self, api, service):
        ServiceRedirect.objects.create(old_slug="old-title", service=service)
        response = api.get(f"{SERVICES}old-title/")
        assert response.status_code == 301
        assert response["Location"].endswith(f"/api/v1/services/{service.slug}/")

    def test_an_unknown_slug_is_a_404_with_a_message(self, api, db):
        response = api.get(f"{SERVICES}nothing-here/")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


class TestCreate:
    def test_a_freelancer_creates_a_draft_with_skills(self, as_user, freelancer, articles):
        response = as_user(freelancer).post(SERVICES, NEW_SERVICE)
        assert response.status_code == 201
        body = response.json()
        assert body["status"] == "draft"
        assert body["slug"] == "i-will-edit-your-long-reads"
        assert response["Location"] == body["url"]
        assert {s["name"] for s in body["skills"]} == {"Copy Editing", "News Writing"}
        assert body["currency"] == "USD"  # the form's default

    @pytest.mark.parametrize(
        ("who", "status"), [("anonymous", 401), ("client", 403), ("staff", 403)]
    )
    def test_only_freelancers_create_services(self, as_user, cast, articles, who, status):
        response = as_user(cast[who]).post(SERVICES, NEW_SERVICE)
        assert response.status_code == status
        error_of(response)

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            (
                {"hourly_rate": None},
                "hourly_rate",
                "Give an hourly rate, a starting price, or both.",
            ),
            (
                {"hourly_rate": "0"},
                "hourly_rate",
                "Enter an amount from 1 to 10,000, with at most two decimals.",
            ),
            ({"title": "<b>News</b>"}, "title", None),
            ({"title": "!!!"}, "title", "Give the service a title with words in it."),
            ({"category": "writing"}, "category", None),
            ({"skills": ["a" * 61]}, "skills.0", None),
            ({"skills": ["News, Writing"]}, "skills.0", None),
            ({"currency": "XYZ"}, "currency", None),
        ],
    )
    def test_it_applies_the_dashboard_forms_rules(
        self, as_user, freelancer, articles, change, field, message
    ):
        response = as_user(freelancer).post(SERVICES, {**NEW_SERVICE, **change})
        assert response.status_code == 400
        errors = error_of(response)["errors"]
        assert list(errors) == [field]
        if message:
            assert errors[field] == [message]
        assert freelancer.profile.services.count() == 1  # nothing half-saved


@pytest.fixture
def draft(profile, articles):
    return ServiceFactory(owner=profile, category=articles, status=ServiceStatus.DRAFT)


CHANGERS = [("anonymous", 401), ("client", 403), ("outsider", 403), ("staff", 403)]


class TestOwnerChanges:
    @pytest.mark.parametrize(("who", "status"), CHANGERS)
    def test_only_the_owner_edits(self, as_user, cast, service, who, status):
        response = as_user(cast[who]).patch(f"{SERVICES}{service.slug}/", {"title": "Mine now"})
        assert response.status_code == status
        error_of(response)
        service.refresh_from_db()
        assert service.title == "I will write your news"

    def test_the_owner_edits_only_what_they_send(self, as_user, freelancer, service):
        response = as_user(freelancer).patch(
            f"{SERVICES}{service.slug}/", {"starting_price": "99.50"}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["starting_price"] == "99.50"
        assert body["hourly_rate"] == "20.00"
        assert [s["slug"] for s in body["skills"]] == ["news-writing"]

    def test_a_new_title_moves_the_service_and_the_old_slug_redirects(
        self, as_user, freelancer, service
    ):
        api = as_user(freelancer)
        response = api.patch(f"{SERVICES}{service.slug}/", {"title": "Long reads, edited"})
        assert response.json()["slug"] == "long-reads-edited"
        assert api.get(f"{SERVICES}{service.slug}/").status_code == 301

    def test_an_invalid_edit_changes_nothing(self, as_user, freelancer, service):
        response = as_user(freelancer).patch(
            f"{SERVICES}{service.slug}/",
            {"title": "New", "hourly_rate": None, "starting_price": None},
        )
        assert response.status_code == 400
        service.refresh_from_db()
        assert service.title == "I will write your news"

    def test_others_cannot_even_find_a_draft(self, as_user, outsider, draft):
        assert as_user(outsider).patch(f"{SERVICES}{draft.slug}/", {}).status_code == 404

    @pytest.mark.parametrize(
        ("who", "status"),
        # A draft is invisible to everyone but its owner, so they cannot even find it.
        [("anonymous", 401), ("client", 404), ("outsider", 404), ("staff", 404), ("owner", 200)],
    )
    def test_only_the_owner_publishes(self, as_user, cast, draft, who, status):
        response = as_user(cast[who]).post(f"{SERVICES}{draft.slug}/publish/")
        assert response.status_code == status
        draft.refresh_from_db()
        assert draft.is_published is (who == "owner")

    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("owner", 200)])
    def test_only_the_owner_pauses(self, as_user, cast, service, who, status):
        response = as_user(cast[who]).post(f"{SERVICES}{service.slug}/pause/")
        assert response.status_code == status
        service.refresh_from_db()
        assert (service.status == ServiceStatus.PAUSED) is (who == "owner")

    def test_a_paused_service_leaves_the_search(self, as_user, freelancer, service):
        as_user(freelancer).post(f"{SERVICES}{service.slug}/pause/")
        assert slugs(as_user(None).get(SERVICES)) == []

    @pytest.mark.parametrize(("who", "status"), [*CHANGERS, ("owner", 204)])
    def test_only_the_owner_deletes(self, as_user, cast, service, who, status):
        response = as_user(cast[who]).delete(f"{SERVICES}{service.slug}/")
        assert response.status_code == status
        assert type(service).objects.filter(pk=service.pk).exists() is (who != "owner")

    def test_a_reviewed_service_cannot_be_deleted(self, as_user, freelancer, service):
        ReviewFactory(service=service)
        response = as_user(freelancer).delete(f"{SERVICES}{service.slug}/")
        assert response.status_code == 409
        assert error_of(response)["code"] == "has_history"
        assert "Pause it instead" in error_of(response)["detail"]

    def test_the_owner_lists_their_services_drafts_included(
        self, as_user, freelancer, service, draft
    ):
        ServiceFactory()  # someone else's
        response = as_user(freelancer).get("/api/v1/me/services/")
        assert sorted(slugs(response)) == sorted([service.slug, draft.slug])
        assert as_user(None).get("/api/v1/me/services/").status_code == 401

    def test_a_profile_lists_its_published_services(self, api, profile, service, draft):
        assert slugs(api.get("/api/v1/profiles/elena/services/")) == [service.slug]
        assert api.get("/api/v1/profiles/nobody/services/").status_code == 404


@pytest.mark.parametrize("query", ["skill=no-such-skill", "category=no-such-category"])
def test_a_filter_naming_no_skill_or_category_is_a_404(api, service, query):
    # Was a 400, as if the slug were malformed: it is well formed and names nothing.
    response = api.get(f"{SERVICES}?{query}")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_filter_bounds_take_any_precision_the_schema_allows(api, service):
    # Was a 400 ("no more than 10 digits in total") for numbers the schema calls valid.
    query = "max_price=2.2250738585e-313&max_rate=419196.9381478665&min_rating=4.999"
    assert api.get(f"{SERVICES}?{query}").status_code == 200
