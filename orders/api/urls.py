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
    path("orders/<int:pk>/extras/", views.ExtraOfferView.as_view(), name="order-extras"),
    path("orders/extras/<int:pk>/accept/", views.ExtraAcceptView.as_view(), name="extra-accept"),
    path("orders/extras/<int:pk>/decline/", views.ExtraDeclineView.as_view(), name="extra-decline"),
    path(
        "orders/extras/<int:pk>/withdraw/",
        views.ExtraWithdrawView.as_view(),
        name="extra-withdraw",
    ),
]
