from django.urls import path

from favourites import views

app_name = "favourites"
urlpatterns = [
    path("", views.favourite_list, name="list"),
    path("<slug:kind>/<int:pk>/", views.toggle, name="toggle"),
]
