from django.urls import path

from profiles.api import views

urlpatterns = [
    path("skills/", views.SkillListView.as_view(), name="skill-list"),
    path("profiles/", views.ProfileListView.as_view(), name="profile-list"),
    path("profiles/<slug:slug>/", views.ProfileDetailView.as_view(), name="profile-detail"),
    path(
        "profiles/<slug:slug>/resume/",
        views.ResumeDownloadView.as_view(),
        name="profile-resume",
    ),
    path(
        "profiles/<slug:profile_slug>/samples/",
        views.SampleListView.as_view(),
        name="sample-list",
    ),
    path(
        "profiles/<slug:profile_slug>/samples/<slug:slug>/",
        views.SampleDetailView.as_view(),
        name="sample-detail",
    ),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/languages/", views.MyLanguagesView.as_view(), name="me-languages"),
    path("me/languages/<slug:code>/", views.MyLanguageView.as_view(), name="me-language"),
    path("me/language-pairs/", views.MyLanguagePairsView.as_view(), name="me-language-pairs"),
    path(
        "me/language-pairs/<int:pk>/", views.MyLanguagePairView.as_view(), name="me-language-pair"
    ),
    path("me/avatar/", views.AvatarView.as_view(), name="me-avatar"),
    path("me/banner/", views.BannerView.as_view(), name="me-banner"),
    path("me/resume/", views.ResumeView.as_view(), name="me-resume"),
]
