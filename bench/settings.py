"""The site's settings plus the benchmark's reference page (bench/urls.py).

Used only by `make bench`: the reference page is served by the same gunicorn as the site, so
each page's throughput is measured against it in one run, on one machine.
"""

from pathlib import Path

from marketplace.settings import *  # noqa: F403
from marketplace.settings import TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
