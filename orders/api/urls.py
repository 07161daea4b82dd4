from django.urls import path

from orders.api import views

urlpatterns = [
    path("services/<slug:slug>/orders/", views.OrderCreateView.as_view(), name="service-orders"),
    path("orders/", views.OrderListView.as_view(), name="order-list"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order-detail"),
    path(
        "orders/<int:pk>/requirements/",
        views.RequirementsView.as_view(),
        name="order-requirements",
    ),
    path("orders/<int:pk>/cancel/", views.CancelView.as_view(), name="order-cancel"),
]
