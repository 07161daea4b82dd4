"""Clients' public pages (clients have no profile; this is what freelancers judge them by)."""

from django.urls import path

from reviews import views

app_name = "clients"
urlpatterns = [
    path("<str:username>/", views.client_detail, name="detail"),
]
