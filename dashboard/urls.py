from django.urls import path

from dashboard.views import files, home, profile, samples, services
from profiles.uploads import PROFILE_FILES

app_name = "dashboard"
urlpatterns = [
    path("", home.home, name="home"),
    path("become-freelancer/", home.become_freelancer, name="become_freelancer"),
    path("profile/", profile.profile_edit, name="profile"),
    path("profile/files/", files.files, name="files"),
    *(
        route
        for kind in PROFILE_FILES
        for route in (
            path(f"profile/{kind}/", files.upload, {"kind": kind}, name=f"{kind}_upload"),
            path(f"profile/{kind}/remove/", files.remove, {"kind": kind}, name=f"{kind}_remove"),
        )
    ),
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
