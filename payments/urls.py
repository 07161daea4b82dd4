from django.urls import path

from payments.views import earnings, funding, milestones, receipts, staff, webhooks

app_name = "payments"
urlpatterns = [
    path("engagements/<int:pk>/plan/", milestones.plan_edit, name="plan_edit"),
    path("engagements/<int:pk>/plan/accept/", milestones.plan_accept, name="plan_accept"),
    path("milestones/<int:pk>/fund/", funding.fund, name="fund"),
    path("milestones/<int:pk>/fund/return/", funding.fund_return, name="fund_return"),
    path("milestones/<int:pk>/<slug:step>/", milestones.milestone_step, name="step"),
    path("files/<int:pk>/", milestones.download_file, name="submission_file"),
    path("earnings/", earnings.earnings, name="earnings"),
    path("earnings/payout/", earnings.request_payout, name="request_payout"),
    path("earnings/payout-details/", earnings.payout_details, name="payout_details"),
    path("receipts/<int:number>/", receipts.receipt, name="receipt"),
    path("receipts/<int:number>.pdf", receipts.receipt_pdf, name="receipt_pdf"),
    path("staff/disputes/", staff.dispute_list, name="dispute_list"),
    path("staff/disputes/<int:pk>/", staff.dispute_resolve, name="dispute_resolve"),
    path("staff/payouts/", staff.payout_queue, name="payout_queue"),
    path("staff/payouts.csv", staff.payout_csv, name="payout_csv"),
    path(
        "staff/payouts/<int:pk>/<str:outcome>/",
        staff.payout_decide,
        name="payout_decide",
    ),
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
]
