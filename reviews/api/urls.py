from django.urls import path

from reviews.api import views

urlpatterns = [
    path(
        "services/<slug:slug>/reviews/",
        views.ServiceReviewListView.as_view(),
        name="service-reviews",
    ),
    path(
        "profiles/<slug:slug>/reviews/",
        views.ProfileReviewListView.as_view(),
        name="profile-reviews",
    ),
    path(
        "clients/<str:username>/reviews/",
        views.ClientReviewListView.as_view(),
        name="client-reviews",
    ),
    path("reviews/", views.ReviewCreateView.as_view(), name="review-create"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("reviews/<int:pk>/response/", views.ReviewResponseView.as_view(), name="review-response"),
    path("reviews/<int:pk>/reports/", views.ReviewReportView.as_view(), name="review-reports"),
]
