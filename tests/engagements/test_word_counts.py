"""Word counts of real-looking documents in nine languages and six formats agree with a word
processor's within 1 %: LibreOffice Writer's counts of the very files, measured by
corpus/measure_with_libreoffice.py and kept in corpus/texts.toml, so that the tests need no
LibreOffice.

LibreOffice counts each punctuation mark of Chinese and Japanese ("。", "、", "「」") as a word,
where translators, and our rule (languages.counting), count none: for those documents ours and
the marks together are compared with LibreOffice's count, and the marks are the whole of the
difference. (Its character counts would not do instead: these documents hold words in Latin
letters too, "support@example.com" being one word and 19 characters.)"""

import hashlib
import tomllib
from pathlib import Path

import pytest

from languages.counting import CJK_CHARACTER, CJK_PUNCTUATION, count_words
from uploads.documents import check_document, read_text

CORPUS = Path(__file__).resolve().parent / "corpus"
TEXTS = tomllib.loads((CORPUS / "texts.toml").read_text(encoding="utf-8"))
DOCUMENTS = TEXTS["document"]
IDS = [item["file"] for item in DOCUMENTS]


def counted(item) -> tuple[str, int]:
    document = check_document(item["file"], (CORPUS / item["file"]).read_bytes())
    text = read_text(document)
    return text, count_words(text)


@pytest.mark.parametrize("item", DOCUMENTS, ids=IDS)
def test_a_documents_count_agrees_with_libreoffices_within_one_percent(item):
    text, words = counted(item)
    # LibreOffice's extra words in Chinese and Japanese: their punctuation marks (0 elsewhere).
    marks = len(CJK_PUNCTUATION.findall(text))
    measured = item["word_processor_words"]
    assert abs(words + marks - measured) <= measured / 100, (words, marks, measured)


def test_chinese_and_japanese_documents_are_counted_by_character():
    for item in DOCUMENTS:
        text, words = counted(item)
        if item["file"].startswith(("zh_", "ja_")):
            assert len(CJK_CHARACTER.findall(text)) > words / 2, item["file"]


@pytest.mark.parametrize("item", DOCUMENTS, ids=IDS)
def test_the_counts_were_measured_on_the_files_in_the_corpus(item):
    # A document written again by make_corpus.py must be measured again.
    assert (
        hashlib.sha256((CORPUS / item["file"]).read_bytes()).hexdigest()
        == (item["measured_sha256"])
    ), "run tests/engagements/corpus/measure_with_libreoffice.py"
    assert TEXTS["word_processor"].startswith("LibreOffice ")


def test_the_rule_gives_each_texts_hand_checked_count():
    assert [count_words(item["text"]) for item in DOCUMENTS] == [
        item["words"] for item in DOCUMENTS
    ]


def test_the_corpus_covers_eight_languages_and_every_format():
    languages = {item["file"].split("_")[0] for item in DOCUMENTS}
    formats = {Path(item["file"]).suffix for item in DOCUMENTS}
    assert len(languages) >= 8
    assert {"zh", "ja"} <= languages
    assert formats == {".docx", ".odt", ".pdf", ".rtf", ".txt", ".md"}
