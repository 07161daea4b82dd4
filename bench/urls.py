"""The site's URLs, plus the reference page at /bench/reference/."""

from django.urls import path

from bench.reference import reference
from marketplace.urls import handler400, handler403, handler404, handler500  # noqa: F401
from marketplace.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/reference/", reference, name="bench-reference"), *site_urlpatterns]
