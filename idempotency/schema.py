"""The API's schema (`marketplace.api.schema`) with the `Idempotency-Key` header on every POST
and PUT, and the 409 a reused key answers; settings name this class as DRF's schema class."""

from drf_spectacular.utils import OpenApiParameter

from idempotency.models import IDEMPOTENT_METHODS, KEY_MAX_LENGTH, KEY_PATTERN
from marketplace.api import schema

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "pattern": KEY_PATTERN, "minLength": 1, "maxLength": KEY_MAX_LENGTH},
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "A unique value per operation (e.g. a UUID), sent again unchanged when retrying it. "
        "A retry with the same key and body gets the first successful answer again (with "
        "`Idempotent-Replayed: true`) and changes nothing; the same key with another request "
        "is a 409. Keys are per user and kept for 24 hours; failed requests (4xx, 5xx) keep "
        "nothing, so they may be corrected and sent with the same key."
    ),
)


class AutoSchema(schema.AutoSchema):
    def get_override_parameters(self) -> list:
        parameters = super().get_override_parameters()
        if self.method in IDEMPOTENT_METHODS:
            parameters = [*parameters, IDEMPOTENCY_KEY]
        return parameters

    def _error_codes(self) -> list[str]:
        codes = super()._error_codes()
        if self.method in IDEMPOTENT_METHODS and "409" not in codes:
            codes.append("409")
        return codes
