"""How the OpenAPI schema describes the profiles API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiRequest,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from languages.api.serializers import (
    LANGUAGE_CODES,
    PairWithSubjectsSerializer,
    SpokenLanguageSerializer,
)
from languages.subjects import Subject
from marketplace.api.errors import ErrorSerializer
from profiles.api.serializers import (
    IMAGE_RULES,
    RESUME_RULES,
    AvatarUploadSerializer,
    BannerUploadSerializer,
    OwnProfileSerializer,
    ProfileLanguageWriteSerializer,
    ProfileUpdateSerializer,
    ResumeUploadSerializer,
    WritingSampleSerializer,
    WritingSampleWriteSerializer,
)
from profiles.languages import MAX_LANGUAGE_PAIRS, MAX_LANGUAGES
from uploads.images import ALLOWED_FORMATS

SEED_PROFILE = OpenApiExample("The seed freelancer", value="elena-marsh")


PROFILE_SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description="The profile's slug.", examples=[SEED_PROFILE]
)


SAMPLE_PROFILE_SLUG = OpenApiParameter(
    "profile_slug",
    str,
    OpenApiParameter.PATH,
    description="The slug of the profile the sample belongs to.",
    examples=[SEED_PROFILE],
)


SAMPLE_SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The sample's slug, unique within its profile.",
    examples=[OpenApiExample("The seed sample", value="putin-and-xi-meet-against-backdrop")],
)


SAMPLE_EXAMPLE = OpenApiExample(
    "A writing sample",
    value={
        "title": "Putin and Xi meet against backdrop?",
        "body": "The two leaders met on Tuesday...",
        "original_url": "https://news.example.org/putin-xi",
        "published_on": "2022-12-30",
        "services": ["putin-and-xi-meet-against-backdrop"],
    },
    request_only=True,
)


IMAGE_MEDIA_TYPES = [f"image/{name.lower()}" for name in ALLOWED_FORMATS]


def _file_schema(kind: str, serializer: type, rules: str, media_types: list[str]):
    no_profile = OpenApiResponse(ErrorSerializer, description="You are not a freelancer yet.")
    return extend_schema_view(
        put=extend_schema(
            operation_id=f"me_{kind}_upload",
            summary=f"Upload your {kind}",
            description=f"{rules} The same checks as the profile page's upload form.",
            # The file part's media types: what the form accepts, found by decoding it.
            request={
                "multipart/form-data": OpenApiRequest(
                    serializer, encoding={kind: {"contentType": ", ".join(media_types)}}
                )
            },
            responses={200: OwnProfileSerializer, 404: no_profile},
        ),
        delete=extend_schema(
            operation_id=f"me_{kind}_remove",
            summary=f"Remove your {kind}",
            responses={204: None, 404: no_profile},
        ),
    )


profile_detail = extend_schema_view(
    get=extend_schema(
        operation_id="profiles_retrieve",
        summary="A freelancer's public profile",
        parameters=[PROFILE_SLUG],
    ),
)


resume_download = extend_schema_view(
    get=extend_schema(
        operation_id="profiles_resume_download",
        parameters=[PROFILE_SLUG],
        summary="Download the resume",
        description="The freelancer's resume as a PDF attachment (404 when there is none).",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    ),
)


me = extend_schema_view(
    get=extend_schema(
        operation_id="me_retrieve",
        summary="Your profile",
        responses={
            200: OwnProfileSerializer,
            404: OpenApiResponse(ErrorSerializer, description="You are not a freelancer yet."),
        },
    ),
    post=extend_schema(
        operation_id="me_become_freelancer",
        summary="Become a freelancer",
        description="Creates your public profile (201); if you have one already, returns it (200).",
        request=None,
        responses={200: OwnProfileSerializer, 201: OwnProfileSerializer},
    ),
    patch=extend_schema(
        operation_id="me_partial_update",
        summary="Edit your profile",
        description="Send only the fields to change; the rules are the profile page's.",
        request=ProfileUpdateSerializer,
        responses={
            200: OwnProfileSerializer,
            404: OpenApiResponse(ErrorSerializer, description="You are not a freelancer yet."),
        },
        examples=[
            OpenApiExample(
                "New headline and skills",
                value={
                    "headline": "Journalist and news writer",
                    "hourly_rate": "18.00",
                    "skills": ["News Writing", "Journalism"],
                },
                request_only=True,
            )
        ],
    ),
)


avatar = _file_schema("avatar", AvatarUploadSerializer, f"{IMAGE_RULES}.", IMAGE_MEDIA_TYPES)


banner = _file_schema("banner", BannerUploadSerializer, f"{IMAGE_RULES}.", IMAGE_MEDIA_TYPES)


resume = _file_schema("resume", ResumeUploadSerializer, f"{RESUME_RULES}.", ["application/pdf"])


sample_list = extend_schema_view(
    get=extend_schema(
        operation_id="samples_list",
        summary="A freelancer's writing samples",
        parameters=[SAMPLE_PROFILE_SLUG],
    ),
    post=extend_schema(
        operation_id="samples_create",
        parameters=[SAMPLE_PROFILE_SLUG],
        summary="Add a writing sample",
        description="Only the profile's freelancer may add samples to it.",
        request=WritingSampleWriteSerializer,
        responses={201: WritingSampleSerializer},
        examples=[SAMPLE_EXAMPLE],
    ),
)


sample_detail = extend_schema_view(
    get=extend_schema(
        operation_id="samples_retrieve",
        summary="A writing sample",
        parameters=[SAMPLE_PROFILE_SLUG, SAMPLE_SLUG],
    ),
    patch=extend_schema(
        operation_id="samples_partial_update",
        parameters=[SAMPLE_PROFILE_SLUG, SAMPLE_SLUG],
        summary="Edit a writing sample",
        description="Send only the fields to change. The slug (and so the URL) never changes.",
        request=WritingSampleWriteSerializer,
        responses={200: WritingSampleSerializer},
        examples=[SAMPLE_EXAMPLE],
    ),
    delete=extend_schema(
        operation_id="samples_destroy",
        summary="Delete a writing sample",
        parameters=[SAMPLE_PROFILE_SLUG, SAMPLE_SLUG],
    ),
)


_NOT_FREELANCER = OpenApiResponse(ErrorSerializer, description="You are not a freelancer yet.")


my_languages = extend_schema_view(
    get=extend_schema(
        operation_id="me_languages_list",
        summary="Your languages",
        responses={200: SpokenLanguageSerializer(many=True), 404: _NOT_FREELANCER},
    ),
    post=extend_schema(
        operation_id="me_languages_create",
        summary="List a language you speak",
        description=f"At most {MAX_LANGUAGES} languages; a language already listed takes the "
        "new level. Search filters on native languages (`native`).",
        request=ProfileLanguageWriteSerializer,
        responses={201: SpokenLanguageSerializer, 404: _NOT_FREELANCER},
    ),
)


my_language = extend_schema_view(
    delete=extend_schema(
        operation_id="me_languages_destroy",
        summary="Remove a language",
        parameters=[
            OpenApiParameter(
                "code", str, OpenApiParameter.PATH, description="The language's ISO 639-1 code."
            )
        ],
        responses={204: None, 404: OpenApiResponse(ErrorSerializer, description="Not listed.")},
    ),
)


_CODE = {"$ref": "#/components/schemas/LanguageCodeEnum"}
# LanguagePairWriteSerializer's fields, with the form's rule that a pair has two languages
# stated as JSON Schema can: not any of the pairs of one language with itself.
_PAIR_REQUEST = {
    "type": "object",
    "properties": {
        "source": {**_CODE, "description": "The language translated from (ISO 639-1)."},
        "target": {
            **_CODE,
            "description": "The language translated into (ISO 639-1); not `source`.",
        },
        "subjects": {
            "type": "array",
            "items": {"type": "string", "enum": list(Subject.values)},
            "maxItems": len(Subject.values),
            "description": "Subject areas.",
        },
    },
    "required": ["source", "target"],
    "not": {
        "anyOf": [
            {
                "type": "object",
                "properties": {"source": {"enum": [code]}, "target": {"enum": [code]}},
                "required": ["source", "target"],
            }
            for code in LANGUAGE_CODES
        ]
    },
}


my_language_pairs = extend_schema_view(
    get=extend_schema(
        operation_id="me_language_pairs_list",
        summary="Your language pairs",
        responses={200: PairWithSubjectsSerializer(many=True), 404: _NOT_FREELANCER},
    ),
    post=extend_schema(
        operation_id="me_language_pairs_create",
        summary="List a language pair you translate",
        description=f"At most {MAX_LANGUAGE_PAIRS} pairs; `source` and `target` differ. A pair "
        "already listed takes the new subjects. Your services may then cover it.",
        request={"application/json": _PAIR_REQUEST},
        responses={201: PairWithSubjectsSerializer, 404: _NOT_FREELANCER},
    ),
)


my_language_pair = extend_schema_view(
    delete=extend_schema(
        operation_id="me_language_pairs_destroy",
        summary="Remove a language pair",
        description="Services that cover it keep it until they are edited.",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="The pair's id.")
        ],
        responses={204: None, 404: OpenApiResponse(ErrorSerializer, description="Not yours.")},
    ),
)
