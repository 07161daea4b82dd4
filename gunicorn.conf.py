"""Gunicorn settings, read from the working directory (the Dockerfile's and the benchmark's).

The app is loaded once in the master, with everything a request needs, and forked: the
workers share those pages instead of each holding its own copy of Django, DRF, allauth, the
compiled templates and the Redis client. `gc.freeze()` keeps the collector from touching the
shared objects, which would copy their pages into every worker.
"""

import contextlib
import gc

preload_app = True
# The longest request line gunicorn reads (its maximum). The site answers a query string past
# marketplace.input_guards.MAX_QUERY_STRING itself, with the API's JSON 414; only a line past
# this gets gunicorn's own (HTML) 414, as the API schema says.
limit_request_line = 8190


def when_ready(server) -> None:
    # Nothing here opens a connection: a socket made before the fork would be shared by
    # every worker.
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.template.backends.django import DjangoTemplates
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import formats
    from django.utils.module_loading import import_string

    # The URL configuration imports every view module; without this each worker would
    # import them itself at its first request.
    get_resolver().url_patterns  # noqa: B018
    # The tables `reverse()` reads (every page names a dozen URLs), built at the first link.
    get_resolver().reverse_dict  # noqa: B018
    # The site's templates, compiled into the cached loader (production settings keep them).
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(directory.rglob("*.html")):
            # A page that fails to compile says so when it is asked for.
            with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):
                get_template(str(path.relative_to(directory)))
    # The currency data Babel loads at the first price, and the Redis client's modules (the
    # benchmark's bare Django project, served with this file too, has neither).
    if "money" in settings.INSTALLED_APPS:
        from money.formatting import format_money

        format_money(1, "USD")
    if getattr(settings, "REDIS_URL", None):
        import redis.client  # noqa: F401
    # What the first request imports: the connection pool, the template context processors,
    # the cache backends, the session serializer, the message storage and the date formats.
    if settings.DATABASES["default"].get("OPTIONS", {}).get("pool"):
        import psycopg_pool  # noqa: F401
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates):
            engine.engine.template_context_processors  # noqa: B018
    for backend in [
        *(cache["BACKEND"] for cache in settings.CACHES.values()),
        settings.SESSION_SERIALIZER,
        settings.MESSAGE_STORAGE,
    ]:
        import_string(backend)
    formats.get_format("DATE_FORMAT")
    gc.freeze()
