"""A saved search keeps the language filters, names them for people, and its alert finds what
the search page finds."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from saved_searches.queries import SERVICES, describe, normalised_query


def test_language_filters_are_saved_and_described_by_name(db):
    query = normalised_query(
        SERVICES, QueryDict("source=de&target=en&native=en&max_word_rate=0.1&page=3")
    )
    assert query == {
        "source": ["de"],
        "target": ["en"],
        "native": ["en"],
        "max_word_rate": [str(Decimal("0.1"))],
    }
    described = dict(describe(SERVICES, query))
    assert described["Translating from"] == "German"
    assert described["Native speaker of"] == "English"
    assert described["Per-word rate to"] == "$0.10/word"


def test_an_unknown_language_is_refused_with_the_pages_message(db):
    with pytest.raises(ValidationError) as refused:
        normalised_query(SERVICES, QueryDict("source=xx"))
    assert "source" in refused.value.message_dict
