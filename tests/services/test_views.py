"""The public browsing pages: home, search, category and service pages."""

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo import seed
from profiles.editing import create_writing_sample, update_profile
from profiles.forms import ProfileForm
from profiles.models import Profile
from reviews import reputation
from services.models import Service, ServiceRedirect, ServiceStatus
from services.publishing import pause_service, publish_service
from services.search import refresh_search_vectors
from tests.factories import (
    CategoryFactory,
    LeafCategoryFactory,
    ProfileFactory,
    ReviewFactory,
    ServiceFactory,
    SkillFactory,
    WritingSampleFactory,
)
from tests.support.pages import json_ld, text_of, visible_text

pytestmark = pytest.mark.django_db

# Upper bounds on the SQL queries of each page for an anonymous visitor, whatever the number
# of services, reviews, skills or samples on it. Each is asserted with 1 and with 50 items.
# A list's first view also loads the services of its cards not yet in the cache.
HOME_QUERIES = 7  # categories, their counts, top rated, featured freelancers, newest, 2 loads
LIST_QUERIES = 12  # skill validation, search, count, page with owners and categories, facets
CATEGORY_QUERIES = 11  # every category (kept per version), then as the search page
SERVICE_QUERIES = 8  # service, skills, samples, review count, page and spread, more services
# Once its fragments and (for signed-out visitors) the service are cached: the more services
# by its owner.
SERVICE_QUERIES_CACHED = 1


def reviewed(service: Service, *ratings: int) -> Service:
    for rating in ratings:
        ReviewFactory(service=service, rating=rating, text=f"A {rating}-star review, in words.")
    reputation.refresh_reputation(service_ids=[service.pk])
    service.refresh_from_db()
    return service


@pytest.fixture
def writing():
    return CategoryFactory(name="Writing & Translation", slug="writing-translation")


@pytest.fixture
def articles(writing):
    return LeafCategoryFactory(parent=writing, name="Articles & News", slug="articles-news")


@pytest.fixture
def seed_service():
    return seed.load_demo()


# ---------- Home ----------


def test_the_home_page_has_a_search_box_and_the_category_tree_with_counts(client, articles):
    ServiceFactory.create_batch(2, category=articles)
    ServiceFactory(category=articles, status=ServiceStatus.DRAFT)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'name="q"' in html
    text = text_of(response)
    assert "Writing & Translation 2 services" in text
    assert "Articles & News 2 services" in text


def test_the_home_page_shows_top_rated_and_newest_services(client):
    best = ServiceFactory(title="Best rated service")
    Service.objects.filter(pk=best.pk).update(
        review_count=12, rating_average=Decimal("4.90"), rating_score=4.7
    )
    ServiceFactory(title="Newest service")
    ServiceFactory(title="Hidden draft", status=ServiceStatus.DRAFT)
    text = text_of(client.get("/"))
    top_rated, newest_part = text.split("Top rated")[1].split("Newest services")
    assert "Best rated service" in top_rated and "Newest service" not in top_rated
    assert newest_part.index("Newest service") < newest_part.index("Best rated service")
    assert "Hidden draft" not in text


def test_the_home_page_shows_popular_categories_with_the_whole_tree_one_tap_away(client):
    parents = [CategoryFactory(name=f"Family {n}", slug=f"family-{n}") for n in range(8)]
    for count, parent in enumerate(parents, start=1):
        ServiceFactory.create_batch(count, category__parent=parent)
    html = client.get("/").content.decode()
    tiles = html.split('<ul class="category-tiles">')[1].split("</ul>")[0]
    # The six busiest families, busiest first; the others only in the full tree.
    assert re.findall(r"<span>(Family \d)</span>", tiles) == [
        f"Family {n}" for n in range(7, 1, -1)
    ]
    tree = html.split("<summary>")[1].split("</details>")[0]
    assert "All categories" in tree
    assert all(f"Family {n}" in tree for n in range(8))


