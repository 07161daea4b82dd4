from django.urls import path

from saved_searches.api import views

urlpatterns = [
    path("saved-searches/", views.SavedSearchListView.as_view(), name="saved-search-list"),
    path(
        "saved-searches/<int:pk>/",
        views.SavedSearchDetailView.as_view(),
        name="saved-search-detail",
    ),
]
