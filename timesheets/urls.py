from django.urls import path

from timesheets import views

app_name = "timesheets"
urlpatterns = [
    path("engagements/<int:pk>/", views.contract, name="contract"),
    path("engagements/<int:pk>/terms/", views.propose_terms, name="propose_terms"),
    path("engagements/<int:pk>/terms/<str:decision>/", views.decide_terms, name="decide_terms"),
    path("engagements/<int:pk>/entries/", views.add_entry, name="add_entry"),
    path("engagements/<int:pk>/card/", views.card, name="card"),
    path("engagements/<int:pk>/contract/<str:change>/", views.change_state, name="change_state"),
    path("entries/<int:pk>/", views.edit_entry, name="edit_entry"),
    path("weeks/<int:pk>/", views.week, name="week"),
    path("weeks/<int:pk>/dispute/", views.dispute, name="dispute"),
    path("weeks/<int:pk>/retry/", views.retry, name="retry"),
    path("staff/disputes/", views.dispute_list, name="dispute_list"),
    path("staff/disputes/<int:pk>/", views.dispute_resolve, name="dispute_resolve"),
]
