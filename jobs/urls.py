from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("mine/", views.my_jobs, name="mine"),
    path("proposals/mine/", views.my_proposals, name="my_proposals"),
    path("invitations/mine/", views.my_invitations, name="my_invitations"),
    path("new/", views.post_job, name="post"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit_job, name="edit"),
    path("<int:pk>/publish/", views.publish_job, name="publish"),
    path("<int:pk>/close/", views.close_job, name="close"),
    path("<int:pk>/attachments/", views.add_attachment, name="attach"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.download_attachment,
        name="attachment",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.remove_attachment,
        name="remove_attachment",
    ),
    path("<int:pk>/proposals/", views.proposals, name="proposals"),
    path("<int:pk>/propose/", views.propose, name="propose"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.edit_proposal, name="edit_proposal"),
    path("proposals/<int:pk>/withdraw/", views.withdraw_proposal, name="withdraw"),
    path("proposals/<int:pk>/messages/", views.post_proposal_message, name="proposal_message"),
    path("proposals/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("invite/<slug:slug>/", views.invite, name="invite"),
]
