"""Gunicorn settings, read from the working directory (the Dockerfile's and the benchmark's).

The app is loaded once in the master, with everything a request imports, and forked: the
workers share those pages instead of each holding its own copy of Django, DRF, allauth and
the Redis client (about 60 MiB). `gc.freeze()` keeps the collector from touching the shared
objects, which would copy their pages into every worker.
"""

import gc

preload_app = True


def when_ready(server) -> None:
    # The URL configuration imports every view module; without this each worker would
    # import them itself at its first request.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
    gc.freeze()
