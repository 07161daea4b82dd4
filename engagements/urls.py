from django.urls import path

from engagements import document_views, views

app_name = "engagements"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("quote/<slug:slug>/", views.request_quote, name="request_quote"),
    path("quote/<slug:slug>/document/", document_views.upload, name="document_quote_upload"),
    path("document-quotes/<uuid:pk>/", document_views.detail, name="document_quote"),
    path(
        "document-quotes/<uuid:pk>/download/",
        document_views.download,
        name="document_quote_download",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/messages/", views.post_message, name="post_message"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
]
