"""`make screenshots`: the README's pictures of the main pages, taken from the demo data.

Not part of the test suite (the file name does not start with test_); the make target collects
it explicitly. Pictures are reduced to a small palette so the repository stays light.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from demo import seed

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = [
    ("home", "/", 1280),
    ("search", "/services/?q=news+writing", 1280),
    ("service", "/services/news-writing-for-regional-and-online-outlets/", 1280),
    ("profile", "/freelancers/amara-nwosu/", 1280),
    ("seed-service", f"/services/{seed.SEED_SERVICE_SLUG}/", 1280),
    ("service-phone", "/services/news-writing-for-regional-and-online-outlets/", 390),
    ("search-phone", "/services/?q=news+writing", 390),
]


def _small_png(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def test_take_the_screenshots(page, transactional_db):
    call_command("load_demo", verbosity=0)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path, width in PAGES:
        page.set_viewport_size({"width": width, "height": 844 if width < 600 else 800})
        page.goto(path)
        page.wait_for_load_state("networkidle")
        (OUT / f"{name}.png").write_bytes(_small_png(page.screenshot()))