def test_the_home_page_features_reviewed_freelancers_with_their_ratings(client):
    reviewed = ServiceFactory(owner__display_name="Amara Nwosu").owner
    Profile.objects.filter(pk=reviewed.pk).update(
        review_count=3, rating_average=Decimal("4.67"), completed_engagement_count=4
    )
    ServiceFactory(owner__display_name="Not Yet Reviewed")
    text = text_of(client.get("/"))
    featured = text.split("Freelancers clients come back to")[1].split("Newest services")[0]
    assert "Amara Nwosu" in featured and "4.7 (3 reviews)" in featured
    assert "4 completed engagements" in featured
    assert "Not Yet Reviewed" not in featured


def test_the_home_page_says_how_hiring_works_in_three_steps(client):
    html = client.get("/").content.decode()
    steps = html.split('<ol class="steps">')[1].split("</ol>")[0]
    assert steps.count("<li>") == 3
    assert "Ask for a quote" in steps


def test_a_home_page_seen_before_runs_no_query_until_the_catalogue_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    ServiceFactory(title="First service")
    first = text_of(client.get("/"))
    with django_assert_num_queries(0):  # the lists' rows and cards, the fragments: all kept
        assert text_of(client.get("/")) == first
    with django_capture_on_commit_callbacks(execute=True):
        ServiceFactory(title="A brand-new service")
    assert "A brand-new service" in text_of(client.get("/")).split("Newest services")[1]


@pytest.mark.parametrize("services", [1, 50])
def test_the_home_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, services
):
    for service in ServiceFactory.create_batch(services, review_count=3):
        Profile.objects.filter(pk=service.owner_id).update(review_count=3)
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


# ---------- Search ----------


def test_the_search_page_lists_published_services_only(client):
    ServiceFactory(title="Visible article service")
    ServiceFactory(title="Draft article service", status=ServiceStatus.DRAFT)
    ServiceFactory(title="Paused article service", status=ServiceStatus.PAUSED)
    text = text_of(client.get("/services/"))
    assert "Visible article service" in text
    assert "Draft article service" not in text and "Paused article service" not in text


def test_a_query_finds_matching_services_and_says_so(client):
    ServiceFactory(title="I will write journalism pieces")
    ServiceFactory(title="I will design your logo")
    refresh_search_vectors()
    response = client.get("/services/", {"q": "journalism"})
    text = text_of(response)
    assert "Services for “journalism”" in text and "1 service found" in text
    assert "design your logo" not in text


def test_category_and_rate_filters_narrow_the_results(client, articles):
    cheap = ServiceFactory(title="Cheap news", category=articles, hourly_rate=Decimal("15"))
    ServiceFactory(title="Dear news", category=articles, hourly_rate=Decimal("80"))
    ServiceFactory(title="Cheap logo", hourly_rate=Decimal("15"))
    text = text_of(
        client.get("/services/", {"category": "articles-news", "min_rate": 10, "max_rate": 20})
    )
    assert cheap.title in text
    assert "Dear news" not in text and "Cheap logo" not in text


def test_facets_show_counts_per_category_and_skill(client, articles):
    news = SkillFactory(name="News Writing")
    ServiceFactory.create_batch(2, category=articles, skills=[news])
    ServiceFactory(category=articles)
    text = text_of(client.get("/services/"))
    assert "Writing & Translation 3 services" in text
    assert "Articles & News 3 services" in text
    assert "News Writing 2 services" in text


def test_a_category_facet_links_to_the_category_page_keeping_the_other_filters(client, articles):
    ServiceFactory(category=articles)
    refresh_search_vectors()
    html = client.get("/services/", {"q": "article", "min_rate": "5", "page": "1"}).content
    assert b'href="/categories/articles-news/?q=article&amp;min_rate=5"' in html


def test_the_selected_skills_stay_checked(client):
    news = SkillFactory(name="News Writing")
    ServiceFactory(skills=[news])
    html = client.get("/services/", {"skill": "news-writing"}).content.decode()
    assert re.search(r'<input type="checkbox" name="skill" value="news-writing"[^>]* checked', html)


