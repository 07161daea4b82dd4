from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("<slug:slug>/", views.profile_detail, name="detail"),
    path("<slug:slug>/resume/", views.resume_download, name="resume"),
    path("<slug:profile_slug>/samples/<slug:slug>/", views.sample_detail, name="sample"),
]
