"""Languages and pairs as the API shows them: ISO 639 codes with names in the request's
language."""

from rest_framework import serializers

from languages.codes import language_codes
from languages.levels import Level
from languages.names import language_name, pair_label
from languages.subjects import Subject

# Every code a write or a filter takes, in order: one enum in the schema (ENUM_NAME_OVERRIDES).
LANGUAGE_CODES = sorted(language_codes())


class LanguageSerializer(serializers.Serializer):
    """A language: `{"code": "de", "name": "German"}`."""

    code = serializers.CharField(help_text="ISO 639-1 code.")
    name = serializers.CharField(help_text="The language's name (CLDR), in the site's language.")

    def to_representation(self, code: str) -> dict:
        return {"code": code, "name": language_name(code)}


class SpokenLanguageSerializer(serializers.Serializer):
    """A language someone speaks and how well (from a row with `language` and `level`)."""

    language = serializers.CharField(help_text="ISO 639-1 code.")
    name = serializers.SerializerMethodField(help_text="The language's name.")
    level = serializers.ChoiceField(choices=Level.choices, help_text="`native`, or CEFR a1–c2.")

    def get_name(self, spoken) -> str:
        return language_name(spoken.language)


class PairSerializer(serializers.Serializer):
    """A language pair (from a row with `source` and `target`)."""

    source = serializers.CharField(help_text="ISO 639-1 code of the language translated from.")
    target = serializers.CharField(help_text="ISO 639-1 code of the language translated into.")
    label = serializers.SerializerMethodField(help_text="As cards show it: “DE → EN”.")

    def get_label(self, pair) -> str:
        return pair_label(pair.source, pair.target)


class PairWithSubjectsSerializer(PairSerializer):
    id = serializers.IntegerField(read_only=True)
    subjects = serializers.ListField(
        child=serializers.ChoiceField(choices=Subject.choices), help_text="Subject areas."
    )
