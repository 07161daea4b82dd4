from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("auth/tokens/", views.ApiTokenListView.as_view(), name="auth-tokens"),
    path("auth/tokens/<int:pk>/", views.ApiTokenDetailView.as_view(), name="auth-token-detail"),
    path("auth/sessions/", views.SessionListView.as_view(), name="auth-sessions"),
    path("auth/sessions/<int:pk>/", views.SessionDetailView.as_view(), name="auth-session-detail"),
]
