from rest_framework import serializers
from rest_framework.reverse import reverse

from marketplace.api.form_serializers import FormSerializer, StrictSerializer
from marketplace.validators import one_line
from money.api.fields import AmountField, MoneyDisplayField
from orders.forms import ExtraForm
from orders.models import (
    ANSWER_MAX_LENGTH,
    EXTRA_DESCRIPTION_MAX_LENGTH,
    LAPSED,
    MAX_EXTRA_DAYS,
    ExtraKind,
    ExtraStatus,
    Order,
    OrderAddOn,
    OrderExtra,
    OrderStatus,
    RequirementAnswer,
)
from services.models import TIER_BY_NAME
from services.package_limits import ADD_ON_MAX_PRICE, ADD_ON_MIN_PRICE


class OrderAddOnSerializer(serializers.ModelSerializer):
    price = serializers.CharField(read_only=True)

    class Meta:
        model = OrderAddOn
        fields = ["name", "price", "extra_days"]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer):
    file_url = serializers.SerializerMethodField(help_text="The attached file, for a file answer.")

    class Meta:
        model = RequirementAnswer
        fields = ["question", "kind", "text", "file_name", "file_url"]
        read_only_fields = fields

    def get_file_url(self, answer) -> str | None:
        if not answer.file:
            return None
        return self.context["request"].build_absolute_uri(answer.get_file_url())


class OrderExtraSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ExtraKind.choices, read_only=True)
    status = serializers.ChoiceField(
        choices=[*ExtraStatus.choices, (LAPSED, "Lapsed")],
        source="shown_status",
        read_only=True,
        help_text="`lapsed`: still unanswered when the order ended; nobody can answer it now.",
    )
    price = serializers.CharField(
        read_only=True, allow_null=True, help_text="A paid add-on's price; null for more time."
    )
    order = serializers.IntegerField(source="order_id", read_only=True)
    milestone = serializers.IntegerField(
        source="milestone_id",
        read_only=True,
        allow_null=True,
        help_text="An accepted add-on's own milestone: the client funds it "
        "(`milestones_fund_create`).",
    )

    class Meta:
        model = OrderExtra
        fields = [
            "id",
            "order",
            "kind",
            "description",
            "extra_days",
            "price",
            "status",
            "offered_at",
            "decided_at",
            "milestone",
        ]
        read_only_fields = fields


class OrderSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=OrderStatus.choices, read_only=True)
    is_late = serializers.SerializerMethodField(
        help_text="Due and never delivered: the client may cancel it for a full refund."
    )
    service = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tier = serializers.SerializerMethodField(help_text="`basic`, `standard` or `premium`.")
    package_price = serializers.CharField(read_only=True)
    total = serializers.CharField(read_only=True)
    total_display = MoneyDisplayField("total")
    add_ons = OrderAddOnSerializer(many=True, read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)
    extras = OrderExtraSerializer(
        many=True, read_only=True, help_text="Extras offered during the order, newest first."
    )
    engagement = serializers.IntegerField(source="engagement_id", read_only=True)
    milestone = serializers.IntegerField(
        source="milestone_id",
        read_only=True,
        help_text="The order's one milestone: fund it (`milestones_fund_create`), deliver it "
        "(`milestones_submit_create`), ask for a revision (`milestones_request_changes_create`) "
        "or accept it (`milestones_release_create`).",
    )

    class Meta:
        model = Order
        fields = [
            "id",
            "url",
            "page_url",
            "status",
            "is_late",
            "service",
            "tier",
            "package_name",
            "package_description",
            "package_price",
            "revisions",
            "word_count",
            "delivery_days",
            "add_ons",
            "total",
            "currency",
            "total_display",
            "placed_at",
            "requirements_at",
            "due_at",
            "late_at",
            "cancelled_at",
            "answers",
            "extras",
            "engagement",
            "milestone",
        ]
        read_only_fields = fields

    def get_url(self, order) -> str:
        return reverse("api:order-detail", args=[order.pk], request=self.context["request"])

    def get_page_url(self, order) -> str:
        return self.context["request"].build_absolute_uri(order.get_absolute_url())

    def get_is_late(self, order) -> bool:
        return order.is_late()

    def get_tier(self, order) -> str:
        return order.get_tier_display().lower()


class OrderCreateSerializer(StrictSerializer):
    package = serializers.ChoiceField(choices=sorted(TIER_BY_NAME), help_text="The tier bought.")
    add_ons = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        help_text="Ids of the service's add-ons to add (`services_add_ons_list`).",
    )


class RequirementsSerializer(StrictSerializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=ANSWER_MAX_LENGTH),
        required=False,
        default=dict,
        help_text="Question id → the answer (a multiple-choice answer is one of its options). "
        "A file answer is sent as the multipart field `file_<question id>`.",
    )


class _ExtraOfferSerializer(FormSerializer):
    """An offer, checked by the order page's own form."""

    form_class = ExtraForm

    description = serializers.CharField(
        max_length=EXTRA_DESCRIPTION_MAX_LENGTH, validators=[one_line]
    )


class ExtensionOfferSerializer(_ExtraOfferSerializer):
    """More time: days added to the due date, free."""

    kind = serializers.RegexField(r"^extension$", help_text="`extension`: more time.")
    extra_days = serializers.IntegerField(
        min_value=1, max_value=MAX_EXTRA_DAYS, help_text="Days added to the due date."
    )


class AddOnOfferSerializer(_ExtraOfferSerializer):
    """A paid add-on: a price, paid as a milestone of its own, and maybe days."""

    kind = serializers.RegexField(r"^add_on$", help_text="`add_on`: a paid add-on.")
    price = AmountField(
        minimum=ADD_ON_MIN_PRICE,
        maximum=ADD_ON_MAX_PRICE,
        required=True,
        allow_null=False,
        help_text="In the order's currency; paid into escrow as a milestone of its own.",
    )
    extra_days = serializers.IntegerField(
        min_value=0,
        max_value=MAX_EXTRA_DAYS,
        required=False,
        help_text="Days it adds to the due date (0 if not sent).",
    )


EXTRA_OFFER_SERIALIZERS = {
    ExtraKind.EXTENSION.value: ExtensionOfferSerializer,
    ExtraKind.ADD_ON.value: AddOnOfferSerializer,
}
