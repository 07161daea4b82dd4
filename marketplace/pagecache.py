"""Whole-page caching for anonymous visitors, with one version that every public write bumps.

A cached page is stored under the current *catalogue version*. Any committed write to what a
public page shows (a service, category, profile, skill, writing sample, review, response or
engagement) moves the version on, so every page cached before it becomes unreachable at once:
no visitor ever sees a page older than the last edit, and nothing has to know which pages an
edit touched. Old entries simply expire.

Who moves the version on: the workflows that change what public pages show call
`catalogue_changed()` inside their transactions (services.editing, services.publishing,
profiles.editing, reviews.submission, ...; the admin's save and delete hooks call them or the
workflows). Categories and skill names show on the job list too: their changes call
`taxonomy_changed()`, which also moves `TAXONOMY` on, a version the jobs' caches are keyed by.
The invalidation tests walk every workflow (tests/services/test_pagecache.py,
tests/jobs/test_listing_cache.py).

Only anonymous GET/HEAD requests without a session, token, message or CSRF cookie to set are
served from or stored in the cache; everyone else gets the page rendered for them. Settings:
`PAGE_CACHE` (on/off) and `PAGE_CACHE_SECONDS` (how long an unchanged page is kept).
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers


class CacheVersion:
    """A counter in the cache naming the current generation of some cached data: keys carry
    it, and `changed()` moves it on, so every entry cached before becomes unreachable at once
    (old entries simply expire). The catalogue's pages have one, the taxonomy one, the jobs'
    lists another.
    """

    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        version = cache.get(self.key)
        if version is None:
            # Not 1: after an eviction a counter restarting from 1 could meet entries it
            # cached before.
            version = time.time_ns()
            cache.add(self.key, version, timeout=None)
            version = cache.get(self.key, version)
        return version

    def changed(self) -> None:
        """Make every entry stale, now and again when the current transaction commits.

        Now, so that the rest of this transaction (this request) reads its own writes. Again
        after the commit: an entry another process builds between the first bump and the
        commit reads the old rows and is stored under the new version; the second bump leaves
        it behind.
        """
        self._bump()
        transaction.on_commit(self._bump)

    def _bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # no version yet (or evicted): a fresh one is just as new
            cache.set(self.key, time.time_ns(), timeout=None)


class CombinedVersion:
    """Several versions read as one: stale when any of them moves on."""

    def __init__(self, *versions: CacheVersion):
        self.versions = versions
        self.key = "+".join(version.key for version in versions)

    def current(self) -> str:
        return ".".join(str(version.current()) for version in self.versions)


CATALOGUE = CacheVersion("pages:version")
# Category and skill names: on the catalogue's pages and in the jobs' lists and facets.
TAXONOMY = CacheVersion("taxonomy:version")


def current_version() -> int:
    return CATALOGUE.current()


def catalogue_changed() -> None:
    """Make every cached page stale (see `CacheVersion.changed`)."""
    CATALOGUE.changed()


def taxonomy_changed() -> None:
    """A category or a skill changed: every cached page, and whatever is keyed by
    `TAXONOMY` (the jobs' lists), is stale."""
    TAXONOMY.changed()
    CATALOGUE.changed()


def _cacheable_request(request: HttpRequest) -> bool:
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META or "messages" in request.COOKIES:
        return False
    # Without a session cookie the visitor is anonymous, and no query is needed to know it.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return not request.user.is_authenticated
    return True


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    # A page that used {% csrf_token %} carries a token for this visitor only.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def url_key(name: str, request: HttpRequest, version: int | str) -> str:
    """The cache key of something kept per `version` and full URL (query string included)."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{name}:{version}:{path}"


def kept_per_url(name: str, request: HttpRequest, version: int | str, build: Callable):
    """What `build()` returns, kept per `version` and full URL for as long as a cached page
    (a list's filter panel, with its count)."""
    key = url_key(name, request, version)
    kept = cache.get(key)
    if kept is None:
        kept = build()
        cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
    return kept


def cache_public_page(
    view: Callable | None = None, *, version: CacheVersion | CombinedVersion = CATALOGUE
) -> Callable:
    """Serve this view's page to anonymous visitors from the cache, keyed by the full URL
    and by `version` (the catalogue's unless told: the jobs' pages name theirs), which every
    write to what the page shows moves on.

    Cached answers carry an ETag, so a browser's revalidation costs a 304 and no body.
    """
    if view is None:
        return lambda view: cache_public_page(view, version=version)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # The version is read before the page is rendered: a write committed meanwhile bumps
        # it past this one, so a page built from older rows is never stored as current.
        key = url_key("pages", request, version.current())
        cached = cache.get(key)
        if cached is not None:
            return get_conditional_response(request, etag=cached["ETag"], response=cached)
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie", "Authorization"])

        def store(rendered: HttpResponse) -> None:
            if _cacheable_response(request, rendered):
                rendered["ETag"] = f'"{hashlib.md5(rendered.content).hexdigest()}"'
                # Browsers revalidate every time (the ETag makes that cheap): a page they kept
                # must never outlive an edit.
                rendered["Cache-Control"] = "no-cache"
                cache.set(key, rendered, settings.PAGE_CACHE_SECONDS)

        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response

    return wrapped
