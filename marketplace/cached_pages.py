"""Anonymous visitors' pages answered from the cache before Django sees the request.

A page whose view says it may be cached (`marketplace.pagecache.cache_public_page`) is kept
as it leaves the last middleware: status, headers and bytes (compressed or not, with its ETag
and security headers), with the versions it was built under. The next request for it that
carries nothing personal (`pagecache.is_anonymous`) reads the page and every current version
in one round trip to the cache and, when none has moved on, is answered from the entry: no
request object, no middleware, no query. That is what lets a cached page serve several times
as many requests as the simplest Django page (bench/README.md); behind the middleware it could
not.

What a hit still does, as every answer must: it gets its own `X-Request-ID` (the one sent, if
valid), it counts in Prometheus's request and response counters and in
`page_cache_hits_total`, a matching `If-None-Match` gets a 304, and HEAD gets no body.

The key holds everything the page depends on besides its versions: the host and scheme (a
plain-HTTP request is redirected, not served), the full path and query, and whether the
browser takes gzip. A page is kept only from a GET whose answer is a 200 without cookies (a
page that used a CSRF token sets its cookie, so it is never kept). Only the WSGI application
(gunicorn, `runserver`) goes through here: under ASGI pages are drawn for every request.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.utils.http import parse_etags
from django_prometheus.middleware import Metrics
from prometheus_client import Counter

from marketplace.pagecache import CacheVersion, is_anonymous
from marketplace.request_id import HEADER, request_id_from

# As Django's GZipMiddleware decides.
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The headers a 304 repeats (RFC 9110, 15.4.5), as Django's conditional responses do.
NOT_MODIFIED_HEADERS = {"cache-control", "content-location", "date", "etag", "expires", "vary"}

HITS = Counter("page_cache_hits_total", "Requests answered from the page cache")


class CachedPages:
    """The site's WSGI application behind the page cache (marketplace/wsgi.py)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        answer = cached_answer(environ)
        if answer is not None:
            status, headers, body = answer
            start_response(status, headers)
            return [body]
        response = self.app(environ, start_response)
        keep(environ, response)
        return response


def cached_answer(environ: dict) -> tuple[str, list[tuple[str, str]], bytes] | None:
    """The kept answer to this request while it is current, else None."""
    if not settings.PAGE_CACHE or not is_anonymous(environ):
        return None
    key = _key(environ)
    found = cache.get_many([key, *CacheVersion.keys])
    entry = found.pop(key, None)
    if entry is None:
        return None
    versions, status, headers, body = entry
    if any(found.get(name) != value for name, value in versions.items()):
        return None
    etag = next(value for name, value in headers if name == "ETag")
    if _has_current(environ, etag):
        status = "304 Not Modified"
        headers = [(name, value) for name, value in headers if name.lower() in NOT_MODIFIED_HEADERS]
        body = b""
    elif environ["REQUEST_METHOD"] == "HEAD":
        body = b""
    _count(environ["REQUEST_METHOD"], status)
    return status, [*headers, (HEADER, request_id_from(environ.get("HTTP_X_REQUEST_ID", "")))], body


def keep(environ: dict, response) -> None:
    """Keep Django's answer to this request, if its view marked it for the page cache (which
    it does only for an anonymous request)."""
    versions = getattr(response, "page_cache_versions", None)
    if versions is None or environ["REQUEST_METHOD"] != "GET" or response.cookies:
        return
    status = f"{response.status_code} {response.reason_phrase}"
    headers = [(name, value) for name, value in response.items() if name != HEADER]
    entry = (versions, status, headers, response.content)
    cache.set(_key(environ), entry, settings.PAGE_CACHE_SECONDS)


def _key(environ: dict) -> str:
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    scheme = environ.get(proxy_header[0], "") if proxy_header else ""
    gzipped = ACCEPTS_GZIP.search(environ.get("HTTP_ACCEPT_ENCODING", ""))
    encoding = "gzip" if gzipped else "identity"
    url = "\n".join(
        (
            environ["wsgi.url_scheme"],
            scheme,
            environ.get("HTTP_HOST", ""),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
        )
    )
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
    return f"page:{encoding}:{digest}"


def _has_current(environ: dict, etag: str) -> bool:
    sent = environ.get("HTTP_IF_NONE_MATCH")
    if not sent:
        return False
    # Weak comparison, as for any GET: gzip makes the ETag weak.
    sent_tags = {tag.removeprefix("W/") for tag in parse_etags(sent)}
    return "*" in sent_tags or etag.removeprefix("W/") in sent_tags


def _count(method: str, status: str) -> None:
    metrics = Metrics.get_instance()
    metrics.requests_total.inc()
    metrics.requests_by_method.labels(method=method).inc()
    metrics.responses_total.inc()
    metrics.responses_by_status.labels(status=status[:3]).inc()
    HITS.inc()
