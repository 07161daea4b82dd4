"""The languages the site knows, for pickers and for the search filters' codes."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from languages.api.serializers import LanguageSerializer
from languages.names import language_choices


class LanguageListView(APIView):
    @extend_schema(
        operation_id="languages_list",
        summary="Languages",
        description="Every language profiles and services may list: ISO 639-1 codes with "
        "their names (CLDR), by name. The codes are what search filters (`source`, `target`, "
        "`native`) and writes take.",
        responses={200: LanguageSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        codes = [code for code, _ in language_choices()]
        return Response(LanguageSerializer(codes, many=True).data)
