"""Hostile documents are refused quickly with a message and a code, never read in full."""

import time

import pytest

from tests.engagements import hostile
from tests.engagements.test_word_counts import CORPUS
from uploads.documents import DocumentRefused, check_document, read_text
from uploads.limits import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_PAGES


def refusal(name: str, content: bytes) -> DocumentRefused:
    started = time.monotonic()
    with pytest.raises(DocumentRefused) as refused:
        read_text(check_document(name, content))
    # Quickly: a refusal never reads the whole of what the file claims to hold.
    assert time.monotonic() - started < 5
    return refused.value


def test_an_empty_file_is_refused():
    assert refusal("empty.docx", b"").code == "empty"


def test_a_file_too_large_is_refused_with_413():
    refused = refusal("big.txt", b"a " * (MAX_DOCUMENT_BYTES // 2 + 1))
    assert (refused.code, refused.status_code) == ("too_large", 413)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"PK\x03\x04 not a pdf at all"),
        ("letter.docx", b"%PDF-1.4\n%%EOF"),
        ("notes.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
        ("notes.md", (CORPUS / "fr_article.pdf").read_bytes()),
        ("brochure.odt", (CORPUS / "en_services_agreement.docx").read_bytes()),
    ],
)
def test_a_file_that_lies_about_its_type_is_refused(name, content):
    assert refusal(name, content).code == "wrong_type"


def test_an_unsupported_name_is_refused():
    assert refusal("program.exe", b"MZ").code == "unsupported_type"


def test_a_zip_bomb_inside_a_docx_is_refused_before_unpacking():
    assert refusal("contract.docx", hostile.zip_bomb_docx()).code == "archive_bomb"


def test_xml_entity_expansion_is_refused():
    assert refusal("contract.docx", hostile.billion_laughs_docx()).code == "xml_entities"


def test_a_pdf_with_thousands_of_pages_is_refused():
    refused = refusal("book.pdf", hostile.many_pages_pdf(MAX_DOCUMENT_PAGES + 500))
    assert refused.code == "too_many_pages"


def test_a_pdf_with_a_password_is_refused():
    assert refusal("secret.pdf", hostile.encrypted_pdf()).code == "encrypted"


def test_a_damaged_docx_is_refused():
    content = (CORPUS / "en_services_agreement.docx").read_bytes()
    assert refusal("cut.docx", content[: len(content) // 2]).code in {"wrong_type", "damaged"}
    truncated_pdf = (CORPUS / "fr_article.pdf").read_bytes()[:600]
    assert refusal("cut.pdf", truncated_pdf).code == "damaged"
