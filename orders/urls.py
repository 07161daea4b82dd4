from django.urls import path

from orders import views

app_name = "orders"
urlpatterns = [
    path("new/<slug:slug>/", views.new_order, name="new"),
    path("<int:pk>/requirements/", views.requirements_form, name="requirements"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("answers/<int:pk>/file/", views.answer_file, name="answer_file"),
]
