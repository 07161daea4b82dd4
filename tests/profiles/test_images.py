import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from tests.upload_files import (
    gif_bytes,
    huge_png_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    ten_megabyte_png_bytes,
    truncated_jpeg_bytes,
    upload,
    webp_bytes,
)
from uploads import images


def decoded(encoded: images.EncodedImage) -> Image.Image:
    image = Image.open(io.BytesIO(encoded.content))
    image.load()
    return image


@pytest.mark.parametrize(
    ("content", "name"),
    [(jpeg_bytes(), "photo.jpg"), (png_bytes(), "photo.png"), (webp_bytes(), "photo.webp")],
)
def test_jpeg_png_and_webp_avatars_are_accepted_and_resized_to_256_and_64_pixels(content, name):
    avatar = images.avatar_version(upload(name, content))
    thumbnail = images.avatar_thumbnail(avatar.content)
    assert decoded(avatar).size == (256, 256)
    assert decoded(thumbnail).size == (64, 64)


def test_an_image_must_be_what_its_name_and_content_type_say():
    with pytest.raises(ValidationError) as refused:
        images.avatar_version(upload("not-an-image.txt", jpeg_bytes(), "image/jpeg"))
    assert refused.value.code == "name_mismatch"
    with pytest.raises(ValidationError) as refused:
        images.avatar_version(upload("photo.jpg", jpeg_bytes(), "text/plain"))
    assert refused.value.code == "content_type_mismatch"
    with pytest.raises(ValidationError) as refused:
        images.avatar_version(upload("photo.png", jpeg_bytes(), "image/png"))
    assert refused.value.code == "name_mismatch"


def test_a_client_that_sends_no_content_type_is_judged_by_the_name_and_content():
    avatar = images.avatar_version(upload("photo.JPEG", jpeg_bytes(), ""))
    assert decoded(avatar).format == "JPEG"


def test_exif_and_gps_metadata_are_stripped():
    original = jpeg_bytes(with_gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file has GPS
    avatar = images.avatar_version(upload("gps.jpg", original))
    for encoded in (avatar, images.avatar_thumbnail(avatar.content)):
        image = decoded(encoded)
        assert not image.getexif()
        assert "exif" not in image.info
        assert b"SpyCam" not in encoded.content


def test_transparent_images_stay_transparent_pngs():
    avatar = images.avatar_version(upload("logo.png", png_bytes(transparent=True)))
    assert avatar.extension == "png"
    assert decoded(avatar).mode == "RGBA"
    assert decoded(images.avatar_thumbnail(avatar.content)).mode == "RGBA"


def test_banners_are_at_most_1600_pixels_wide_and_keep_their_proportions():
    banner = images.banner_version(upload("wide.jpg", jpeg_bytes(3200, 800)))
    assert decoded(banner).size == (1600, 400)


def test_small_banners_are_not_enlarged():
    banner = images.banner_version(upload("small.png", png_bytes(800, 200)))
    assert decoded(banner).size == (800, 200)


def rejection(content: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        images.avatar_version(upload(name, content, "image/png"))
    return caught.value


def test_an_image_over_5_mb_is_refused():
    error = rejection(ten_megabyte_png_bytes(), "big.png")
    assert error.code == "too_large"
    assert "larger than 5 MB" in error.messages[0]


def test_a_pdf_renamed_to_png_is_refused():
    error = rejection(pdf_bytes(), "resume.png")
    assert error.code == "not_an_image"
    assert error.messages == ["This file is not a JPEG, PNG or WebP image."]


def test_a_gif_is_refused():
    assert rejection(gif_bytes(), "anim.gif").code == "not_an_image"


def test_a_truncated_jpeg_is_refused():
    error = rejection(truncated_jpeg_bytes(), "half.jpg")
    assert error.code == "corrupt_image"
    assert "damaged or incomplete" in error.messages[0]


def test_a_20000_by_20000_png_is_refused_without_decoding_it():
    content = huge_png_bytes(20_000)
    assert len(content) < 100_000  # a decompression bomb: tiny file, 400 megapixels
    error = rejection(content, "bomb.png")
    assert error.code == "too_many_pixels"
    assert "too many pixels" in error.messages[0]


def test_an_image_just_over_40_megapixels_is_refused_with_its_size():
    error = rejection(huge_png_bytes(6400), "big.png")
    assert error.code == "too_many_pixels"
    assert "6400 × 6400" in error.messages[0]


def test_an_empty_file_is_refused():
    assert rejection(b"", "empty.png").code == "not_an_image"
