from django.urls import path

from engagements.api import views

urlpatterns = [
    path("engagements/", views.EngagementListView.as_view(), name="engagement-list"),
    path("engagements/<int:pk>/", views.EngagementDetailView.as_view(), name="engagement-detail"),
    path(
        "engagements/<int:pk>/messages/",
        views.MessageListView.as_view(),
        name="engagement-messages",
    ),
    path("engagements/<int:pk>/accept/", views.AcceptView.as_view(), name="engagement-accept"),
    path("engagements/<int:pk>/decline/", views.DeclineView.as_view(), name="engagement-decline"),
    path("engagements/<int:pk>/deliver/", views.DeliverView.as_view(), name="engagement-deliver"),
    path(
        "engagements/<int:pk>/complete/", views.CompleteView.as_view(), name="engagement-complete"
    ),
    path(
        "services/<slug:slug>/document-quotes/",
        views.DocumentQuoteCreateView.as_view(),
        name="document-quote-create",
    ),
    path(
        "document-quotes/<uuid:pk>/",
        views.DocumentQuoteDetailView.as_view(),
        name="document-quote-detail",
    ),
    path("engagements/<int:pk>/cancel/", views.CancelView.as_view(), name="engagement-cancel"),
]
