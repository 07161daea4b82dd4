from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse

from services.filters import ServiceFilter, facet_counts
from services.models import Service, ServiceStatus
from services.search import refresh_search_vectors
from tests.factories import (
    CategoryFactory,
    LeafCategoryFactory,
    ServiceFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def results(query: str) -> list[Service]:
    filterset = ServiceFilter(QueryDict(query), queryset=Service.objects.published())
    return list(filterset.qs)


def indexed(**kwargs) -> Service:
    service = ServiceFactory(**kwargs)
    refresh_search_vectors(service_ids=[service.pk])
    return service


def test_every_service_matches_when_no_filter_is_given():
    first, second = ServiceFactory(), ServiceFactory()
    assert set(results("")) == {first, second}


def test_a_parent_category_filter_includes_its_subcategories():
    parent = CategoryFactory(slug="writing")
    inside = ServiceFactory(category=LeafCategoryFactory(parent=parent))
    ServiceFactory()
    assert results("category=writing") == [inside]


def test_rate_price_rating_and_engagement_filters_narrow_the_list():
    cheap = ServiceFactory(hourly_rate=Decimal("15"), starting_price=Decimal("25"))
    pricey = ServiceFactory(hourly_rate=Decimal("90"), starting_price=Decimal("900"))
    Service.objects.filter(pk=pricey.pk).update(rating_average=Decimal("4.8"))
    assert results("min_rate=10&max_rate=20") == [cheap]
    assert results("max_price=100") == [cheap]
    assert results("min_rating=4.5") == [pricey]
    assert set(results("engagement=ongoing")) == {cheap, pricey}
    assert results("engagement=one_off") == []


def test_several_skills_narrow_to_services_having_all_of_them():
    news, magazine = SkillFactory(name="News Writing"), SkillFactory(name="Magazine Articles")
    both = ServiceFactory(skills=[news, magazine])
    ServiceFactory(skills=[news])
    assert results("skill=news-writing&skill=magazine-articles") == [both]


@pytest.mark.parametrize(
    "query",
    [
        "min_rate=abc",
        "max_price=-5",
        "min_rating=9",
        "sort=sideways",
        "skill=nope",
        "category=nope",
        "min_rate=NaN",
        "max_rate=1e999",
        "q=" + "x" * 500,
        "q=%00",
    ],
)
def test_invalid_values_are_reported_and_ignored(query):
    service = ServiceFactory()
    filterset = ServiceFilter(QueryDict(query), queryset=Service.objects.published())
    assert list(filterset.qs) == [service]
    assert filterset.form.errors


def test_sorts_order_by_rate_and_by_damped_rating():
    low = ServiceFactory(hourly_rate=Decimal("10"))
    high = ServiceFactory(hourly_rate=Decimal("100"))
    no_rate = ServiceFactory(hourly_rate=None)
    Service.objects.filter(pk=low.pk).update(rating_score=4.9)
    assert results("sort=rate_low") == [low, high, no_rate]
    assert results("sort=rate_high") == [high, low, no_rate]
    assert results("sort=best_rated")[0] == low
    assert results("sort=newest") == [no_rate, high, low]


def test_drafts_never_appear_in_results():
    ServiceFactory(status=ServiceStatus.DRAFT)
    assert results("") == []


def test_facets_count_results_per_category_and_skill():
    parent = CategoryFactory(name="Writing")
    news = LeafCategoryFactory(parent=parent, name="News")
    skill = SkillFactory(name="Journalism")
    ServiceFactory(category=news, skills=[skill])
    ServiceFactory(category=news)
    filterset = ServiceFilter(QueryDict(""), queryset=Service.objects.published())
    facets = facet_counts(filterset)
    assert dict(facets.categories) == {parent: 2, news: 2}
    assert facets.skills == [(skill, 1)]


@pytest.fixture
def three_news_services(db):
    """Three services that a search for "news" finds, with skills; counting stops at two."""
    writing = SkillFactory(name="Journalism")
    return [indexed(title=f"I will write news {n}", skills=[writing]) for n in range(3)]


def test_past_the_counted_bound_a_search_says_more_than_and_shows_no_counts(
    client, three_news_services, monkeypatch
):
    monkeypatch.setattr("services.filters.COUNTED_RESULTS", 2)
    response = client.get(reverse("services:list"), {"q": "news"})
    page = response.content.decode()
    assert "More than 2 services found" in page
    assert list(response.context["skill_facets"]) == [(three_news_services[0].skills.get(), None)]
    assert all(count is None for _, count in response.context["category_facets"])
    assert 'class="count"' not in page

    body = client.get(reverse("api:service-list"), {"q": "news"}).json()
    assert (body["count"], body["count_exact"]) == (2, False)
    assert [skill["count"] for skill in body["facets"]["skills"]] == [None]
    assert {category["count"] for category in body["facets"]["categories"]} == {None}


def test_under_the_bound_and_with_stored_counts_the_counts_are_exact(
    client, three_news_services, monkeypatch
):
    monkeypatch.setattr("services.filters.COUNTED_RESULTS", 3)
    body = client.get(reverse("api:service-list"), {"q": "news"}).json()
    assert (body["count"], body["count_exact"]) == (3, True)
    assert [skill["count"] for skill in body["facets"]["skills"]] == [3]
    # With no filter the stored counters answer, exact at any size.
    monkeypatch.setattr("services.filters.COUNTED_RESULTS", 2)
    assert "3 services found" in client.get(reverse("services:list")).content.decode()
    body = client.get(reverse("api:service-list")).json()
    assert (body["count"], body["count_exact"]) == (3, True)


def test_a_plain_word_search_works_on_every_database():
    match = indexed(title="I will write news articles")
    indexed(title="I will design a logo")
    assert results("q=news") == [match]


@pytest.mark.postgres
def test_title_matches_rank_above_description_matches():
    in_description = indexed(title="Editing", description="I also do journalism.")
    in_title = indexed(title="Journalism for magazines", description="Stories.")
    assert results("q=journalism") == [in_title, in_description]


@pytest.mark.postgres
def test_stemming_finds_writer_when_searching_writers():
    writer = indexed(title="Experienced writer for hire")
    assert results("q=writers") == [writer]


@pytest.mark.postgres
def test_skills_and_category_names_are_searchable():
    skill = SkillFactory(name="Newspaper")
    by_skill = indexed(title="Stories", skills=[skill])
    refresh_search_vectors(service_ids=[by_skill.pk])
    by_category = indexed(title="Other", category=LeafCategoryFactory(name="Court Reporting"))
    assert results("q=newspaper") == [by_skill]
    assert results("q=court") == [by_category]


@pytest.mark.postgres
def test_web_search_syntax_phrases_exclusions_and_or():
    phrase = indexed(title="Breaking news writing")
    other = indexed(title="Writing news fast")
    assert results('q="news writing"') == [phrase]
    assert results("q=news -breaking") == [other]
    logo = indexed(title="Logo design")
    assert set(results("q=breaking or logo")) == {phrase, logo}


@pytest.mark.postgres
def test_a_misspelled_word_is_corrected_against_known_skills():
    journalism = SkillFactory(name="Journalism")
    match = indexed(title="Reporting from Brussels", skills=[journalism])
    filterset = ServiceFilter(QueryDict("q=jurnalism"), queryset=Service.objects.published())
    assert list(filterset.qs) == [match]
    assert filterset.corrected_query == "journalism"


@pytest.mark.postgres
def test_the_heading_names_the_corrected_words_above_their_results(client):
    indexed(title="Reporting from Brussels", skills=[SkillFactory(name="Journalism")])
    html = client.get("/services/", {"q": "jurnalism"}).content.decode()
    assert "<h1>Services for “journalism”</h1>" in html
    assert "Nothing matched “jurnalism”. Showing results for" in html


@pytest.mark.postgres
def test_whether_a_search_found_anything_is_remembered_until_the_catalogue_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    journalism = SkillFactory(name="Journalism")
    indexed(title="Reporting from Brussels", skills=[journalism])
    first = client.get("/services/", {"q": "jurnalism"})
    assert first.context["filterset"].corrected_query == "journalism"
    # Asked again, the page neither re-checks for matches, nor re-runs the correction, nor
    # ranks the matches again: it only loads the page's cards.
    with django_assert_num_queries(1):
        again = client.get("/services/", {"q": "jurnalism"})
    assert "Showing results for <strong>journalism</strong>" in again.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        exact = indexed(title="Jurnalism zine")
    after = client.get("/services/", {"q": "jurnalism"})
    assert after.context["filterset"].corrected_query is None
    assert [row.pk for row in after.context["page"].object_list] == [exact.pk]


@pytest.mark.postgres
def test_accents_are_ignored():
    match = indexed(title="Café menu translation")
    assert results("q=cafe") == [match]


@pytest.mark.postgres
@pytest.mark.parametrize("level", ["leaf", "parent"])
def test_renaming_a_category_refreshes_the_vectors_of_its_services(
    client, staff, level, django_capture_on_commit_callbacks
):
    service = indexed(title="Stories")
    category = service.category if level == "leaf" else service.category.parent
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:services_category_change", args=[category.pk]),
            {
                "name": "Investigative Reporting",
                "slug": category.slug,
                "parent": category.parent_id or "",
                "description": "",
                "position": 0,
            },
        )
    assert response.status_code == 302
    assert results("q=investigative") == [service]


def test_title_matches_come_first_then_skills_then_description():
    """For "news writing" the News Writing service leads, on SQLite as on PostgreSQL."""
    news = SkillFactory(name="News Writing")
    in_description = indexed(
        title="I will edit your annual report",
        description="Years of news writing and editing behind me.",
    )
    in_skills = indexed(title="I will cover local politics", skills=[news])
    in_title = indexed(title="News Writing", description="Reported, sourced articles.")
    Service.objects.filter(pk=in_description.pk).update(rating_average=Decimal("5"))
    refresh_search_vectors()
    assert results("q=news+writing") == [in_title, in_skills, in_description]
