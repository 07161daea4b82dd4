from django.urls import path

from payments.api import views
from payments.steps import STEPS

urlpatterns = [
    path("engagements/<int:pk>/milestones/", views.PlanView.as_view(), name="milestone-plan"),
    path(
        "engagements/<int:pk>/milestones/accept/",
        views.PlanAcceptView.as_view(),
        name="milestone-plan-accept",
    ),
    path("milestones/<int:pk>/", views.MilestoneDetailView.as_view(), name="milestone-detail"),
    path("milestones/<int:pk>/fund/", views.FundView.as_view(), name="milestone-fund"),
    *(
        path(
            f"milestones/<int:pk>/{step}/",
            views.step_view(step).as_view(),
            name=f"milestone-{step}",
        )
        for step in STEPS
    ),
    path("payments/<int:pk>/charge/", views.PaymentChargeView.as_view(), name="payment-charge"),
    path("payments/<int:pk>/refresh/", views.PaymentRefreshView.as_view(), name="payment-refresh"),
    path("me/balance/", views.BalanceView.as_view(), name="balance"),
    path("me/movements/", views.MovementListView.as_view(), name="movements"),
    path("me/payouts/", views.PayoutListView.as_view(), name="payouts"),
    path("me/payout-details/", views.PayoutDetailsView.as_view(), name="payout-details"),
    path("me/receipts/", views.ReceiptListView.as_view(), name="receipts"),
    path("receipts/<int:number>/", views.ReceiptDetailView.as_view(), name="receipt-detail"),
]
