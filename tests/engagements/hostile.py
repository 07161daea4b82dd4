"""Hostile documents, made on the fly: each is refused by uploads.documents."""

import io
import zipfile

from tests.engagements.test_word_counts import CORPUS

DOCX = (CORPUS / "en_services_agreement.docx").read_bytes()


def _rezip(
    source: bytes, replace: dict[str, bytes] | None = None, add: dict | None = None
) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for member in old.infolist():
            data = (replace or {}).get(member.filename, old.read(member.filename))
            new.writestr(member.filename, data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx with a member that unpacks to 1 GB of zeros (about 1 MB packed)."""
    out = io.BytesIO(_rezip(DOCX))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/media/zeros.bin", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(1024):
            member.write(chunk)
    return out.getvalue()


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    with zipfile.ZipFile(io.BytesIO(DOCX)) as archive:
        xml = archive.read("word/document.xml").decode()
    head, rest = xml.split("?>", 1)
    xml = f"{head}?><!DOCTYPE w:document [{entities}]>{rest}".replace(
        "SERVICES AGREEMENT", "&lol9;"
    )
    return _rezip(DOCX, replace={"word/document.xml": xml.encode()})


def many_pages_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(CORPUS / "fr_article.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
