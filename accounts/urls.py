from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("security/", views.security, name="security"),
    path("sessions/", views.sessions, name="sessions"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/new/", views.create_token_view, name="token-create"),
    path("tokens/<int:pk>/revoke/", views.revoke_token_view, name="token-revoke"),
    path("activity/", views.activity, name="activity"),
    path("data/", views.your_data, name="data"),
    path("data/export/", views.request_export, name="export-request"),
    path("data/exports/<int:pk>/download/", views.download_export, name="export-download"),
    path("delete/", views.delete_account_view, name="delete"),
]
