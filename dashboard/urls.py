from django.urls import path

from dashboard.views import files, home, profile, samples, services

app_name = "dashboard"
urlpatterns = [
    path("", home.home, name="home"),
    path("become-freelancer/", home.become_freelancer, name="become_freelancer"),
    path("profile/", profile.profile_edit, name="profile"),
    path("profile/files/", files.files, name="files"),
    path("profile/avatar/", files.avatar_upload, name="avatar_upload"),
    path("profile/avatar/remove/", files.avatar_remove, name="avatar_remove"),
    path("profile/banner/", files.banner_upload, name="banner_upload"),
    path("profile/banner/remove/", files.banner_remove, name="banner_remove"),
    path("profile/resume/", files.resume_upload, name="resume_upload"),
    path("profile/resume/remove/", files.resume_remove, name="resume_remove"),
    path("services/", services.service_list, name="services"),
    path("services/new/", services.service_create, name="service_create"),
    path("services/<slug:slug>/edit/", services.service_edit, name="service_edit"),
    path("services/<slug:slug>/preview/", services.service_preview, name="service_preview"),
    path("services/<slug:slug>/publish/", services.service_publish, name="service_publish"),
    path("services/<slug:slug>/pause/", services.service_pause, name="service_pause"),
    path("services/<slug:slug>/delete/", services.service_delete, name="service_delete"),
    path("samples/", samples.sample_list, name="samples"),
    path("samples/new/", samples.sample_create, name="sample_create"),
    path("samples/<slug:slug>/edit/", samples.sample_edit, name="sample_edit"),
    path("samples/<slug:slug>/delete/", samples.sample_delete, name="sample_delete"),
]
