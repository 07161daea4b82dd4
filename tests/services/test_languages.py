"""Translation services: per-word rates, language pairs, the language filters and facets."""

import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from profiles.languages import (
    add_language,
    add_language_pair,
    native_languages_text,
    remove_language,
)
from profiles.structured_data import profile_data
from reviews.drift import find_drift
from reviews.reputation import refresh_for_reviews
from services.editing import create_service, edit_service
from services.filters import ServiceFilter, facet_counts
from services.models import CategoryLanguageCount, Service, ServiceLanguagePair
from services.publishing import pause_service, publish_service
from services.structured_data import service_data
from tests.factories import (
    LeafCategoryFactory,
    ProfileFactory,
    ReviewFactory,
    ServiceFactory,
)


def _edit(service: Service, **changes) -> Service:
    details = {
        "title": service.title,
        "category": service.category,
        "description": service.description,
        "hourly_rate": service.hourly_rate,
        "starting_price": service.starting_price,
        "currency": service.currency,
        "engagement": service.engagement,
        "skill_names": [],
        "per_word_rate": service.per_word_rate,
        "minimum_charge": service.minimum_charge,
        "words_per_day": service.words_per_day,
    }
    return edit_service(service=service, **{**details, **changes})


def translator(name: str, pairs: list[str], *, native: str = "", rate: str = "0.08", category=None):
    profile = ProfileFactory(display_name=name, user__username=name.lower())
    for key in pairs:
        source, target = key.split(":")
        add_language_pair(profile=profile, source=source, target=target, subjects=[])
    if native:
        add_language(profile=profile, language=native, level="native")
    service = ServiceFactory(
        owner=profile, title=f"{name} translates", **({"category": category} if category else {})
    )
    return _edit(service, per_word_rate=Decimal(rate), language_pairs=pairs)


@pytest.fixture
def translation(db):
    return LeafCategoryFactory(name="Translation", slug="translation")


@pytest.fixture
def catalogue(translation):
    return {
        "anna": translator(
            "Anna", ["de:en", "de:fr"], native="de", rate="0.10", category=translation
        ),
        "bruno": translator("Bruno", ["fr:en"], native="fr", rate="0.06", category=translation),
        "chen": translator("Chen", ["zh:en", "en:zh"], native="zh", rate="0.12"),
    }


def _found(params: dict) -> set[str]:
    filterset = ServiceFilter(params, queryset=Service.objects.published())
    assert filterset.is_valid(), filterset.errors
    return {service.owner.display_name for service in filterset.qs}


def test_the_seed_like_service_shows_what_it_showed(client, service):
    page = client.get(service.get_absolute_url()).content.decode()
    assert "/word" not in page and "Language pairs" not in page


def test_a_service_shows_its_per_word_rate_and_pairs(client, catalogue):
    anna = catalogue["anna"]
    page = client.get(anna.get_absolute_url()).content.decode()
    assert "$0.10/word" in page
    assert "German → English" in page and "German → French" in page
    listing = client.get(reverse("services:list")).content.decode()
    assert "DE → EN" in listing and "$0.12/word" in listing


def test_it_filters_by_source_target_pair_and_native_language(catalogue):
    assert _found({"source": "de"}) == {"Anna"}
    assert _found({"target": "en"}) == {"Anna", "Bruno", "Chen"}
    assert _found({"source": "fr", "target": "en"}) == {"Bruno"}
    assert _found({"source": "de", "target": "zh"}) == set()
    assert _found({"native": "zh"}) == {"Chen"}
    assert _found({"native": "zh", "source": "de"}) == set()


def _copies_match_the_owners_languages() -> bool:
    return all(
        service.owner_native_languages == native_languages_text(service.owner)
        for service in Service.objects.select_related("owner")
    )


