"""Whole-page caching for anonymous visitors, with one version that every public write bumps.

A cached page is stored under the current *catalogue version*. Any committed write to what a
public page shows (a service, category, profile, skill, writing sample, review, response or
engagement) moves the version on, so every page cached before it becomes unreachable at once:
no visitor ever sees a page older than the last edit, and nothing has to know which pages an
edit touched. Old entries simply expire.

Why model signals and not calls in each workflow: the version is a cache concern, not domain
logic, and a signal also catches the admin, fixtures and any future workflow, which an
explicit call would have to remember. Writes that bypass signals (`QuerySet.update()`, raw
SQL: completed-engagement counts, reputation recounts) call `catalogue_changed()` themselves.

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
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers


class CacheVersion:
    """A counter in the cache naming the current generation of some cached data: keys carry
    it, and `changed()` moves it on, so every entry cached before becomes unreachable at once
    (old entries simply expire). The catalogue's pages have one; the jobs' lists another.
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

    def connect(self, *labels: str) -> None:
        """Move the version on after every write (save, delete, many-to-many change) to these
        models."""
        from django.apps import apps

        def changed(sender, **kwargs) -> None:
            self.changed()

        for label in labels:
            model = apps.get_model(label)
            uid = f"{self.key}-{label}"
            # weak=False: the receiver is a closure that nothing else keeps alive.
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    changed,
                    sender=field.remote_field.through,
                    weak=False,
                    dispatch_uid=f"{uid}-m2m-{field}",
                )


CATALOGUE = CacheVersion("pages:version")


def current_version() -> int:
    return CATALOGUE.current()


def catalogue_changed() -> None:
    """Make every cached page stale (see `CacheVersion.changed`)."""
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


def _key(request: HttpRequest, version: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pages:{version}:{path}"


def cache_public_page(view: Callable) -> Callable:
    """Serve this view's page to anonymous visitors from the cache, keyed by the full URL.

    Cached answers carry an ETag, so a browser's revalidation costs a 304 and no body.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # The version is read before the page is rendered: a write committed meanwhile bumps
        # it past this one, so a page built from older rows is never stored as current.
        key = _key(request, current_version())
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


def connect_signals() -> None:
    """Bump the version on every write to a model that a public page shows."""
    CATALOGUE.connect(
        "services.Category",
        "services.Service",
        "services.ServiceRedirect",
        "profiles.Profile",
        "profiles.Skill",
        "profiles.WritingSample",
        "reviews.Review",
    )
