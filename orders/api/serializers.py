from rest_framework import serializers
from rest_framework.reverse import reverse

from marketplace.api.form_serializers import StrictSerializer
from money.api.fields import MoneyDisplayField
from orders.models import ANSWER_MAX_LENGTH, Order, OrderAddOn, OrderStatus, RequirementAnswer
from services.models import TIER_BY_NAME


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
