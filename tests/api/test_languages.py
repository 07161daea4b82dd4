"""Languages, language pairs and per-word rates through the API."""

import pytest

from profiles.languages import add_language, add_language_pair
from profiles.models import LanguagePair, ProfileLanguage
from tests.support.api import error_of

pytestmark = pytest.mark.django_db
SERVICES = "/api/v1/services/"


@pytest.fixture
def elena_translates(profile):
    add_language(profile=profile, language="en", level="native")
    return add_language_pair(profile=profile, source="de", target="en", subjects=["legal"])


def test_the_languages_are_listed_with_codes_and_names(api):
    languages = api.get("/api/v1/languages/").json()
    assert {"code": "de", "name": "German"} in languages


def test_a_profile_shows_languages_and_pairs(api, profile, elena_translates):
    data = api.get(f"/api/v1/profiles/{profile.slug}/").json()
    assert data["languages"] == [{"language": "en", "name": "English", "level": "native"}]
    assert data["language_pairs"] == [
        {
            "id": elena_translates.pk,
            "source": "de",
            "target": "en",
            "label": "DE → EN",
            "subjects": ["legal"],
        }
    ]


def test_a_freelancer_adds_and_removes_languages_and_pairs(as_user, freelancer):
    api = as_user(freelancer)
    response = api.post("/api/v1/me/languages/", {"language": "fr", "level": "c1"}, format="json")
    assert response.status_code == 201
    assert response.json() == {"language": "fr", "name": "French", "level": "c1"}
    response = api.post(
        "/api/v1/me/language-pairs/",
        {"source": "fr", "target": "en", "subjects": ["literary"]},
        format="json",
    )
    assert response.status_code == 201
    pair_id = response.json()["id"]
    assert api.get("/api/v1/me/language-pairs/").json()[0]["label"] == "FR → EN"
    assert api.delete(f"/api/v1/me/language-pairs/{pair_id}/").status_code == 204
    assert api.delete("/api/v1/me/languages/fr/").status_code == 204
    assert not ProfileLanguage.objects.exists() and not LanguagePair.objects.exists()


def test_a_pair_of_one_language_or_an_unknown_code_is_a_400(as_user, freelancer):
    api = as_user(freelancer)
    response = api.post(
        "/api/v1/me/language-pairs/", {"source": "de", "target": "de"}, format="json"
    )
    assert response.status_code == 400
    assert "two different languages" in str(error_of(response))
    response = api.post("/api/v1/me/languages/", {"language": "xx", "level": "c1"}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["anonymous", "client", "outsider", "staff"])
def test_only_the_freelancer_changes_their_languages(as_user, cast, elena_translates, who):
    api = as_user(cast[who])
    expected = 401 if who == "anonymous" else 404
    spoken = ProfileLanguage.objects.get()
    assert (
        api.post("/api/v1/me/languages/", {"language": "fr", "level": "c1"}, format="json")
    ).status_code == expected
    assert api.delete("/api/v1/me/languages/en/").status_code == expected
    assert api.delete(f"/api/v1/me/language-pairs/{elena_translates.pk}/").status_code == expected
    assert ProfileLanguage.objects.filter(pk=spoken.pk).exists()
    assert LanguagePair.objects.filter(pk=elena_translates.pk).exists()


def test_a_service_takes_a_per_word_rate_and_its_freelancers_pairs(
    as_user, freelancer, service, elena_translates
):
    api = as_user(freelancer)
    response = api.patch(
        f"{SERVICES}{service.slug}/",
        {
            "per_word_rate": "0.085",
            "minimum_charge": "25",
            "words_per_day": 2500,
            "language_pairs": ["de:en"],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["per_word_rate"] == "0.085"
    assert data["per_word_rate_display"] == "$0.085/word"
    assert data["minimum_charge_display"] == "$25"
    assert data["language_pairs"] == [{"source": "de", "target": "en", "label": "DE → EN"}]
    # A PATCH of something else keeps the pairs.
    api.patch(f"{SERVICES}{service.slug}/", {"title": "I translate law"}, format="json")
    assert api.get(f"{SERVICES}i-translate-law/").json()["language_pairs"][0]["source"] == "de"


def test_a_service_refuses_a_pair_its_freelancer_does_not_list(as_user, freelancer, service):
    # Well-formed, it names no pair of the profile: a 404 naming the field, as any reference
    # to something the caller may not use; ill-formed, a 400.
    api = as_user(freelancer)
    response = api.patch(f"{SERVICES}{service.slug}/", {"language_pairs": ["fr:en"]}, format="json")
    assert response.status_code == 404
    assert error_of(response)["errors"] == {
        "language_pairs": ["Your profile has no language pair fr:en."]
    }
    ill_formed = {"language_pairs": ["french"]}
    assert api.patch(f"{SERVICES}{service.slug}/", ill_formed, format="json").status_code == 400


def test_the_list_filters_by_language_and_rate_and_counts_pairs(
    api, as_user, freelancer, service, elena_translates
):
    as_user(freelancer).patch(
        f"{SERVICES}{service.slug}/",
        {"per_word_rate": "0.08", "language_pairs": ["de:en"]},
        format="json",
    )
    api.credentials()
    found = api.get(SERVICES, {"source": "de", "target": "en", "max_word_rate": "0.1"}).json()
    assert [item["slug"] for item in found["results"]] == [service.slug]
    assert found["facets"]["language_pairs"] == [
        {"source": "de", "target": "en", "label": "DE → EN", "count": 1}
    ]
    assert api.get(SERVICES, {"native": "de"}).json()["results"] == []
    assert api.get(SERVICES, {"native": "en"}).json()["count"] == 1
    assert api.get(SERVICES, {"source": "xx"}).status_code == 400
