"""The demo's translators and writers: pairs with subjects across eight languages or more,
per-word rates, and generated translation services with pairs and counts that match."""

from django.core.management import call_command

from profiles.models import LanguagePair, ProfileLanguage
from services.models import CategoryLanguageCount, Service


def test_the_demo_has_translators_in_eight_languages_and_per_word_rates(db, capsys):
    call_command("load_demo", generate=60, seed=3, verbosity=0)
    pairs = LanguagePair.objects.exclude(subjects=[])
    languages = set(pairs.values_list("source", flat=True)) | set(
        pairs.values_list("target", flat=True)
    )
    assert len(languages) >= 8
    assert ProfileLanguage.objects.filter(level="native").count() >= 44
    priced = Service.objects.filter(per_word_rate__isnull=False)
    assert priced.exclude(category__name="Translation").exists()  # writers too
    ines = Service.objects.get(
        slug="french-to-english-translation-of-business-and-financial-documents"
    )
    assert [pair.key for pair in ines.pairs] == ["fr:en"]
    # The stored counts match the services (as `recount_categories --check` says).
    call_command("recount_categories", "--check")
    assert "No drift" in capsys.readouterr().out
    assert CategoryLanguageCount.objects.filter(source="fr", target="en").exists()
