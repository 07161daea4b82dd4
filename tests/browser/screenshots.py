"""`make screenshots`: the README's pictures of the main pages, at 390 px (a phone) and 1280 px
(a laptop), taken from the demo data.

Not part of the test suite (the file name does not start with test_); the make target collects
it explicitly. Pictures are reduced to a small palette so the repository stays light.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from accounts.models import User
from demo import seed
from jobs.models import JobPost
from tests.browser.test_browsing import sign_in

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {390: 844, 1280: 800}
# (name, path, who is signed in: an email, or None)
PAGES = [
    ("home", "/", None),
    ("search", "/services/?q=news+writing", None),
    ("category", "/categories/writing-translation/", None),
    ("service", "/services/news-writing-for-regional-and-online-outlets/", None),
    ("seed-service", f"/services/{seed.SEED_SERVICE_SLUG}/", None),
    ("profile", "/freelancers/amara-nwosu/", None),
    ("jobs", "/jobs/", None),
    ("job", "{job}", None),
    ("about-ratings", "/reviews/about-ratings/", None),
    ("dashboard", "/dashboard/", seed.FREELANCER.email),
    ("design-system", "/design/", seed.STAFF.email),
]


def _small_png(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def test_take_the_screenshots(page, live_server, transactional_db):
    call_command("load_demo", verbosity=0)
    job = JobPost.objects.listed().order_by("pk").first()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path, email in PAGES:
        page.context.clear_cookies()
        if email:
            sign_in(page, live_server, User.objects.get(email=email))
        for width, height in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(path.format(job=job.get_absolute_url()))
            page.wait_for_load_state("networkidle")
            (OUT / f"{name}-{width}.png").write_bytes(_small_png(page.screenshot()))
