from django.urls import path, re_path

from dashboard.views import files, home, languages, packages, profile, samples, services
from profiles.uploads import PROFILE_FILES

EXTRA_KINDS = "(?P<kind>" + "|".join(packages.EXTRAS) + ")"

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
    path("languages/", languages.languages, name="languages"),
    path("languages/add/", languages.language_add, name="language_add"),
    path("languages/<slug:code>/remove/", languages.language_remove, name="language_remove"),
    path("language-pairs/add/", languages.pair_add, name="pair_add"),
    path("language-pairs/<int:pk>/remove/", languages.pair_remove, name="pair_remove"),
    path("services/", services.service_list, name="services"),
    path("services/new/", services.service_create, name="service_create"),
    path("services/<slug:slug>/edit/", services.service_edit, name="service_edit"),
    path("services/<slug:slug>/preview/", services.service_preview, name="service_preview"),
    path("services/<slug:slug>/publish/", services.service_publish, name="service_publish"),
    path("services/<slug:slug>/pause/", services.service_pause, name="service_pause"),
    path("services/<slug:slug>/delete/", services.service_delete, name="service_delete"),
    path("services/<slug:slug>/packages/", packages.packages_edit, name="packages"),
    # Add-ons and questions: one table-driven set of views (dashboard.views.packages.EXTRAS).
    re_path(rf"^services/(?P<slug>[-\w]+)/{EXTRA_KINDS}/$", packages.extras, name="extras"),
    re_path(
        rf"^services/(?P<slug>[-\w]+)/{EXTRA_KINDS}/(?P<pk>[0-9]+)/$",
        packages.extra_edit,
        name="extra_edit",
    ),
    re_path(
        rf"^services/(?P<slug>[-\w]+)/{EXTRA_KINDS}/(?P<pk>[0-9]+)/delete/$",
        packages.extra_delete,
        name="extra_delete",
    ),
    path("samples/", samples.sample_list, name="samples"),
    path("samples/new/", samples.sample_create, name="sample_create"),
    path("samples/<slug:slug>/edit/", samples.sample_edit, name="sample_edit"),
    path("samples/<slug:slug>/delete/", samples.sample_delete, name="sample_delete"),
]