def test_the_native_language_filter_follows_every_change_of_the_owners_languages(catalogue):
    # Services keep a copy of their owner's native languages; each workflow keeps it current.
    bruno = catalogue["bruno"].owner
    second = create_service(
        owner=bruno,
        title="Bruno proofreads",
        category=catalogue["bruno"].category,
        description="French proofreading.",
        hourly_rate=None,
        starting_price=Decimal("30"),
        currency="USD",
        engagement="one_off",
        skill_names=[],
    )
    publish_service(service=second)
    assert _found({"native": "fr"}) == {"Bruno"}
    assert len(ServiceFilter({"native": "fr"}, queryset=Service.objects.published()).qs) == 2
    add_language(profile=bruno, language="it", level="native")
    assert _found({"native": "it"}) == {"Bruno"}
    assert _found({"native": "fr"}) == {"Bruno"}
    # Native no more: a CEFR level is not "native speaker of".
    add_language(profile=bruno, language="fr", level="c2")
    assert _found({"native": "fr"}) == set()
    remove_language(profile=bruno, language="it")
    assert _found({"native": "it"}) == set()
    # Each code matches whole: German speakers are not found by a code inside another's.
    assert _found({"native": "de"}) == {"Anna"}
    assert _copies_match_the_owners_languages()


def test_the_migration_copies_each_owners_native_languages_to_their_services(catalogue):
    add_language(profile=catalogue["chen"].owner, language="en", level="native")
    Service.objects.update(owner_native_languages="")
    migration = importlib.import_module("services.migrations.0015_owner_native_languages")
    migration.copy_native_languages(django_apps, None)
    assert Service.objects.get(pk=catalogue["chen"].pk).owner_native_languages == " en zh "
    assert _copies_match_the_owners_languages()


def test_it_filters_by_per_word_rate_in_one_currency(catalogue):
    assert _found({"min_word_rate": "0.07", "max_word_rate": "0.11"}) == {"Anna"}
    assert _found({"max_word_rate": "0.11", "currency": "EUR"}) == set()


def test_an_unknown_language_is_a_field_error_the_page_shows(client, catalogue):
    response = client.get(reverse("services:list"), {"source": "xx"})
    assert response.status_code == 200
    assert "This filter was ignored" in response.content.decode()


def test_the_stored_language_counts_follow_the_workflows(catalogue, translation):
    stored = {
        (row.source, row.target): row.published_service_count
        for row in CategoryLanguageCount.objects.filter(category=translation)
    }
    assert stored == {
        ("de", "en"): 1,
        ("de", "fr"): 1,
        ("fr", "en"): 1,
        ("de", ""): 1,  # Anna counts once for "from German", with two pairs from it
        ("fr", ""): 1,
        ("", "en"): 2,
        ("", "fr"): 1,
    }
    pause_service(service=catalogue["anna"])
    assert set(
        CategoryLanguageCount.objects.filter(category=translation).values_list("source", "target")
    ) == {("fr", "en"), ("fr", ""), ("", "en")}


def test_the_facets_of_an_unfiltered_list_and_a_filtered_one_agree(catalogue):
    unfiltered = facet_counts(ServiceFilter({}, queryset=Service.objects.published()))
    assert ("de", "en", 1) in unfiltered.pairs
    assert dict(unfiltered.targets)["en"] == 3
    filtered = facet_counts(
        ServiceFilter({"min_word_rate": "0.01"}, queryset=Service.objects.published())
    )
    assert sorted(filtered.pairs) == sorted(unfiltered.pairs)
    assert filtered.sources == unfiltered.sources


def test_editing_the_pairs_recounts_and_a_pair_must_be_the_freelancers(client, catalogue):
    bruno = catalogue["bruno"]
    client.force_login(bruno.owner.user)
    url = reverse("dashboard:service_edit", args=[bruno.slug])
    data = {
        "title": bruno.title,
        "category": bruno.category_id,
        "description": bruno.description,
        "hourly_rate": "20",
        "currency": "USD",
        "engagement": "ongoing",
        "per_word_rate": "0.07",
        "language_pairs": ["de:en"],  # not one of Bruno's pairs
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {**data, "language_pairs": []})
    assert response.status_code == 302
    bruno.refresh_from_db()
    assert bruno.pairs == [] and bruno.per_word_rate == Decimal("0.070")
    assert not CategoryLanguageCount.objects.filter(source="fr").exists()


