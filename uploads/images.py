"""Checking and re-encoding uploaded avatars and banners.

An upload is trusted only after Pillow has decoded it completely, as the format that its file
name and its content type both claim: a PNG named `.pdf`, or a PNG that is also an HTML page
and is sent as one, is refused, however harmless its pixels. What is stored is a fresh
encoding of the pixels (no EXIF, GPS or other metadata survives), resized for the pages that
show it.
"""

import contextlib
import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from PIL import Image

# Pillow is imported by the functions that decode or encode: a web worker that serves pages
# never needs its ~7 MiB, and preloading it would hold them in every worker.

from uploads.limits import (
    IMAGE_FORMATS_TEXT,
    MAX_IMAGE_MEGAPIXELS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_SIZE,
)

# Far above any camera photo a profile needs; refuses decompression bombs before decoding.
MAX_PIXELS = MAX_IMAGE_MEGAPIXELS * 1_000_000
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
# What a file name and a content type may claim, per format Pillow decodes.
EXTENSIONS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
CONTENT_TYPES = {
    "image/jpeg": "JPEG",
    "image/pjpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
}
# Sent by clients that do not know the type (curl without a type, some API libraries): no claim.
UNCLAIMED_CONTENT_TYPES = {"", "application/octet-stream"}
_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
NOT_AN_IMAGE = f"This file is not a {IMAGE_FORMATS_TEXT} image."
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


def decode_upload(upload) -> "Image.Image":
    """The fully decoded image of an uploaded file, or a ValidationError saying what is wrong."""
    from PIL import Image, UnidentifiedImageError

    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is larger than {MAX_UPLOAD_SIZE}. Upload a smaller image.",
            code="too_large",
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
                    "Upload one of at most %(megapixels)s megapixels.",
                    code="too_many_pixels",
                    params={"width": width, "height": height, "megapixels": MAX_IMAGE_MEGAPIXELS},
                )
            # Decoding every pixel is what catches truncated and corrupt files.
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            f"This image has too many pixels. Upload one of at most {MAX_IMAGE_MEGAPIXELS} "
            "megapixels.",
            code="too_many_pixels",
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            "This image is damaged or incomplete. Upload it again or try another file.",
            code="corrupt_image",
        ) from exc
    _check_claims(upload, image.format)
    return image


def _check_claims(upload, decoded_format: str) -> None:
    """The name and the content type must both say what the pixels are."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if EXTENSIONS.get(extension) != decoded_format:
        raise ValidationError(
            "This file's name says it is not the %(format)s image it contains. Upload it with "
            "a name ending in .%(extension)s.",
            code="name_mismatch",
            params={"format": _NAMES[decoded_format], "extension": _EXTENSIONS[decoded_format]},
        )
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type in UNCLAIMED_CONTENT_TYPES:
        return
    if CONTENT_TYPES.get(content_type) != decoded_format:
        raise ValidationError(
            "This file was sent as %(content_type)s but holds a %(format)s image. Upload the "
            "image file itself.",
            code="content_type_mismatch",
            params={"content_type": content_type, "format": _NAMES[decoded_format]},
        )


def _upright_without_metadata(image: "Image.Image") -> "Image.Image":
    """Rotate as the camera meant (EXIF orientation), then keep only the pixels."""
    from PIL import ImageOps

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


def _encode(image: "Image.Image") -> EncodedImage:
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
    from PIL import Image, ImageOps

    image = _upright_without_metadata(decode_upload(upload))
    return _encode(ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS))


def avatar_thumbnail(avatar: bytes) -> EncodedImage:
    """The 64 px thumbnail of a stored avatar (made by `avatar_version`, so already clean)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(avatar), formats=("JPEG", "PNG")) as image:
        small = ImageOps.fit(
            image, (AVATAR_THUMBNAIL_SIZE, AVATAR_THUMBNAIL_SIZE), Image.Resampling.LANCZOS
        )
        return _encode(small)


def banner_version(upload) -> EncodedImage:
    """The banner at most 1600 px wide (never enlarged), its proportions kept."""
    from PIL import Image

    image = _upright_without_metadata(decode_upload(upload))
    image.thumbnail((BANNER_MAX_WIDTH, BANNER_MAX_HEIGHT), Image.Resampling.LANCZOS)
    return _encode(image)


def clean_version(upload) -> EncodedImage:
    """The image at its own size, upright and without metadata (job attachments)."""
    return _encode(_upright_without_metadata(decode_upload(upload)))
