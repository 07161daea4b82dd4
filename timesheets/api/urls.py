from django.urls import path

from timesheets.api import views

urlpatterns = [
    path("hourly/engagements/<int:pk>/", views.ContractView.as_view(), name="hourly-contract"),
    path("hourly/engagements/<int:pk>/terms/", views.TermsView.as_view(), name="hourly-terms"),
    path(
        "hourly/engagements/<int:pk>/terms/accept/",
        views.TermsAcceptView.as_view(),
        name="hourly-terms-accept",
    ),
    path(
        "hourly/engagements/<int:pk>/terms/decline/",
        views.TermsDeclineView.as_view(),
        name="hourly-terms-decline",
    ),
    *(
        path(
            f"hourly/engagements/<int:pk>/{change}/",
            views.state_view(change).as_view(),
            name=f"hourly-{change}",
        )
        for change in views.STATE_CHANGES
    ),
    path("hourly/engagements/<int:pk>/card/", views.CardSetupView.as_view(), name="hourly-card"),
    path(
        "hourly/engagements/<int:pk>/card/confirm/",
        views.CardConfirmView.as_view(),
        name="hourly-card-confirm",
    ),
    path(
        "hourly/engagements/<int:pk>/entries/",
        views.EntryListView.as_view(),
        name="hourly-entries",
    ),
    path("hourly/entries/<int:pk>/", views.EntryDetailView.as_view(), name="hourly-entry"),
    path("hourly/engagements/<int:pk>/weeks/", views.WeekListView.as_view(), name="hourly-weeks"),
    path("hourly/weeks/<int:pk>/", views.WeekDetailView.as_view(), name="hourly-week"),
    path("hourly/weeks/<int:pk>/charge/", views.WeekChargeView.as_view(), name="hourly-charge"),
    path(
        "hourly/weeks/<int:pk>/disputes/",
        views.WeekDisputeView.as_view(),
        name="hourly-disputes",
    ),
]
