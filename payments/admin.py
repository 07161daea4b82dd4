from django.contrib import admin

from payments.models import (
    Dispute,
    Milestone,
    MilestonePlan,
    Payment,
    Payout,
    PayoutDetails,
    Receipt,
    Refund,
    RefundProposal,
    StripeEvent,
    Submission,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff read money rows here; they change only through the workflows (disputes and
    payouts have their own staff pages)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MilestonePlan)
class MilestonePlanAdmin(ReadOnlyAdmin):
    list_display = ("engagement", "proposed_by", "proposed_at", "accepted_at", "fee_percent")


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ("title", "engagement", "amount", "currency", "state", "auto_release_at")
    list_filter = ("state", "currency")
    search_fields = ("title", "engagement__service__title")


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("payment_intent_id", "milestone", "amount_minor", "currency", "status")
    list_filter = ("status", "processor")
    search_fields = ("payment_intent_id",)


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ("stripe_refund_id", "milestone", "amount", "currency", "cause", "created_at")


@admin.register(RefundProposal)
class RefundProposalAdmin(ReadOnlyAdmin):
    list_display = ("milestone", "proposed_by", "amount", "status", "created_at")


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("milestone", "created_at")


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ("milestone", "opened_by", "opened_at", "answer_due_at", "resolved_at")
    list_filter = ("resolved_at",)


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("pk", "freelancer", "amount", "currency", "status", "requested_at")
    list_filter = ("status", "currency")
    search_fields = ("freelancer__email", "account_holder")


@admin.register(PayoutDetails)
class PayoutDetailsAdmin(ReadOnlyAdmin):
    list_display = ("user", "account_holder", "updated_at")
    search_fields = ("user__email", "account_holder")


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("display_number", "kind", "amount", "currency", "issued_at")
    list_filter = ("kind",)
    search_fields = ("number", "description")


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "received_at")
    search_fields = ("event_id",)
