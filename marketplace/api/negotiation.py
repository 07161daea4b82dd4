"""Content negotiation for every API view: DRF's, without reading `?format=` as absent."""

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation

# Also the filters' word for an empty number or choice (marketplace.api.filtering).
BLANK_MESSAGE = "Give a value, or leave the parameter out."


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        # The schema lists the formats a view offers (e.g. `json`, `pdf`); empty is none.
        if request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise ValidationError({self.settings.URL_FORMAT_OVERRIDE: [BLANK_MESSAGE]})
        return super().select_renderer(request, renderers, format_suffix)
