from django.urls import path

from engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("quote/<slug:slug>/", views.request_quote, name="request_quote"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/messages/", views.post_message, name="post_message"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
]
