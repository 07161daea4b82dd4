"""Whole-page caching for anonymous visitors, with one version that every public write bumps.

A cached page is kept with the *catalogue version* it was built under. Any committed write to
what a public page shows (a service, category, profile, skill, writing sample, review, response or
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

Pages say they may be cached with `cache_public_page`; marketplace/cached_pages.py keeps and
serves them, in front of Django. Only anonymous GET/HEAD requests without a session, token,
message or CSRF cookie to set are served from or stored in the cache; everyone else gets the
page rendered for them. Settings: `PAGE_CACHE` (on/off) and `PAGE_CACHE_SECONDS` (how long an
unchanged page is kept).
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe


class CacheVersion:
    """A counter in the cache naming the current generation of some cached data: keys carry
    it, and `changed()` moves it on, so every entry cached before becomes unreachable at once
    (old entries simply expire). The catalogue's pages have one, the taxonomy one, the jobs'
    lists another.
    """

    # Every version's key, in the order they were made: a cached page is fresh when none of
    # the versions it was built under has moved on, and all are read in one round trip.
    keys: list[str] = []

    def __init__(self, key: str):
        self.key = key
        CacheVersion.keys.append(key)

    def current(self) -> int:
        version = cache.get(self.key)
        if version is None:
            # Not 1: after an eviction a counter restarting from 1 could meet entries it
            # cached before.
            version = time.time_ns()
            cache.add(self.key, version, timeout=None)
            version = cache.get(self.key, version)
        return version

    def values(self) -> dict[str, int]:
        return {self.key: self.current()}

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

    def values(self) -> dict[str, int]:
        return {version.key: version.current() for version in self.versions}


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


def is_anonymous(environ: dict) -> bool:
    """Whether a request (its WSGI environ, `request.META` in a view) carries nothing that
    could make its page personal: a GET or HEAD without credentials, a session or messages.

    Decided from the headers alone, with no query, so that the cached answer can be given
    before Django builds a request (marketplace/cached_pages.py): any session cookie counts,
    even one whose visitor is no longer signed in.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
        return False
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def kept(key: str, version: int | str, compute: Callable[[], object]):
    """`compute()`, kept in the cache under `key` and the catalogue `version` it was read
    under for as long as a cached page: every write that could change it moves the version
    on, so it is never older than the last edit."""
    return cache.get_or_set(f"{key}:{version}", compute, settings.PAGE_CACHE_SECONDS)


def kept_list(
    request: HttpRequest,
    version: int | str,
    template_name: str,
    context: dict,
    facets,
    read_page: Callable[[int], object],
) -> tuple[str, int, bool, object]:
    """A filtered list's panel drawn from `template_name`, its number of results and whether
    that is exact (from `facets`), and what `read_page(total)` answers (the page's ids),
    kept per `version` and full URL (the panel's links and fields and the page follow the
    query string) for as long as a cached page: a list kept here reads neither the facet
    counts nor the choices they name, and builds no query to find the page's rows."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"{template_name}:{version}:{path}"
    kept = cache.get(key)
    if kept is None:
        panel = render_to_string(template_name, context, request)
        kept = (panel, facets.total, facets.exact, read_page(facets.total))
        cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
    panel, total, exact, page = kept
    return mark_safe(panel), total, exact, page  # the template's own output, escaped when drawn


def cache_public_page(
    view: Callable | None = None, *, version: CacheVersion | CombinedVersion = CATALOGUE
) -> Callable:
    """Let anonymous visitors get this view's page from the cache, kept per full URL under
    `version` (the catalogue's unless told: the jobs' pages name theirs), which every write
    to what the page shows moves on.

    The view marks the page it renders with the versions read before rendering it (a write
    committed meanwhile moves them past these, so a page built from older rows is never kept
    as current); marketplace/cached_pages.py keeps the page as it leaves the last middleware
    and answers the next requests for it. Kept pages carry an ETag, so a browser's
    revalidation costs a 304 and no body.
    """
    if view is None:
        return lambda view: cache_public_page(view, version=version)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (settings.PAGE_CACHE and is_anonymous(request.META)):
            return view(request, *args, **kwargs)
        versions = version.values()
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie", "Authorization"])

        def mark(rendered: HttpResponse) -> None:
            if rendered.status_code == 200 and not rendered.streaming:
                rendered["ETag"] = f'"{hashlib.md5(rendered.content).hexdigest()}"'
                # Browsers revalidate every time (the ETag makes that cheap): a page they kept
                # must never outlive an edit.
                rendered["Cache-Control"] = "no-cache"
                rendered.page_cache_versions = versions

        if hasattr(response, "render") and callable(response.render):
            response.add_post_render_callback(mark)
        else:
            mark(response)
        return response

    return wrapped