def test_the_sort_select_shows_the_order_in_effect(client):
    ServiceFactory()
    html = client.get("/services/").content.decode()
    assert '<option value="best_rated" selected>' in html
    html = client.get("/services/", {"sort": "rate_low"}).content.decode()
    assert '<option value="rate_low" selected>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"min_rate": "abc"},
        {"max_rate": "-5"},
        {"max_price": "1e400"},
        {"min_rating": "9"},
        {"sort": "cheapest-first"},
        {"engagement": "forever"},
        {"category": "no-such-category"},
        {"skill": "no-such-skill"},
        {"q": "x" * 500},
    ],
)
def test_an_invalid_filter_is_ignored_and_reported_while_the_page_still_works(client, params):
    ServiceFactory(title="Still listed")
    response = client.get("/services/", params)
    assert response.status_code == 200
    text = text_of(response)
    assert "Still listed" in text
    assert "This filter was ignored." in text


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0"])
def test_an_out_of_range_or_unreadable_page_number_never_fails(client, page):
    ServiceFactory.create_batch(3)
    response = client.get("/services/", {"page": page})
    assert response.status_code == 200
    assert "3 services" in text_of(response)


def test_pagination_links_keep_the_filters(client):
    ServiceFactory.create_batch(21, hourly_rate=Decimal("15"))
    html = client.get("/services/", {"min_rate": "10"}).content.decode()
    assert 'href="?min_rate=10&amp;page=2"' in html
    text = text_of(client.get("/services/", {"min_rate": "10", "page": "2"}))
    assert "Page 2 of 2" in text


def test_search_results_are_not_indexed_but_the_plain_list_is(client):
    ServiceFactory()
    assert b'name="robots" content="noindex, follow"' in client.get("/services/?q=x").content
    assert b'name="robots"' not in client.get("/services/").content


def test_user_text_on_cards_is_escaped(client):
    ServiceFactory(title="<script>alert('title')</script>")
    html = client.get("/services/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize("services", [1, 50])
def test_the_search_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, services
):
    skills = SkillFactory.create_batch(3)
    ServiceFactory.create_batch(services, skills=skills, review_count=2)
    refresh_search_vectors()
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(
            "/services/", {"q": "article", "skill": skills[0].slug, "min_rate": "1"}
        )
    assert response.context["page"].paginator.count == services


# ---------- Category pages ----------


def test_a_category_page_has_the_breadcrumb_of_the_seed_page(client, articles):
    ServiceFactory(category=articles)
    response = client.get("/categories/articles-news/")
    assert response.status_code == 200
    breadcrumb = re.search(r'<nav class="breadcrumb".*?</nav>', response.content.decode(), re.S)
    crumbs = re.findall(r"<a [^>]*>([^<]+)</a>", breadcrumb.group(0))
    assert crumbs == ["All Services", "Writing &amp; Translation", "Articles &amp; News"]
    assert "<h1>Articles &amp; News</h1>" in response.content.decode()


def test_a_parent_category_lists_the_services_of_its_subcategories(client, writing, articles):
    copywriting = LeafCategoryFactory(parent=writing, name="Copywriting", slug="copywriting")
    ServiceFactory(title="A news service", category=articles)
    ServiceFactory(title="A copy service", category=copywriting)
    ServiceFactory(title="A logo service")
    text = text_of(client.get("/categories/writing-translation/"))
    assert "A news service" in text and "A copy service" in text
    assert "A logo service" not in text
    assert "Articles & News 1 service" in text and "Copywriting 1 service" in text


def test_a_category_page_takes_the_same_filters_as_the_search_page(client, articles):
    ServiceFactory(title="Cheap news", category=articles, hourly_rate=Decimal("15"))
    ServiceFactory(title="Dear news", category=articles, hourly_rate=Decimal("80"))
    response = client.get("/categories/articles-news/", {"max_rate": "20", "category": "other"})
    text = text_of(response)
    assert "Cheap news" in text and "Dear news" not in text
    # The filter form submits to the category page itself.
    assert 'action="/categories/articles-news/"' in response.content.decode()


def test_a_category_page_finds_its_category_without_a_query_of_its_own(client, articles):
    ServiceFactory(category=articles)
    with CaptureQueriesContext(connection) as pages:
        response = client.get("/categories/articles-news/")
        parent = client.get("/categories/writing-translation/")
    # The categories are read whole, once per catalogue version (services.categories).
    by_slug = 'WHERE "services_category"."slug" = '
    children = 'FROM "services_category" WHERE "services_category"."parent_id" = '
    assert not [q["sql"] for q in pages if by_slug in q["sql"] or children in q["sql"]]
    assert "<h1>Articles &amp; News</h1>" in response.content.decode()
    assert len(parent.context["page"].object_list) == 1  # its subcategory's service


