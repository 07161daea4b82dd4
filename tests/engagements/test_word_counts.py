"""Word counts of real-looking documents in nine languages and six formats agree with the
counts of their texts (tests/engagements/corpus/texts.toml) within 1 %."""

import tomllib
from pathlib import Path

import pytest

from languages.counting import count_words
from uploads.documents import check_document, read_text

CORPUS = Path(__file__).resolve().parent / "corpus"
DOCUMENTS = tomllib.loads((CORPUS / "texts.toml").read_text())["document"]


@pytest.mark.parametrize("item", DOCUMENTS, ids=[item["file"] for item in DOCUMENTS])
def test_a_documents_count_agrees_with_its_text_within_one_percent(item):
    document = check_document(item["file"], (CORPUS / item["file"]).read_bytes())
    counted = count_words(read_text(document))
    assert abs(counted - item["words"]) <= item["words"] / 100, counted


def test_the_rule_gives_the_texts_own_counts():
    assert [count_words(item["text"]) for item in DOCUMENTS] == [
        item["words"] for item in DOCUMENTS
    ]


def test_the_corpus_covers_eight_languages_and_every_format():
    languages = {item["file"].split("_")[0] for item in DOCUMENTS}
    formats = {Path(item["file"]).suffix for item in DOCUMENTS}
    assert len(languages) >= 8
    assert formats == {".docx", ".odt", ".pdf", ".rtf", ".txt", ".md"}
