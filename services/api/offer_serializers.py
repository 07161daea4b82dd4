"""The API's shapes of what a service sells in one step (`services.api.offer`): what is read,
and what is written, checked by the dashboard's own forms."""

from rest_framework import serializers

from marketplace.api.form_serializers import FormSerializer
from marketplace.validators import one_line
from money.api.fields import AmountField, MoneyDisplayField
from services import package_limits as limits
from services.forms import AddOnForm, PackageForm, QuestionForm
from services.models import QuestionKind, RequirementQuestion, ServiceAddOn, ServicePackage

# An option as the form keeps it: no spaces around it, and none of the characters that
# Python's `str.splitlines` breaks lines at (the form reads one option per line).
OPTION_PATTERN = r"^\S(?:[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*\S)?$"


class PackageSerializer(serializers.ModelSerializer):
    tier = serializers.SerializerMethodField(help_text="`basic`, `standard` or `premium`.")
    tier_label = serializers.SerializerMethodField()
    price = serializers.CharField(read_only=True)
    price_display = MoneyDisplayField("price")

    class Meta:
        model = ServicePackage
        fields = [
            "tier",
            "tier_label",
            "name",
            "description",
            "price",
            "price_display",
            "delivery_days",
            "revisions",
            "word_count",
        ]
        read_only_fields = fields

    def get_tier(self, package) -> str:
        return package.get_tier_display().lower()

    def get_tier_label(self, package) -> str:
        return package.get_tier_display()


class AddOnSerializer(serializers.ModelSerializer):
    price = serializers.CharField(read_only=True)
    price_display = MoneyDisplayField("price")

    class Meta:
        model = ServiceAddOn
        fields = ["id", "name", "price", "price_display", "extra_days"]
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    options = serializers.ListField(
        source="option_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = RequirementQuestion
        fields = ["id", "text", "kind", "options", "required"]
        read_only_fields = fields


class PackageWriteSerializer(FormSerializer):
    form_class = PackageForm

    name = serializers.CharField(max_length=limits.PACKAGE_NAME_MAX_LENGTH, validators=[one_line])
    description = serializers.CharField(max_length=limits.PACKAGE_DESCRIPTION_MAX_LENGTH)
    price = AmountField(
        minimum=limits.PACKAGE_MIN_PRICE,
        maximum=limits.PACKAGE_MAX_PRICE,
        required=True,
        allow_null=False,
    )
    delivery_days = serializers.IntegerField(
        min_value=limits.MIN_DELIVERY_DAYS,
        max_value=limits.MAX_DELIVERY_DAYS,
        help_text="Days from the client's answers to the delivery.",
    )
    revisions = serializers.IntegerField(min_value=0, max_value=limits.MAX_PACKAGE_REVISIONS)
    word_count = serializers.IntegerField(
        min_value=limits.MIN_WORD_COUNT,
        max_value=limits.MAX_WORD_COUNT,
        required=False,
        allow_null=True,
        help_text="Writing services: the words delivered.",
    )


class AddOnWriteSerializer(FormSerializer):
    form_class = AddOnForm

    name = serializers.CharField(max_length=limits.ADD_ON_NAME_MAX_LENGTH, validators=[one_line])
    price = AmountField(
        minimum=limits.ADD_ON_MIN_PRICE,
        maximum=limits.ADD_ON_MAX_PRICE,
        required=True,
        allow_null=False,
    )
    extra_days = serializers.IntegerField(
        min_value=0, max_value=limits.MAX_ADD_ON_EXTRA_DAYS, required=False
    )


class QuestionWriteSerializer(FormSerializer):
    form_class = QuestionForm

    text = serializers.CharField(max_length=limits.QUESTION_TEXT_MAX_LENGTH)
    kind = serializers.ChoiceField(choices=QuestionKind.choices, required=False)
    options = serializers.ListField(
        child=serializers.RegexField(
            OPTION_PATTERN,
            max_length=limits.QUESTION_OPTION_MAX_LENGTH,
            trim_whitespace=False,
            error_messages={"invalid": "Write an option on one line, without spaces around it."},
        ),
        min_length=2,
        max_length=limits.MAX_QUESTION_OPTIONS,
        required=False,
        help_text=f"The options of a `choice` question (sent with `kind` `choice`): 2 to "
        f"{limits.MAX_QUESTION_OPTIONS}, of at most {limits.QUESTION_OPTION_MAX_LENGTH} "
        "characters each. Other kinds keep none.",
    )
    required = serializers.BooleanField(required=False)

    sent_with_choice = ("kind", {QuestionKind.CHOICE: ("options",)})

    def to_form_value(self, name: str, value):
        if name == "options":
            return "\n".join(value)  # the form's textarea: one option per line
        return super().to_form_value(name, value)
