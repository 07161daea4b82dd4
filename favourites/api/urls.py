from django.urls import path

from favourites.api import views

urlpatterns = [
    path("favourites/", views.FavouriteListView.as_view(), name="favourite-list"),
    path("favourites/<int:pk>/", views.FavouriteDetailView.as_view(), name="favourite-detail"),
]
