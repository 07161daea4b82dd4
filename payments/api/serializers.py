"""The payment API's shapes. Input is checked by the pages' own forms (through
`FormSerializer`) or the workflows' shared rules, so the API and the pages never disagree."""

from decimal import Decimal

from django.utils.datastructures import MultiValueDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.api.form_serializers import FormSerializer, StrictSerializer
from messaging.models import Side
from money.api.fields import AmountField, MoneyDisplayField
from money.limits import MAX_QUOTE, MIN_PRICE
from payments import planning
from payments.files import FILE_RULES, MAX_FILES
from payments.forms import (
    AnswerForm,
    ChangesForm,
    DisputeForm,
    PayoutDetailsForm,
    PayoutRequestForm,
    RefundProposalForm,
    SubmissionForm,
)
from payments.models import (
    MAX_MILESTONES,
    MAX_REVISIONS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Dispute,
    Milestone,
    MilestonePlan,
    Payment,
    Payout,
    Receipt,
    RefundProposal,
    SubmissionFile,
)
from payments.planning import MilestoneDraft

MAX_PAYOUT = Decimal("1000000")


class SubmissionFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The download (the two sides and staff).")

    class Meta:
        model = SubmissionFile
        fields = ["id", "name", "content_type", "size", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, delivered: SubmissionFile) -> str:
        return self.context["request"].build_absolute_uri(delivered.get_absolute_url())


class SubmissionSerializer(serializers.Serializer):
    message = serializers.CharField()
    created_at = serializers.DateTimeField()
    files = SubmissionFileSerializer(many=True)


class RefundProposalSerializer(serializers.ModelSerializer):
    class Meta:
        model = RefundProposal
        fields = ["id", "proposed_by", "amount", "reason", "created_at"]


