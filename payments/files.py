"""What a freelancer may deliver with a milestone, checked by decoding it like every upload.

- PDF: it must open and have a page (`uploads.pdfs`).
- JPEG, PNG, WebP: fully decoded within the pixel limit, stored re-encoded without metadata
  (`uploads.images`).
- .docx, .odt and .zip: a zip archive that opens, within limits on its entries, on what they
  unpack to and on how much each one expands (no zip bombs), with no entry that names a path
  outside the archive; a .docx or .odt must also be the document its name says.
- .txt: UTF-8 text.

The name the file had never reaches the storage's path (a random one does), and downloads
are always attachments, served only to the two sides and staff.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

from uploads import images, pdfs
from uploads.limits import IMAGE_FORMATS_TEXT, MAX_UPLOAD_BYTES, MAX_UPLOAD_SIZE

MAX_FILES = 5
MAX_ARCHIVE_ENTRIES = 1_000
# What an archive may unpack to, in all, and how much one entry may expand.
MAX_UNPACKED_BYTES = 10 * MAX_UPLOAD_BYTES
MAX_UNPACKED_SIZE = f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB"
MAX_COMPRESSION_RATIO = 100
DOCUMENT_FORMATS_TEXT = f"PDF, {IMAGE_FORMATS_TEXT}, .docx, .odt, .zip or .txt"
FILE_RULES = f"{DOCUMENT_FORMATS_TEXT} files of at most {MAX_UPLOAD_SIZE} each; at most {MAX_FILES}"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "zip": "application/zip",
    "txt": "text/plain; charset=utf-8",
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks: the bytes to store and what they are."""

    name: str
    content: bytes
    extension: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def check_delivery_file(upload) -> CheckedFile:
    """The upload as it will be stored, or a ValidationError saying what is wrong."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"“{upload.name}” is larger than {MAX_UPLOAD_SIZE}. Split it or compress it.",
            code="too_large",
        )
    name = upload.name or "delivery"
    stem, extension = Path(name).stem, Path(name).suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        if extension != "pdf":
            raise _name_mismatch(name, "pdf")
        return CheckedFile(_safe_name(stem, "pdf"), pdfs.read_pdf(upload, what="the file"), "pdf")
    if extension in ("docx", "odt", "zip"):
        content = _read_whole(upload)
        _check_archive(content, extension, name)
        return CheckedFile(_safe_name(stem, extension), content, extension)
    if extension == "txt":
        return CheckedFile(_safe_name(stem, "txt"), _check_text(_read_whole(upload), name), "txt")
    if extension in images.EXTENSIONS:
        image = images.clean_version(upload)
        return CheckedFile(_safe_name(stem, image.extension), image.content, image.extension)
    raise ValidationError(
        f"“{name}” is not a file we accept: send {DOCUMENT_FORMATS_TEXT} files.",
        code="unsupported_type",
    )


def _read_whole(upload) -> bytes:
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"This file is larger than {MAX_UPLOAD_SIZE}.", code="too_large")
    return content


def _check_archive(content: bytes, extension: str, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            f"“{name}” is not a valid .{extension} file (it does not open as one).",
            code="damaged_archive",
        ) from exc
    with archive:
        entries = archive.infolist()
        if not entries:
            raise ValidationError(f"“{name}” is empty.", code="empty_archive")
        if len(entries) > MAX_ARCHIVE_ENTRIES:
            raise ValidationError(
                f"“{name}” holds more than {MAX_ARCHIVE_ENTRIES} files.", code="too_many_entries"
            )
        for entry in entries:
            _check_entry_name(entry.filename, name)
            if entry.flag_bits & 0x1:
                raise ValidationError(
                    f"“{name}” is password-protected: send it without a password.",
                    code="encrypted_archive",
                )
        _check_unpacked_sizes(archive, entries, name)
        if extension == "docx" and "[Content_Types].xml" not in archive.namelist():
            raise _name_mismatch(name, "zip")
        if extension == "odt" and _read_member(archive, "mimetype") != _ODT_MIMETYPE:
            raise _name_mismatch(name, "zip")


def _check_entry_name(entry_name: str, name: str) -> None:
    path = PurePosixPath(entry_name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in entry_name or "\x00" in entry_name:
        raise ValidationError(
            f"“{name}” names a file outside the archive ({entry_name[:60]}).",
            code="unsafe_archive",
        )


def _check_unpacked_sizes(archive: zipfile.ZipFile, entries, name: str) -> None:
    """Unpack every entry as a stream, counting what it really expands to (the sizes an
    archive declares may lie): stop at the first limit passed."""
    total = 0
    for entry in entries:
        if entry.is_dir():
            continue
        unpacked = 0
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    total += len(chunk)
                    ratio = unpacked / max(entry.compress_size, 1)
                    if ratio > MAX_COMPRESSION_RATIO and unpacked > _CHUNK:
                        raise ValidationError(
                            f"“{name}” expands suspiciously (more than {MAX_COMPRESSION_RATIO} "
                            "times): it looks like a zip bomb.",
                            code="zip_bomb",
                        )
                    if total > MAX_UNPACKED_BYTES:
                        raise ValidationError(
                            f"“{name}” unpacks to more than {MAX_UNPACKED_SIZE}.",
                            code="too_large_unpacked",
                        )
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ValidationError(
                f"“{name}” is damaged (an entry does not unpack).", code="damaged_archive"
            ) from exc


def _read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        with archive.open(member) as stream:
            return stream.read(len(_ODT_MIMETYPE) + 1)
    except KeyError:
        return b""


def _check_text(content: bytes, name: str) -> bytes:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"“{name}” is not UTF-8 text: save it as UTF-8 or send a PDF.", code="not_text"
        ) from exc
    if "\x00" in text:
        raise ValidationError(f"“{name}” is not plain text.", code="not_text")
    return content


def _name_mismatch(name: str, what: str) -> ValidationError:
    return ValidationError(
        f"“{name}”'s name says it is not the .{what} file it contains: rename it.",
        code="name_mismatch",
    )


def _safe_name(stem: str, extension: str) -> str:
    try:
        stem = get_valid_filename(stem)[:80]
    except Exception:  # nothing usable left (e.g. ".." or only punctuation)
        stem = "delivery"
    return f"{stem}.{extension}"
