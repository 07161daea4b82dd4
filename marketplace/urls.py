from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from marketplace import health, metrics

urlpatterns = [
    path("", include("services.urls")),
    path("", include("pages.urls")),
    path("freelancers/", include("profiles.urls")),
    # Ours first: /accounts/sessions/ is the sessions page with "end this one".
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("engagements/", include("engagements.urls")),
    path("payments/", include("payments.urls")),
    path("orders/", include("orders.urls")),
    path("jobs/", include("jobs.urls")),
    path("hourly/", include("timesheets.urls")),
    path("reviews/", include("reviews.urls")),
    path("clients/", include("reviews.client_urls")),
    path("dashboard/", include("dashboard.urls")),
    path("", include("saved_searches.urls")),
    path("favourites/", include("favourites.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("marketplace.api.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
]


def media(request, path):
    """Uploaded images from MEDIA_ROOT as configured now, not as it was at import."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media)]

# Django's error pages, answering JSON instead of HTML under /api/.
handler400 = "marketplace.api.errors.bad_request"
handler403 = "marketplace.api.errors.permission_denied"
handler404 = "marketplace.api.errors.page_not_found"
handler500 = "marketplace.api.errors.server_error"
