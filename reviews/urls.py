from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("new/<int:engagement_pk>/", views.create, name="create"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/report/", views.report, name="report"),
    path("about-ratings/", views.about_ratings, name="about_ratings"),
]
