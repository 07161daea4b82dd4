"""The interactive API docs (Swagger UI and ReDoc) from the vendored sidecar assets.

The site's policy allows no inline script or style. Swagger UI's set-up script is served as a
separate file (drf-spectacular's split view), so scripts stay 'self'; both UIs style their
widgets with inline styles, and ReDoc's search runs in a worker made from a blob: URL, so
these two pages alone relax `style-src` and `worker-src`.
"""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

DOCS_POLICY = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}


@method_decorator(csp_update(DOCS_POLICY), name="dispatch")
class SwaggerView(SpectacularSwaggerSplitView):
    url_name = "api-schema"


@method_decorator(csp_update(DOCS_POLICY), name="dispatch")
class RedocView(SpectacularRedocView):
    url_name = "api-schema"
    # drf-spectacular's template loads web fonts from a CDN; ours uses local fonts only.
    template_name = "api/redoc.html"
