"""Checking and re-encoding uploaded avatars and banners.

An upload is trusted only after Pillow has decoded it completely: the file name and the
content type the browser sent mean nothing. What is stored is a fresh encoding of the pixels
(no EXIF, GPS or other metadata survives), resized for the pages that show it.
"""

import contextlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Far above any camera photo a profile needs; refuses decompression bombs before decoding.
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
AVATAR_SIZE = 256
AVATAR_THUMBNAIL_SIZE = 64
BANNER_MAX_WIDTH = 1600
BANNER_MAX_HEIGHT = 800


@dataclass(frozen=True)
class EncodedImage:
    """Bytes ready to store, with the file extension that matches them."""

    content: bytes
    extension: str
    width: int
    height: int


def decode_upload(upload) -> Image.Image:
    """The fully decoded image of an uploaded file, or a ValidationError saying what is wrong."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is larger than 5 MB. Upload a smaller image.", code="too_large"
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; treat that as a bomb too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ALLOWED_FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    "This image has too many pixels (%(width)s × %(height)s). "
                    "Upload one of at most 40 megapixels.",
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            # Decoding every pixel is what catches truncated and corrupt files.
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This image has too many pixels. Upload one of at most 40 megapixels.",
            code="too_many_pixels",
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            "This file is not a JPEG, PNG or WebP image.", code="not_an_image"
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            "This image is damaged or incomplete. Upload it again or try another file.",
            code="corrupt_image",
        ) from exc
    return image


def _upright_without_metadata(image: Image.Image) -> Image.Image:
    """Rotate as the camera meant (EXIF orientation), then keep only the pixels."""
    # A malformed EXIF block costs only the rotation, not the upload.
    with contextlib.suppress(Exception):
        image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    try:
        return image.convert("RGBA" if has_alpha else "RGB")
    except (ValueError, OSError) as exc:
        raise ValidationError(
            "This image uses a colour format we cannot read. Save it as an ordinary JPEG or PNG.",
            code="unsupported_mode",
        ) from exc


def _encode(image: Image.Image) -> EncodedImage:
    out = io.BytesIO()
    if image.mode == "RGBA":
        image.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    return EncodedImage(out.getvalue(), extension, image.width, image.height)


def avatar_version(upload) -> EncodedImage:
    """A square avatar (256 px), cropped around the centre."""
    image = _upright_without_metadata(decode_upload(upload))
    return _encode(ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS))


def avatar_thumbnail(avatar: bytes) -> EncodedImage:
    """The 64 px thumbnail of a stored avatar (made by `avatar_version`, so already clean)."""
    with Image.open(io.BytesIO(avatar), formats=("JPEG", "PNG")) as image:
        small = ImageOps.fit(
            image, (AVATAR_THUMBNAIL_SIZE, AVATAR_THUMBNAIL_SIZE), Image.Resampling.LANCZOS
        )
        return _encode(small)


def banner_version(upload) -> EncodedImage:
    """The banner at most 1600 px wide (never enlarged), its proportions kept."""
    image = _upright_without_metadata(decode_upload(upload))
    image.thumbnail((BANNER_MAX_WIDTH, BANNER_MAX_HEIGHT), Image.Resampling.LANCZOS)
    return _encode(image)
