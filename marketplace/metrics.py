"""Prometheus metrics at `/metrics` (django-prometheus), for the monitoring system only.

The page is open to a request that sends `Authorization: Bearer <METRICS_TOKEN>` or comes
from an address in `METRICS_ALLOWED_IPS` (the socket's address: put the scraper on the
private network rather than trusting a forwarded header). Anyone else gets a 403; with
neither set, the page is closed to all. Under gunicorn each worker counts on its own unless
`PROMETHEUS_MULTIPROC_DIR` names a folder the workers share (see README, "Health and metrics").
"""

import hmac

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not is_allowed(request):
        raise PermissionDenied
    return ExportToDjangoView(request)


def is_allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    return request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_IPS