class DisputeSerializer(serializers.ModelSerializer):
    answering_side = serializers.ChoiceField(choices=Side.choices, read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "opened_by",
            "reason",
            "opened_at",
            "answering_side",
            "answer_due_at",
            "answer",
            "answered_at",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    """A milestone as its two sides (and staff) see it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:milestone-detail")
    amount_display = MoneyDisplayField("amount")
    fee_on_release = serializers.SerializerMethodField(
        help_text="The platform fee a full release costs the freelancer, at the plan's rate."
    )
    open_refund_proposal = serializers.SerializerMethodField()
    open_dispute = serializers.SerializerMethodField()
    last_submission = serializers.SerializerMethodField()
    awaiting_client_brief = serializers.BooleanField(
        read_only=True,
        help_text="An order's milestone before the client answered its questions: nothing "
        "can be submitted yet (`milestones_submit` is 409 `wrong_state`).",
    )

    class Meta:
        model = Milestone
        fields = [
            "id",
            "url",
            "engagement",
            "position",
            "title",
            "amount",
            "amount_display",
            "currency",
            "fee_on_release",
            "due_date",
            "deliverables",
            "revisions_allowed",
            "revisions_used",
            "state",
            "awaiting_client_brief",
            "funded_at",
            "submitted_at",
            "auto_release_at",
            "released_automatically",
            "settled_at",
            "refunded_amount",
            "released_amount",
            "fee_amount",
            "open_refund_proposal",
            "open_dispute",
            "last_submission",
        ]

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_fee_on_release(self, milestone: Milestone) -> str:
        plan = milestone.engagement.milestone_plan
        return str(planning.fee_preview(milestone.amount, milestone.currency, plan.fee_percent))

    @extend_schema_field(RefundProposalSerializer(allow_null=True))
    def get_open_refund_proposal(self, milestone: Milestone):
        found = next((p for p in milestone.refund_proposals.all() if p.status == "open"), None)
        return RefundProposalSerializer(found).data if found else None

    @extend_schema_field(DisputeSerializer(allow_null=True))
    def get_open_dispute(self, milestone: Milestone):
        found = next((d for d in milestone.disputes.all() if d.is_open), None)
        return DisputeSerializer(found).data if found else None

    @extend_schema_field(SubmissionSerializer(allow_null=True))
    def get_last_submission(self, milestone: Milestone):
        submissions = list(milestone.submissions.all())
        if not submissions:
            return None
        return SubmissionSerializer(submissions[-1], context=self.context).data


class PlanSerializer(serializers.ModelSerializer):
    fee_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        help_text="The platform's fee on each release, in percent, frozen on the plan.",
    )
    side_to_accept = serializers.ChoiceField(choices=Side.choices, read_only=True)
    milestones = serializers.SerializerMethodField()

    class Meta:
        model = MilestonePlan
        fields = [
            "engagement",
            "proposed_by",
            "proposed_at",
            "accepted_at",
            "side_to_accept",
            "fee_percent",
            "milestones",
        ]

    @extend_schema_field(MilestoneSerializer(many=True))
    def get_milestones(self, plan: MilestonePlan):
        return MilestoneSerializer(self.context["milestones"], many=True, context=self.context).data


class MilestoneDraftSerializer(StrictSerializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    amount = AmountField(minimum=MIN_PRICE, maximum=MAX_QUOTE, required=True, allow_null=False)
    due_date = serializers.DateField(required=False, allow_null=True)
    deliverables = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    revisions_allowed = serializers.IntegerField(
        min_value=0, max_value=MAX_REVISIONS, required=False, default=1
    )


class PlanWriteSerializer(StrictSerializer):
    milestones = MilestoneDraftSerializer(
        many=True,
        min_length=1,
        max_length=MAX_MILESTONES,
        help_text="In order. Their amounts must add up to the engagement's agreed fixed price "
        "(`quoted_amount`), in its currency.",
    )

    def validate(self, attrs):
        drafts = [
            MilestoneDraft(
                title=item["title"],
                amount=item["amount"],
                due_date=item.get("due_date"),
                deliverables=item.get("deliverables", ""),
                revisions_allowed=item.get("revisions_allowed", 1),
            )
            for item in attrs["milestones"]
        ]
        problems = planning.plan_problems(self.context["engagement"], drafts)
        if problems:
            raise serializers.ValidationError({"milestones": problems})
        return {"drafts": drafts}


class FundingSerializer(serializers.Serializer):
    """What a client needs to pay with Stripe.js (or a Stripe SDK)."""

    payment = serializers.IntegerField(help_text="The payment attempt's id.")
    payment_intent = serializers.CharField(help_text="The Stripe PaymentIntent's id.")
    client_secret = serializers.CharField(
        help_text="The PaymentIntent's client secret, for `stripe.confirmCardPayment`."
    )
    setup_intent = serializers.CharField(
        help_text="A SetupIntent to save the card with first (`stripe.confirmCardSetup`), "
        "then `payments_charge` charges it."
    )
    setup_client_secret = serializers.CharField()
    publishable_key = serializers.CharField()
    stripe_js = serializers.URLField(help_text="Where to load Stripe.js from.")
    test_mode = serializers.BooleanField(help_text="Test cards only (e.g. 4242 4242 4242 4242).")
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    amount_minor = serializers.IntegerField(help_text="The amount in the currency's minor units.")
    currency = serializers.CharField()


class ChargeSerializer(StrictSerializer):
    setup_intent = serializers.RegexField(
        r"^seti_[A-Za-z0-9_]{1,200}$",
        help_text="The SetupIntent (from `payments_fund`) that saved the card.",
    )


class PaymentSerializer(serializers.ModelSerializer):
    payment_intent = serializers.CharField(source="payment_intent_id", allow_null=True)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "milestone", "payment_intent", "status", "amount", "currency", "last_error"]


class ChangesSerializer(FormSerializer):
    form_class = ChangesForm
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class RefundProposalWriteSerializer(FormSerializer):
    form_class = RefundProposalForm
    amount = AmountField(
        minimum=Decimal(0),
        maximum=MAX_QUOTE,
        required=True,
        allow_null=False,
        help_text="More than zero and at most the milestone's amount, in whole minor units.",
    )
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class DisputeWriteSerializer(FormSerializer):
    form_class = DisputeForm
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class AnswerSerializer(FormSerializer):
    form_class = AnswerForm
    answer = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class SubmissionWriteSerializer(serializers.Serializer):
    """Multipart: `message`, and up to MAX_FILES `files` (each checked by decoding it)."""

    message = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=MAX_FILES,
        help_text=f"{FILE_RULES}.",
    )

    def validate(self, attrs):
        form = SubmissionForm(
            data={"message": attrs["message"]},
            files=MultiValueDict({"files": attrs.get("files", [])}),
        )
        if not form.is_valid():
            raise serializers.ValidationError(dict(form.errors))
        return form.cleaned_data


class BalanceSerializer(serializers.Serializer):
    currency = serializers.CharField()
    pending = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="In escrow for your funded milestones."
    )
    available = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Yours to pay out."
    )
    requested = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Payouts asked for and not yet paid."
    )
    paid_out = serializers.DecimalField(max_digits=14, decimal_places=2)


class MovementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField(source="transaction.created_at")
    kind = serializers.CharField(source="transaction.kind")
    description = serializers.CharField(source="transaction.memo")
    account = serializers.CharField(
        source="account.kind", help_text="escrow (pending), freelancer_balance (available), …"
    )
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Into the account (negative: out of it)."
    )
    currency = serializers.CharField(source="transaction.currency")


class PayoutSerializer(serializers.ModelSerializer):
    amount_display = MoneyDisplayField("amount")

    class Meta:
        model = Payout
        fields = [
            "id",
            "currency",
            "amount",
            "amount_display",
            "status",
            "requested_at",
            "decided_at",
            "reference",
        ]


class PayoutWriteSerializer(FormSerializer):
    form_class = PayoutRequestForm
    currency = serializers.ChoiceField(choices=PayoutRequestForm.base_fields["currency"].choices)
    amount = AmountField(
        minimum=Decimal(0),
        maximum=MAX_PAYOUT,
        required=True,
        allow_null=False,
        help_text="At most your available balance in that currency.",
    )


class PayoutDetailsSerializer(FormSerializer):
    form_class = PayoutDetailsForm
    account_holder = serializers.CharField(max_length=120)
    bank_details = serializers.CharField(max_length=500)


class ReceiptSerializer(serializers.ModelSerializer):
    page_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    net = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Receipt
        fields = [
            "number",
            "display_number",
            "kind",
            "issued_at",
            "currency",
            "amount",
            "fee",
            "net",
            "description",
            "client_name",
            "freelancer_name",
            "page_url",
            "pdf_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, receipt: Receipt) -> str:
        return self.context["request"].build_absolute_uri(receipt.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf_url(self, receipt: Receipt) -> str:
        return self.context["request"].build_absolute_uri(
            receipt.get_absolute_url().rstrip("/") + ".pdf"
        )
