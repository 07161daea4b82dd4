"""The API's root URLs: version 1 of each app's endpoints, the schema and its docs."""

from django.urls import include, path

from marketplace.api.docs import RedocView, SchemaView, SwaggerView

v1 = [
    path("", include("accounts.api.urls")),
    path("", include("services.api.urls")),
    path("", include("profiles.api.urls")),
    path("", include("languages.api.urls")),
    path("", include("engagements.api.urls")),
    path("", include("payments.api.urls")),
    path("", include("orders.api.urls")),
    path("", include("reviews.api.urls")),
    path("", include("jobs.api.urls")),
    path("", include("timesheets.api.urls")),
    path("", include("saved_searches.api.urls")),
    path("", include("favourites.api.urls")),
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="api")),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(), name="api-docs"),
    path("redoc/", RedocView.as_view(), name="api-redoc"),
]
