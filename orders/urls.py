from django.urls import path

from orders import views

app_name = "orders"
urlpatterns = [
    path("new/<slug:slug>/", views.new_order, name="new"),
    path("<int:pk>/requirements/", views.requirements_form, name="requirements"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/extras/new/", views.offer_extra, name="offer_extra"),
    path(
        "extras/<int:pk>/<str:action>/",
        views.answer_extra,
        name="extra_action",
    ),
    path("answers/<int:pk>/file/", views.answer_file, name="answer_file"),
]
