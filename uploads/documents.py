"""The text of a client's document (.docx, .odt, .pdf, .rtf, .txt, .md), read defensively.

A document comes from anyone, signed in or not, so every way a file can hurt is refused
with a DocumentRefused (a message for people and a code) before it costs much:

- an empty file, or one larger than MAX_DOCUMENT_BYTES;
- a file whose content is not what its name says (the content decides the kind; a name
  that disagrees is refused, so "invoice.pdf.docx" holding a program is never read);
- a .docx or .odt (zip archives) that would unpack to more than
  MAX_DOCUMENT_UNPACKED_BYTES (a "zip bomb": the sizes its directory declares are checked
  before anything is unpacked, and Python's zip reader never unpacks a member past its
  declared size), with too many members, or with a document type definition in its XML
  (entity expansion, "billion laughs": neither format ever needs one);
- a PDF that is encrypted with a password, has more than MAX_DOCUMENT_PAGES pages, or that
  pypdf cannot parse;
- text that is not UTF-8 or UTF-16.

The libraries read the formats: python-docx, odfpy, pypdf, striprtf.
"""

import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import PurePosixPath

from marketplace.refusals import Refused
from uploads.limits import (
    DOCUMENT_FORMATS_TEXT,
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_PAGES,
    MAX_DOCUMENT_SIZE,
    MAX_DOCUMENT_UNPACKED_BYTES,
)

# A real document has a few dozen parts; thousands are a trick.
MAX_ARCHIVE_MEMBERS = 2000
# The page-by-page reader reports progress (for a counting task) every this many pages.
PROGRESS_EVERY_PAGES = 10

DOCX, ODT, PDF, RTF, TEXT = "docx", "odt", "pdf", "rtf", "text"
KINDS_BY_EXTENSION = {
    ".docx": DOCX,
    ".odt": ODT,
    ".pdf": PDF,
    ".rtf": RTF,
    ".txt": TEXT,
    ".md": TEXT,
}


class DocumentRefused(Refused):
    """Why a document cannot be read, in words for the person who sent it: `empty`,
    `too_large` (413), `unsupported_type`, `wrong_type`, `archive_bomb`, `xml_entities`,
    `encrypted`, `too_many_pages`, `damaged` (400)."""

    statuses = {"too_large": HTTPStatus.REQUEST_ENTITY_TOO_LARGE}


@dataclass(frozen=True)
class Document:
    kind: str
    content: bytes

    @property
    def is_large(self) -> bool:
        """Whether reading it may take seconds: worth a background task."""
        return len(self.content) > 2 * 1024 * 1024 or self.kind == PDF


def check_document(name: str, content: bytes) -> Document:
    """The document's kind from its content, checked against its name; cheap checks only
    (the archive's directory, a PDF's header), so that a page can answer at once."""
    extension = PurePosixPath(name.lower()).suffix
    claimed = KINDS_BY_EXTENSION.get(extension)
    if claimed is None:
        raise DocumentRefused(f"Upload a {DOCUMENT_FORMATS_TEXT} file.", code="unsupported_type")
    if not content:
        raise DocumentRefused("This file is empty.", code="empty")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(f"This file is larger than {MAX_DOCUMENT_SIZE}.", code="too_large")
    found = _kind_of(content)
    if found != claimed:
        raise DocumentRefused(
            f"This file is not a {extension} file, whatever its name says.", code="wrong_type"
        )
    if found in (DOCX, ODT):
        _check_archive(content)
    if found == PDF:
        _guarded(lambda: _pdf_reader(content))
    return Document(found, content)


def read_text(document: Document, progress: Callable[[int], None] | None = None) -> str:
    """The document's text, words separated by whitespace; DocumentRefused if it cannot be
    read. `progress(percent)` is told how far a long read has gone."""
    readers = {DOCX: _docx_text, ODT: _odt_text, PDF: _pdf_text, RTF: _rtf_text, TEXT: _text}
    return _guarded(
        lambda: readers[document.kind](document.content, progress or (lambda percent: None))
    )


def _guarded(read: Callable):
    try:
        return read()
    except DocumentRefused:
        raise
    except Exception as exc:  # each library raises its own errors for a broken file
        raise DocumentRefused(
            "This file could not be read: it may be damaged. Save it again and upload the "
            "new file.",
            code="damaged",
        ) from exc


def _kind_of(content: bytes) -> str | None:
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "mimetype" in names and archive.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument.text"
                ):
                    return ODT
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        return None
    if content.startswith(b"%PDF-"):
        return PDF
    if content.lstrip()[:5] == b"{\\rtf":
        return RTF
    return TEXT if _decoded(content) is not None else None


def _decoded(content: bytes) -> str | None:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # Text has no NUL, and few control characters other than line breaks and tabs.
    controls = sum(1 for c in text[:10_000] if ord(c) < 32 and c not in "\r\n\t\f")
    return None if "\x00" in text or controls > 10 else text


def _check_archive(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS:
                raise DocumentRefused(
                    "This document has too many parts to be a real one.", code="archive_bomb"
                )
            if sum(member.file_size for member in members) > MAX_DOCUMENT_UNPACKED_BYTES:
                raise DocumentRefused(
                    "This document would unpack to far more than its size: it cannot be read.",
                    code="archive_bomb",
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    _check_xml_head(archive, member)
    except zipfile.BadZipFile as exc:
        raise DocumentRefused(
            "This file could not be read: it is damaged.", code="damaged"
        ) from exc


def _check_xml_head(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse XML with a document type definition: the only way to declare entities that
    expand ("billion laughs") or reach outside files. Read in chunks, never whole."""
    with archive.open(member) as stream:
        tail = b""
        while chunk := stream.read(64 * 1024):
            window = (tail + chunk).upper()
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise DocumentRefused(
                    "This document declares XML entities, which documents never need: it "
                    "cannot be read.",
                    code="xml_entities",
                )
            tail = chunk[-16:]


def _docx_text(content: bytes, progress) -> str:
    import docx  # python-docx: imported on use, like pypdf (uploads.pdfs)

    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _odt_text(content: bytes, progress) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(content))
    paragraphs = document.getElementsByType(text.P) + document.getElementsByType(text.H)
    return "\n".join(teletype.extractText(paragraph) for paragraph in paragraphs)


def _pdf_reader(content: bytes):
    """A pypdf reader of an unlocked PDF of at most MAX_DOCUMENT_PAGES pages."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted and not reader.decrypt(""):
        raise DocumentRefused(
            "This PDF is protected by a password. Upload a copy without one.", code="encrypted"
        )
    pages = len(reader.pages)
    if pages > MAX_DOCUMENT_PAGES:
        raise DocumentRefused(
            f"This PDF has {pages:,} pages; a quote reads at most {MAX_DOCUMENT_PAGES:,}.",
            code="too_many_pages",
        )
    return reader


def _pdf_text(content: bytes, progress) -> str:
    reader = _pdf_reader(content)
    return "\n".join(_pages_text(reader, len(reader.pages), progress))


def _pages_text(reader, pages: int, progress) -> Iterator[str]:
    for number, page in enumerate(reader.pages, start=1):
        yield page.extract_text() or ""
        if number % PROGRESS_EVERY_PAGES == 0:
            progress(round(100 * number / pages))


def _rtf_text(content: bytes, progress) -> str:
    from striprtf.striprtf import rtf_to_text

    return rtf_to_text(content.decode("latin-1"), errors="ignore")


def _text(content: bytes, progress) -> str:
    text = _decoded(content)
    if text is None:
        raise DocumentRefused("This file is not text.", code="wrong_type")
    return text
