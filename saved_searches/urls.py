from django.urls import path

from saved_searches import views

app_name = "saved_searches"
urlpatterns = [
    path("saved-searches/save/", views.save, name="save"),
    path(
        "saved-searches/<int:pk>/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
    path(
        "saved-searches/unsubscribe-all/<int:user_id>/<str:token>/",
        views.unsubscribe_all,
        name="unsubscribe_all",
    ),
    path("dashboard/saved-searches/", views.saved_search_list, name="list"),
    path("dashboard/saved-searches/<int:pk>/edit/", views.edit, name="edit"),
    path("dashboard/saved-searches/<int:pk>/pause/", views.pause, name="pause"),
    path("dashboard/saved-searches/<int:pk>/resume/", views.resume, name="resume"),
    path("dashboard/saved-searches/<int:pk>/delete/", views.delete, name="delete"),
]
