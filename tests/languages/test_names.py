from django.utils import translation

from languages.forms import LanguageField
from languages.names import code_for, language_choices, language_name, pair_label


def test_it_names_a_language_in_the_pages_language():
    assert language_name("de") == "German"
    with translation.override("de"):
        assert language_name("de") == "Deutsch"


def test_it_reads_a_code_or_a_name_in_any_case():
    assert code_for("de") == "de"
    assert code_for(" german ") == "de"
    assert code_for("Japanese") == "ja"
    assert code_for("Klingonese") is None


def test_it_lists_the_languages_by_name():
    names = [name for _, name in language_choices()]
    assert names == sorted(names, key=str.casefold)
    assert ("en", "English") in language_choices()


def test_a_pair_reads_as_codes_with_an_arrow():
    assert pair_label("de", "en") == "DE → EN"


def test_the_picker_cleans_a_name_to_its_code_and_refuses_the_unknown():
    field = LanguageField()
    assert field.clean("German") == "de"
    try:
        field.clean("Elvish")
    except Exception as error:
        assert "Choose a language" in str(error)
    else:
        raise AssertionError("an unknown language was accepted")


def test_the_picker_offers_every_name_without_javascript():
    html = LanguageField().widget.render("language", "de", {"id": "id_language"})
    assert 'list="id_language-languages"' in html
    assert 'value="German"' in html  # the stored code shows as its name
    assert html.count("<option") == len(language_choices())
