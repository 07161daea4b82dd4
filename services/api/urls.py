from django.urls import path

from services.api import offer, views

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
    path("services/<slug:slug>/packages/", offer.PackageListView.as_view(), name="package-list"),
    path(
        "services/<slug:slug>/packages/<str:tier>/",
        offer.PackageDetailView.as_view(),
        name="package-detail",
    ),
    path("services/<slug:slug>/add-ons/", offer.AddOnListView.as_view(), name="add-on-list"),
    path(
        "services/<slug:slug>/add-ons/<int:pk>/",
        offer.AddOnDetailView.as_view(),
        name="add-on-detail",
    ),
    path("services/<slug:slug>/questions/", offer.QuestionListView.as_view(), name="question-list"),
    path(
        "services/<slug:slug>/questions/<int:pk>/",
        offer.QuestionDetailView.as_view(),
        name="question-detail",
    ),
    path("me/services/", views.OwnServiceListView.as_view(), name="me-services"),
    path(
        "profiles/<slug:slug>/services/",
        views.ProfileServiceListView.as_view(),
        name="profile-services",
    ),
]