def test_the_recount_command_finds_no_drift(catalogue, capsys):
    call_command("recount_categories", "--check")
    assert "No drift" in capsys.readouterr().out


def test_json_ld_carries_languages_per_word_prices_and_pairs(client, catalogue):
    anna = catalogue["anna"]
    person = profile_data(anna.owner, skills=[], services=[], languages=anna.owner.languages.all())[
        "mainEntity"
    ]
    assert person["knowsLanguage"] == [
        {"@type": "Language", "name": "German", "alternateName": "de"}
    ]
    data = service_data(anna)
    assert {
        "@type": "UnitPriceSpecification",
        "price": Decimal("0.100"),
        "priceCurrency": "USD",
        "unitText": "word",
    } in data["offers"]["priceSpecification"]
    assert data["serviceOutput"] == ["Translation DE → EN", "Translation DE → FR"]
    page = client.get(anna.owner.get_absolute_url()).content.decode()
    assert '"knowsLanguage"' in page and "Translates" in page


def _listed_for_pair(client, source: str, target: str) -> tuple[list[str], list[str]]:
    """The owners of a pair's services in the order the search page and the API list them."""
    page = client.get(reverse("services:list"), {"source": source, "target": target})
    cards = re.findall(r'class="service-card__title"><a [^>]*>(\w+) translates<', page.text)
    api = client.get("/api/v1/services/", {"source": source, "target": target}).json()
    return cards, [service["title"].split()[0] for service in api["results"]]


def _reviewed(service: Service, *ratings: int) -> None:
    """Published reviews, with the reputation refresh that publishing one runs."""
    refresh_for_reviews([ReviewFactory(service=service, rating=rating) for rating in ratings])


def test_a_pairs_services_are_listed_best_rated_first_as_reviews_come_in(client, catalogue):
    # The pair's rows carry copies of the services' count and score, which its index sorts
    # by: every review has to move them with the services'.
    anna = catalogue["anna"]
    dora = translator("Dora", ["de:en", "de:fr"], native="de")
    # Unreviewed, both at the prior score: the newer first, as in any best-rated list.
    assert _listed_for_pair(client, "de", "en") == (["Dora", "Anna"], ["Dora", "Anna"])
    _reviewed(anna, 5)
    assert _listed_for_pair(client, "de", "en") == (["Anna", "Dora"], ["Anna", "Dora"])
    _reviewed(dora, 5, 5)
    assert _listed_for_pair(client, "de", "en") == (["Dora", "Anna"], ["Dora", "Anna"])
    assert _listed_for_pair(client, "de", "fr") == (["Dora", "Anna"], ["Dora", "Anna"])
    # A pair added after the reviews starts from the service's score, not the prior.
    add_language_pair(profile=anna.owner, source="de", target="es", subjects=[])
    _edit(Service.objects.get(pk=anna.pk), language_pairs=["de:en", "de:fr", "de:es"])
    added = ServiceLanguagePair.objects.get(service=anna, target="es")
    anna.refresh_from_db()
    assert (added.review_count, added.rating_score) == (1, anna.rating_score)
    assert find_drift() == []


def test_a_pair_copy_changed_behind_the_workflows_back_is_drift_and_fixed(catalogue, capsys):
    ServiceLanguagePair.objects.filter(source="fr").update(review_count=7)
    with pytest.raises(CommandError):
        call_command("recompute_reputation", "--check")
    assert "fr:en pair's review_count 7 -> 0" in capsys.readouterr().out
    call_command("recompute_reputation")
    assert find_drift() == []
