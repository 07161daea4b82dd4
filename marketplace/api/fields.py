"""Serializer fields the apps' API serializers share."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from services.money import format_money


@extend_schema_field(OpenApiTypes.URI)
class PageURLField(serializers.Field):
    """The absolute address of the object's page on the site (its `get_absolute_url`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The object's page on the site.")
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        url = obj.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


# Digits a money field parses: far above any amount the forms accept (they judge the range
# and say so), yet bounded, so that a number of 400 digits is a 400 and not a server error.
MAX_DIGITS = 20


@extend_schema_field(serializers.CharField(allow_null=True))
class MoneyDisplayField(serializers.Field):
    """An amount as the pages write it ("£35/hr", "$1,200"), from services.money; null if none.

    Clients show this text rather than formatting ``amount`` and ``currency`` themselves, so the
    API and the site never disagree on how a price reads.
    """

    def __init__(self, amount_field: str, *, per_hour: bool = False, **kwargs):
        self.amount_field = amount_field
        self.per_hour = per_hour
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault(
            "help_text", f"`{amount_field}` formatted with its currency, as the site shows it."
        )
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str | None:
        amount = getattr(obj, self.amount_field)
        if amount is None:
            return None
        return format_money(amount, obj.currency, per_hour=self.per_hour)
