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
