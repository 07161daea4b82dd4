import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django_application = get_wsgi_application()

from marketplace.cached_pages import CachedPages  # noqa: E402 (needs the settings above)

application = CachedPages(django_application)
