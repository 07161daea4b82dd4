"""Files that people upload, good and bad, made in memory for the upload tests."""

import io
import os
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from demo.files import resume_pdf

# EXIF tags: Make (0x010F), and the GPS IFD pointer (0x8825) with a latitude reference.
_GPS_IFD = 0x8825


def _photo(width: int, height: int, mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, (width, height), (200, 80, 40) if mode == "RGB" else None)
    for x in range(0, width, 7):
        image.putpixel((x, x * height // max(1, width)), (20, 40, 200) if mode == "RGB" else 0)
    return image


def jpeg_bytes(width: int = 800, height: int = 600, *, with_gps: bool = False) -> bytes:
    image = _photo(width, height)
    out = io.BytesIO()
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "SpyCam"
        exif.get_ifd(_GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def png_bytes(width: int = 400, height: int = 300, *, transparent: bool = False) -> bytes:
    if transparent:
        image = Image.new("RGBA", (width, height), (10, 120, 90, 0))
    else:
        image = Image.new("RGB", (width, height), (10, 120, 90))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def webp_bytes(width: int = 300, height: int = 300) -> bytes:
    out = io.BytesIO()
    _photo(width, height).save(out, format="WEBP")
    return out.getvalue()


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("P", (50, 50)).save(out, format="GIF")
    return out.getvalue()


def truncated_jpeg_bytes() -> bytes:
    whole = jpeg_bytes(1200, 900)
    return whole[: len(whole) // 2]


def ten_megabyte_png_bytes() -> bytes:
    """A real PNG of noise, which does not compress: a little over 10 MB."""
    side = 1900
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png_bytes(side: int = 20_000) -> bytes:
    """A valid, all-black 1-bit PNG of side × side pixels: a decompression bomb of a few KB."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)  # filter byte, then packed pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    return resume_pdf(["Resume", "Writer and editor"])


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """An uploaded file as Django's request parsing would hand it to a form."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_under(folder: Path) -> set[str]:
    """Every file below `folder`, relative to it: what the upload tests compare."""
    if not folder.exists():
        return set()
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def polyglot_png_html_bytes() -> bytes:
    """A valid PNG that is also an HTML page: a browser sniffing it as HTML runs the script."""
    return png_bytes(40, 40) + b"<html><body><script>alert(document.cookie)</script></body></html>"


def pageless_pdf_bytes() -> bytes:
    """45 bytes that start with %PDF- and end with %%EOF, and are no document at all."""
    content = b"%PDF-1.4\n%" + b"x" * 28 + b"\n%%EOF\n"
    assert len(content) == 45
    return content


# Files that must be refused wherever they are uploaded (the dashboard's forms and the API):
# (kind, file name, content, content type, the message the person sees).
HOSTILE_UPLOADS = [
    (
        "avatar",
        "huge.png",
        ten_megabyte_png_bytes,
        "image/png",
        "This file is larger than 5 MB. Upload a smaller image.",
    ),
    ("avatar", "resume.png", pdf_bytes, "image/png", "This file is not a JPEG, PNG or WebP image."),
    (
        "banner",
        "half.jpg",
        truncated_jpeg_bytes,
        "image/jpeg",
        "This image is damaged or incomplete. Upload it again or try another file.",
    ),
    (
        "banner",
        "bomb.png",
        huge_png_bytes,
        "image/png",
        "This image has too many pixels. Upload one of at most 40 megapixels.",
    ),
    (
        "avatar",
        "page.html",
        polyglot_png_html_bytes,
        "text/html",
        "This file's name says it is not the PNG image it contains. Upload it with a name "
        "ending in .png.",
    ),
    (
        "banner",
        "page.png",
        polyglot_png_html_bytes,
        "text/html",
        "This file was sent as text/html but holds a PNG image. Upload the image file itself.",
    ),
    (
        "avatar",
        "picture.pdf",
        png_bytes,
        "application/pdf",
        "This file's name says it is not the PNG image it contains. Upload it with a name "
        "ending in .png.",
    ),
    (
        "banner",
        "picture.pdf",
        png_bytes,
        "image/png",
        "This file's name says it is not the PNG image it contains. Upload it with a name "
        "ending in .png.",
    ),
    ("avatar", "empty.jpg", lambda: b"", "image/jpeg", "The submitted file is empty."),
    (
        "resume",
        "cv.pdf",
        png_bytes,
        "application/pdf",
        "This file is not a PDF. Upload your resume as a PDF.",
    ),
    (
        "resume",
        "cv.pdf",
        lambda: b"<html><script>alert(1)</script></html>",
        "application/pdf",
        "This file is not a PDF. Upload your resume as a PDF.",
    ),
    (
        "resume",
        "cv.pdf",
        pageless_pdf_bytes,
        "application/pdf",
        "This PDF is damaged or incomplete. Export it again and upload the new file.",
    ),
]
HOSTILE_UPLOAD_IDS = [
    "10 MB image",
    "PDF renamed to .png",
    "truncated JPEG",
    "20,000 x 20,000 PNG",
    "PNG/HTML polyglot named .html",
    "PNG/HTML polyglot sent as text/html",
    "PNG named .pdf as avatar",
    "PNG named .pdf as banner",
    "empty file",
    "PNG renamed to .pdf as resume",
    "HTML renamed to .pdf as resume",
    "45-byte PDF without pages",
]
