from django.urls import path

from languages.api import views

urlpatterns = [
    path("languages/", views.LanguageListView.as_view(), name="language-list"),
]
