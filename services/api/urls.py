from django.urls import path

from services.api import views

urlpatterns = [
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("services/", views.ServiceListView.as_view(), name="service-list"),
    path("services/<slug:slug>/", views.ServiceDetailView.as_view(), name="service-detail"),
    path(
        "services/<slug:slug>/publish/",
        views.ServicePublishView.as_view(),
        name="service-publish",
    ),
    path("services/<slug:slug>/pause/", views.ServicePauseView.as_view(), name="service-pause"),
    path("me/services/", views.OwnServiceListView.as_view(), name="me-services"),
    path(
        "profiles/<slug:slug>/services/",
        views.ProfileServiceListView.as_view(),
        name="profile-services",
    ),
]