def test_a_list_seen_before_reads_only_its_cards_until_the_catalogue_changes(
    client, articles, django_assert_num_queries, django_capture_on_commit_callbacks
):
    older = [ServiceFactory(category=articles) for _ in range(21)]
    url = "/categories/writing-translation/?sort=newest"

    def listed(response) -> list[int]:
        return [row.pk for row in response.context["page"].object_list]

    first, second = client.get(url), client.get(url + "&page=2")
    with django_assert_num_queries(1):  # the cards' rows: the ids are kept with the panel
        again = client.get(url)
    assert listed(again) == listed(first) == [s.pk for s in reversed(older)][:20]
    assert listed(second) == [older[0].pk]
    with django_capture_on_commit_callbacks(execute=True):
        newest = ServiceFactory(category=articles)
    assert listed(client.get(url))[:2] == [newest.pk, older[-1].pk]


def test_an_unknown_category_is_not_found(client):
    assert client.get("/categories/no-such-thing/").status_code == 404


@pytest.mark.parametrize("services", [1, 50])
def test_a_category_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, writing, articles, services
):
    ServiceFactory.create_batch(services, category=articles, skills=SkillFactory.create_batch(2))
    with django_assert_max_num_queries(CATEGORY_QUERIES):
        response = client.get("/categories/writing-translation/", {"max_rate": "100"})
    assert response.context["page"].paginator.count == services


# ---------- Service page ----------


