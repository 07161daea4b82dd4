from django.urls import path

from jobs.api import views

urlpatterns = [
    path("jobs/", views.JobListView.as_view(), name="job-list"),
    path("jobs/mine/", views.MyJobListView.as_view(), name="job-mine"),
    path("jobs/<int:pk>/", views.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<int:pk>/publish/", views.PublishJobView.as_view(), name="job-publish"),
    path("jobs/<int:pk>/close/", views.CloseJobView.as_view(), name="job-close"),
    path("jobs/<int:pk>/proposals/", views.JobProposalListView.as_view(), name="job-proposals"),
    path(
        "jobs/<int:pk>/attachments/",
        views.JobAttachmentListView.as_view(),
        name="job-attachments",
    ),
    path(
        "jobs/<int:pk>/attachments/<int:attachment_pk>/",
        views.JobAttachmentDetailView.as_view(),
        name="job-attachment",
    ),
    path("jobs/<int:pk>/invitations/", views.InvitationView.as_view(), name="job-invitations"),
    path("jobs/proposals/mine/", views.MyProposalListView.as_view(), name="proposal-mine"),
    path("jobs/invitations/mine/", views.MyInvitationListView.as_view(), name="invitation-mine"),
    path("jobs/proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path(
        "jobs/proposals/<int:pk>/messages/",
        views.ProposalMessageListView.as_view(),
        name="proposal-messages",
    ),
    path(
        "jobs/proposals/<int:pk>/withdraw/",
        views.WithdrawProposalView.as_view(),
        name="proposal-withdraw",
    ),
    path(
        "jobs/proposals/<int:pk>/shortlist/",
        views.ShortlistView.as_view(),
        name="proposal-shortlist",
    ),
    path("jobs/proposals/<int:pk>/decline/", views.DeclineView.as_view(), name="proposal-decline"),
    path("jobs/proposals/<int:pk>/hire/", views.HireView.as_view(), name="proposal-hire"),
]
