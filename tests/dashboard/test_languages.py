"""The dashboard's languages page: adding and removing languages and pairs, and who may."""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.languages import MAX_LANGUAGES, add_language, add_language_pair
from profiles.models import LanguagePair, ProfileLanguage
from tests.dashboard.state import database_state


@pytest.fixture
def spoken(owner):
    return add_language(profile=owner, language="de", level="native")


@pytest.fixture
def pair(owner):
    return add_language_pair(profile=owner, source="de", target="en", subjects=["legal"])


def test_it_lists_languages_and_pairs_with_a_picker(client, owner, spoken, pair):
    client.force_login(owner.user)
    response = client.get(reverse("dashboard:languages"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "German" in page and "Native" in page
    assert "DE → EN" in page and "Legal" in page
    assert "<datalist" in page


def test_it_adds_a_language_by_its_name(client, owner):
    client.force_login(owner.user)
    response = client.post(
        reverse("dashboard:language_add"), {"language": "Portuguese", "level": "c1"}
    )
    assert response.status_code == 302
    assert owner.languages.get().language == "pt"


def test_a_language_listed_again_takes_the_new_level(client, owner, spoken):
    client.force_login(owner.user)
    client.post(reverse("dashboard:language_add"), {"language": "de", "level": "b2"})
    assert list(owner.languages.values_list("language", "level")) == [("de", "b2")]


def test_it_keeps_the_input_and_says_what_is_wrong(client, owner):
    client.force_login(owner.user)
    response = client.post(reverse("dashboard:language_add"), {"language": "Elvish", "level": "c1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a language from the list" in page
    assert 'value="Elvish"' in page
    assert not owner.languages.exists()


def test_it_refuses_a_pair_of_one_language(client, owner):
    client.force_login(owner.user)
    response = client.post(reverse("dashboard:pair_add"), {"source": "German", "target": "de"})
    assert response.status_code == 400
    assert "two different languages" in response.content.decode()
    assert not owner.language_pairs.exists()


def test_it_adds_a_pair_with_subjects(client, owner):
    client.force_login(owner.user)
    response = client.post(
        reverse("dashboard:pair_add"),
        {"source": "French", "target": "English", "subjects": ["medical", "legal"]},
    )
    assert response.status_code == 302
    pair = owner.language_pairs.get()
    assert (pair.source, pair.target, pair.subjects) == ("fr", "en", ["medical", "legal"])


def test_it_refuses_more_languages_than_the_limit(client, owner):
    for code in ["en", "fr", "es", "it", "pt", "nl", "sv", "da", "fi", "pl"] + [
        "cs",
        "sk",
        "hu",
        "ro",
        "bg",
        "el",
        "tr",
        "ru",
        "uk",
        "ja",
    ][: MAX_LANGUAGES - 10]:
        add_language(profile=owner, language=code, level="b1")
    client.force_login(owner.user)
    response = client.post(reverse("dashboard:language_add"), {"language": "de", "level": "c1"})
    assert response.status_code == 400
    assert f"at most {MAX_LANGUAGES} languages" in response.content.decode()


# The access matrix: anonymous, another freelancer, a client, staff, the owner.


def _mutations(spoken, pair):
    return [
        (reverse("dashboard:language_add"), {"language": "fr", "level": "a1"}),
        (reverse("dashboard:language_remove", args=[spoken.language]), {}),
        (reverse("dashboard:pair_add"), {"source": "fr", "target": "en"}),
        (reverse("dashboard:pair_remove", args=[pair.pk]), {}),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, spoken, pair):
    before = database_state()
    for url, data in _mutations(spoken, pair):
        response = client.post(url, data)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert database_state() == before


def test_another_freelancer_cannot_remove_the_owners_languages(client, outsider, spoken, pair):
    client.force_login(outsider.user)
    assert client.post(reverse("dashboard:pair_remove", args=[pair.pk])).status_code == 404
    # Removing "German" removes the outsider's own German, of which there is none.
    assert client.post(reverse("dashboard:language_remove", args=["de"])).status_code == 404
    assert ProfileLanguage.objects.filter(pk=spoken.pk).exists()
    assert LanguagePair.objects.filter(pk=pair.pk).exists()


def test_clients_and_staff_without_a_profile_are_sent_to_the_dashboard(
    client, hirer, staff, spoken, pair
):
    for user in (hirer, staff):
        client.force_login(user)
        before = database_state()
        for url, data in _mutations(spoken, pair):
            response = client.post(url, data)
            assert response.status_code == 302
            assert response["Location"] == reverse("dashboard:home")
        assert database_state() == before


def test_the_owner_removes_a_language_and_a_pair(client, owner, spoken, pair):
    client.force_login(owner.user)
    assert client.post(reverse("dashboard:language_remove", args=["de"])).status_code == 302
    assert client.post(reverse("dashboard:pair_remove", args=[pair.pk])).status_code == 302
    assert not owner.languages.exists() and not owner.language_pairs.exists()


def test_removing_takes_a_post(client, owner, spoken, pair):
    client.force_login(owner.user)
    assert client.get(reverse("dashboard:pair_remove", args=[pair.pk])).status_code == 405


def test_changes_need_the_csrf_token(owner, spoken):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner.user)
    response = strict.post(reverse("dashboard:language_remove", args=["de"]))
    assert response.status_code == 403
    assert owner.languages.exists()


@pytest.mark.parametrize("many", [1, 20])
def test_the_languages_page_runs_a_constant_number_of_queries(
    client, owner, django_assert_max_num_queries, many
):
    codes = ["de", "fr", "es", "it", "pt", "nl", "sv", "da", "fi", "pl"] * 2
    for index in range(many):
        add_language(profile=owner, language=codes[index % 10], level="c1")
        add_language_pair(
            profile=owner, source=codes[index % 10], target=codes[(index + 1) % 10], subjects=[]
        )
    client.force_login(owner.user)
    # session, user, profile, languages, pairs (and a savepoint or two around the session)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("dashboard:languages")).status_code == 200