def test_the_seed_service_page_shows_everything_the_seed_page_shows(client, seed_service):
    response = client.get(seed_service.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert '<img class="banner"' in html
    assert "All Services Writing & Translation Articles & News" in text
    assert "<h1>Putin and Xi meet against backdrop?</h1>" in html
    assert "$15/hr" in text and "Starting at $25" in text
    description = re.search(
        r'<section class="service-layout__description.*?</section>', html, re.S
    ).group(0)
    assert description.count("<p>") == 13
    about = re.search(r'<aside class="service-layout__about.*?</aside>', html, re.S).group(0)
    about_text = visible_text(about)
    assert "Elena Marsh" in about_text
    assert "$15/hr Ongoing" in about_text
    assert 'alt="Photo of Elena Marsh"' in about
    assert '<a class="button button--secondary" href="/freelancers/elena-marsh/resume/"' in about
    assert "Download Resume" in about_text
    skills = re.findall(r'<a class="chip chip--link" href="([^"]+)">([^<]+)</a>', html)
    assert [name for _, name in skills] == seed.SEED_SKILLS
    assert ("/services/?skill=news-writing", "News Writing") in skills
    assert "0 Reviews" in text
    assert "This freelancer has not received any feedback." in text


def test_the_service_page_lists_the_freelancers_writing_samples(client, seed_service):
    text = text_of(client.get(seed_service.get_absolute_url()))
    samples = text.split("Writing samples")[1]
    assert "Putin and Xi meet against backdrop?" in samples
    assert "2 min read" in samples
    assert b'href="/freelancers/elena-marsh/samples/putin-and-xi-meet-against-backdrop/"' in (
        client.get(seed_service.get_absolute_url()).content
    )


def test_the_resume_link_is_absent_when_there_is_no_resume(client):
    service = ServiceFactory()
    assert b"Download Resume" not in client.get(service.get_absolute_url()).content


def test_reviews_show_count_average_distribution_newest_first(client):
    service = reviewed(ServiceFactory(), 5, 4, 5, 2)
    first = service.reviews.order_by("created_at").first()
    first.text = "The oldest review text."
    first.save()
    hidden = ReviewFactory(service=service, rating=1, text="Hidden by a moderator, rude.")
    hidden.is_hidden = True
    hidden.save()
    text = text_of(client.get(service.get_absolute_url()))
    assert "4 Reviews" in text
    assert "Rated 4 out of 5" in client.get(service.get_absolute_url()).content.decode()
    assert "4.0 out of 5" in text
    assert "5 stars 2 4 stars 1 3 stars 0 2 stars 1 1 star 0" in text
    assert text.index("A 2-star review") < text.index("The oldest review text.")
    assert "Hidden by a moderator" not in text
    assert "has not received any feedback" not in text


def test_reviews_are_paginated_ten_to_a_page(client):
    service = reviewed(ServiceFactory(), *([4] * 12))
    first = client.get(service.get_absolute_url())
    assert len(first.context["review_page"]) == 10
    assert b'href="?page=2#reviews"' in first.content
    second = client.get(service.get_absolute_url(), {"page": "2"})
    assert len(second.context["review_page"]) == 2
    assert client.get(service.get_absolute_url(), {"page": "zzz"}).status_code == 200


def test_other_published_services_of_the_freelancer_are_listed(client):
    service = ServiceFactory()
    sibling = ServiceFactory(owner=service.owner, title="My other published service")
    ServiceFactory(owner=service.owner, title="My draft service", status=ServiceStatus.DRAFT)
    text = text_of(client.get(service.get_absolute_url()))
    assert f"More services by {service.owner.display_name}" in text
    assert sibling.title in text and "My draft service" not in text


@pytest.mark.parametrize("status", [ServiceStatus.DRAFT, ServiceStatus.PAUSED])
def test_drafts_and_paused_services_are_found_only_by_their_owner(client, outsider, staff, status):
    service = ServiceFactory(status=status)
    url = service.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 404
    client.force_login(service.owner.user)
    response = client.get(url)
    assert response.status_code == 200
    assert "only you can see this page" in text_of(response)
    assert b'<meta name="robots" content="noindex">' in response.content


def test_an_old_slug_of_a_renamed_service_redirects_permanently(client):
    service = ServiceFactory(slug="new-name")
    ServiceRedirect.objects.create(old_slug="old-name", service=service)
    response = client.get("/services/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/services/new-name/"


def test_an_old_slug_of_a_draft_does_not_reveal_it(client):
    service = ServiceFactory(slug="secret-new-name", status=ServiceStatus.DRAFT)
    ServiceRedirect.objects.create(old_slug="old-name", service=service)
    assert client.get("/services/old-name/").status_code == 404
    client.force_login(service.owner.user)
    assert client.get("/services/old-name/")["Location"] == "/services/secret-new-name/"


def test_an_unknown_service_gets_the_friendly_not_found_page(client):
    response = client.get("/services/no-such-service/")
    assert response.status_code == 404
    text = text_of(response)
    assert "We could not find that page" in text
    assert "Search services instead" in text


def test_user_text_on_the_service_page_is_escaped(client):
    service = ServiceFactory(
        title="<b>Bold</b> title",
        description="<script>alert('description')</script>\n\nSecond <i>paragraph</i>",
        owner=ProfileFactory(display_name="<img src=x onerror=alert(1)>"),
    )
    html = client.get(service.get_absolute_url()).content.decode()
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; title" in html
    assert "<script>alert('description')" not in html
    assert "<p>Second &lt;i&gt;paragraph&lt;/i&gt;</p>" in html
    assert "<img src=x" not in html


def test_meta_tags_escape_user_text_exactly_once(client):
    service = ServiceFactory(title='Fish & "chips"', description='Fish & "chips"\n\ndaily.')
    html = client.get(service.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Fish &amp; &quot;chips&quot; daily.">' in html
    assert '<meta property="og:description" content="Fish &amp; &quot;chips&quot; daily.">' in html
    assert '<meta property="og:title" content="Fish &amp; &quot;chips&quot;">' in html


def test_the_service_page_has_title_description_canonical_and_open_graph(client, seed_service):
    html = client.get(seed_service.get_absolute_url()).content.decode()
    url = "http://127.0.0.1:8000/services/putin-and-xi-meet-against-backdrop/"
    assert "<title>Putin and Xi meet against backdrop? · Articles &amp; News · " in html
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Putin and Xi meet against backdrop?">' in html
    assert '<meta name="description" content="MOSCOW, Russia. (CNN) -- Russian President' in html
    assert re.search(r'<meta property="og:image" content="http://127.0.0.1:8000/media/', html)


def test_the_service_json_ld_has_an_hourly_offer_and_a_starting_price(client, seed_service):
    data = json_ld(client.get(seed_service.get_absolute_url()))
    assert data["@type"] == "Service"
    assert data["name"] == "Putin and Xi meet against backdrop?"
    assert data["provider"]["@type"] == "Person"
    assert data["provider"]["name"] == "Elena Marsh"
    hourly, starting = data["offers"]["priceSpecification"]
    assert hourly == {
        "@type": "UnitPriceSpecification",
        "price": "15.00",
        "priceCurrency": "USD",
        "unitCode": "HUR",
        "unitText": "hour",
    }
    assert starting == {"@type": "PriceSpecification", "minPrice": "25.00", "priceCurrency": "USD"}
    assert "aggregateRating" not in data and "review" not in data


def test_the_service_json_ld_rates_and_quotes_reviews_when_there_are_some(client):
    service = reviewed(ServiceFactory(), 5, 4)
    data = json_ld(client.get(service.get_absolute_url()))
    assert data["aggregateRating"]["ratingValue"] == "4.50"
    assert data["aggregateRating"]["reviewCount"] == 2
    assert [review["reviewRating"]["ratingValue"] for review in data["review"]] == [4, 5]


def test_user_text_cannot_break_out_of_the_json_ld_block(client):
    title = "</script><script>alert(1)</script> & <!--"
    service = ServiceFactory(title=title, description="</SCRIPT><script>alert(2)</script>")
    response = client.get(service.get_absolute_url())
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    ).group(1)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == title


def test_a_second_view_reads_only_the_service_and_its_neighbours_until_something_changes(client):
    service = reviewed(ServiceFactory(skills=[SkillFactory(name="Copy Editing")]), 5, 4)
    WritingSampleFactory(profile=service.owner, title="On comets").services.add(service)
    first = client.get(service.get_absolute_url())
    with CaptureQueriesContext(connection) as second_view:
        second = client.get(service.get_absolute_url())
    assert len(second_view) == SERVICE_QUERIES_CACHED
    assert json_ld(second) == json_ld(first) and text_of(second) == text_of(first)
    assert text_of(second).count("star review, in words.") == 2
    assert "Copy Editing" in text_of(second) and "On comets" in text_of(second)
    reviewed(service, 3)
    third = client.get(service.get_absolute_url())
    assert json_ld(third)["aggregateRating"]["reviewCount"] == 3
    assert "A 3-star review, in words." in text_of(third)
    create_writing_sample(profile=service.owner, title="On tides", body="The moon pulls.")
    assert "On tides" in text_of(client.get(service.get_absolute_url()))


@pytest.mark.parametrize("items", [1, 50])
def test_the_service_page_runs_a_constant_number_of_queries(
    client, django_assert_max_num_queries, items
):
    service = ServiceFactory(skills=SkillFactory.create_batch(items))
    owner = service.owner
    for sample in WritingSampleFactory.create_batch(items, profile=owner):
        sample.services.add(service)
    ServiceFactory.create_batch(items, owner=owner)
    reviewed(service, *([5] * items))
    with django_assert_max_num_queries(SERVICE_QUERIES):
        response = client.get(service.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["review_page"]) == min(items, 10)


# ---------- Site-wide ----------


def test_the_footer_links_to_the_about_ratings_page(client):
    assert reverse("reviews:about_ratings") in client.get(reverse("services:home")).content.decode()


def test_the_service_kept_for_signed_out_visitors_follows_its_workflows(client):
    service = ServiceFactory(title="I will write a news article", status=ServiceStatus.DRAFT)
    url = service.get_absolute_url()
    owner = service.owner
    assert client.get(url).status_code == 404
    owners = Client()
    owners.force_login(owner.user)
    assert owners.get(url).status_code == 200  # the owner sees the draft
    publish_service(service=service)
    assert "I will write a news article" in text_of(client.get(url))
    with CaptureQueriesContext(connection) as kept:
        client.get(url)
    assert not any('"services_service"."description"' in q["sql"] for q in kept)

    update_profile(
        profile=owner,
        **{field: getattr(owner, field) for field in ProfileForm.Meta.fields}
        | {"display_name": "Elena Marsh-Okafor"},
        skill_names=[],
    )
    assert "Elena Marsh-Okafor" in text_of(client.get(url))
    pause_service(service=service)
    assert client.get(url).status_code == 404
