"""The hourly API's shapes. Input is checked by the pages' own forms (`FormSerializer`), so
the API and the pages never disagree."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.api.form_serializers import FormSerializer, StrictSerializer
from money.api.fields import AmountField
from money.limits import MAX_QUOTE, MIN_PRICE
from payments.api.serializers import ReceiptSerializer
from timesheets import calendar
from timesheets.forms import DisputeForm, TermsForm, TimeEntryForm
from timesheets.models import (
    DESCRIPTION_MAX_LENGTH,
    HOURS_STEP,
    MAX_ENTRY_HOURS,
    MAX_WEEKLY_LIMIT,
    REASON_MAX_LENGTH,
    Contract,
    Terms,
    TimeEntry,
    Week,
    WeekDispute,
)


def _whole_numbers(low: int, high: int) -> str:
    """A regular expression for the whole numbers from `low` to `high` (1 <= low <= high),
    written without leading zeros."""
    if len(str(low)) < len(str(high)):
        split = 10 ** len(str(low))
        return f"{_whole_numbers(low, split - 1)}|{_whole_numbers(split, high)}"
    first_low, first_high, rest = str(low)[0], str(high)[0], len(str(low)) - 1
    if not rest:
        return f"[{low}-{high}]" if low != high else str(low)
    if first_low == first_high:
        tail = _zero_padded(int(str(low)[1:]), int(str(high)[1:]), rest)
        return f"{first_low}(?:{tail})"
    parts = [f"{first_low}(?:{_zero_padded(int(str(low)[1:]), 10**rest - 1, rest)})"]
    if int(first_high) - int(first_low) > 1:
        parts.append(f"[{int(first_low) + 1}-{int(first_high) - 1}]\\d{{{rest}}}")
    parts.append(f"{first_high}(?:{_zero_padded(0, int(str(high)[1:]), rest)})")
    return "|".join(parts)


def _zero_padded(low: int, high: int, width: int) -> str:
    """The numbers from `low` to `high` written with `width` digits ("07")."""
    if low == 0 and high == 10**width - 1:
        return f"\\d{{{width}}}"
    first_low, first_high = low // 10 ** (width - 1), high // 10 ** (width - 1)
    if width == 1:
        return f"[{low}-{high}]"
    below = 10 ** (width - 1)
    if first_low == first_high:
        return f"{first_low}(?:{_zero_padded(low % below, high % below, width - 1)})"
    parts = [f"{first_low}(?:{_zero_padded(low % below, below - 1, width - 1)})"]
    if first_high - first_low > 1:
        parts.append(f"[{first_low + 1}-{first_high - 1}]\\d{{{width - 1}}}")
    parts.append(f"{first_high}(?:{_zero_padded(0, high % below, width - 1)})")
    return "|".join(parts)


def hours_pattern(maximum: Decimal) -> str:
    """Hours as the forms take them, as a regular expression the schema publishes: a decimal
    string in quarter-hour steps from 0.25 to `maximum` ("0.25", "7", "7.5", "7.25")."""
    top = int(maximum)
    quarters = r"\.(?:25|5|50|75)"
    return (
        rf"^(?:0{quarters}|(?:{_whole_numbers(1, top - 1)})(?:{quarters}|\.0{{1,2}})?"
        rf"|{top}(?:\.0{{1,2}})?)$"
    )


def hours_field(*, maximum: Decimal, help_text: str) -> serializers.RegexField:
    return serializers.RegexField(
        hours_pattern(maximum),
        max_length=6,
        error_messages={
            "invalid": f"Give hours from {HOURS_STEP} to {maximum} in quarter-hour steps."
        },
        help_text=help_text,
    )


class TermsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Terms
        fields = [
            "id",
            "proposed_by",
            "hourly_rate",
            "weekly_limit",
            "status",
            "proposed_at",
            "decided_at",
            "effective_from",
        ]


class TermsWriteSerializer(FormSerializer):
    form_class = TermsForm
    hourly_rate = AmountField(
        minimum=MIN_PRICE,
        maximum=MAX_QUOTE,
        required=True,
        allow_null=False,
        help_text="The hourly rate, in the engagement's currency.",
    )
    weekly_limit = hours_field(
        maximum=MAX_WEEKLY_LIMIT,
        help_text=f"Hours billed at most in one week: {HOURS_STEP} to {MAX_WEEKLY_LIMIT}, in "
        f"steps of {HOURS_STEP}.",
    )
    time_zone = serializers.ChoiceField(
        choices=calendar.zone_choices(),
        required=False,
        allow_blank=True,
        help_text="The freelancer's IANA time zone (e.g. `Europe/Berlin`); weeks run Monday to "
        "Sunday in it. Only before the contract starts; ignored after.",
    )


class TermsDecisionSerializer(StrictSerializer):
    terms = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The id of the proposal you read: refused (409 `terms_changed`) if another "
        "replaced it meanwhile.",
    )


class TimeEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = TimeEntry
        fields = ["id", "week", "date", "hours", "description", "created_at", "updated_at"]


class TimeEntryWriteSerializer(FormSerializer):
    form_class = TimeEntryForm
    date = serializers.DateField(help_text="A day of the current week, today or earlier.")
    hours = hours_field(
        maximum=MAX_ENTRY_HOURS,
        help_text=f"{HOURS_STEP} to {MAX_ENTRY_HOURS}, in steps of {HOURS_STEP} (a quarter hour).",
    )
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)


class WeekSerializer(serializers.ModelSerializer):
    ends_on = serializers.DateField(read_only=True)

    class Meta:
        model = Week
        fields = [
            "id",
            "starts_on",
            "ends_on",
            "closes_at",
            "state",
            "hourly_rate",
            "weekly_limit",
            "currency",
            "hours",
            "amount",
            "charged_at",
            "charge_failed_at",
            "last_error",
            "review_ends_at",
            "settled_at",
            "released_amount",
            "refunded_amount",
            "fee_amount",
        ]


class WeekDisputeSerializer(serializers.ModelSerializer):
    entries = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = WeekDispute
        fields = ["id", "reason", "entries", "opened_at", "resolved_at", "refund_amount"]


class WeekDetailSerializer(WeekSerializer):
    entries = TimeEntrySerializer(many=True, read_only=True)
    disputes = WeekDisputeSerializer(many=True, read_only=True)
    receipts = serializers.SerializerMethodField()

    class Meta(WeekSerializer.Meta):
        fields = [*WeekSerializer.Meta.fields, "entries", "disputes", "receipts"]

    @extend_schema_field(ReceiptSerializer(many=True))
    def get_receipts(self, week: Week) -> list[dict]:
        receipts = self.context.get("receipts", [])
        return ReceiptSerializer(receipts, many=True, context=self.context).data


class ContractSerializer(serializers.ModelSerializer):
    engagement = serializers.IntegerField(source="engagement_id", read_only=True)
    has_card = serializers.BooleanField(read_only=True)
    terms_in_force = serializers.SerializerMethodField()
    open_terms = serializers.SerializerMethodField()
    current_week = serializers.SerializerMethodField()
    why_no_time = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "engagement",
            "state",
            "time_zone",
            "currency",
            "started_at",
            "paused_at",
            "ended_at",
            "has_card",
            "card_saved_at",
            "terms_in_force",
            "open_terms",
            "current_week",
            "why_no_time",
        ]

    def get_terms_in_force(self, contract) -> TermsSerializer(allow_null=True):  # type: ignore[valid-type]
        terms = self.context.get("terms_in_force")
        return TermsSerializer(terms).data if terms else None

    def get_open_terms(self, contract) -> TermsSerializer(allow_null=True):  # type: ignore[valid-type]
        terms = self.context.get("open_terms")
        return TermsSerializer(terms).data if terms else None

    def get_current_week(self, contract) -> WeekSerializer(allow_null=True):  # type: ignore[valid-type]
        week = self.context.get("current_week")
        return WeekSerializer(week).data if week else None

    def get_why_no_time(self, contract) -> str | None:
        return self.context.get("why_no_time")


class CardSetupSerializer(serializers.Serializer):
    setup_intent = serializers.CharField()
    client_secret = serializers.CharField()
    publishable_key = serializers.CharField()
    stripe_js = serializers.CharField()


class CardConfirmSerializer(StrictSerializer):
    setup_intent = serializers.RegexField(
        r"^seti_[A-Za-z0-9_]{1,200}$",
        help_text="The SetupIntent (from `hourly_card_setup`) that Stripe.js confirmed.",
    )


class WeekDisputeWriteSerializer(FormSerializer):
    form_class = DisputeForm
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)
    entries = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="Ids of the week's entries disputed; none (or empty) disputes the whole week.",
    )
