"""How the OpenAPI schema describes the reviews API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from engagements.models import REVIEW_WINDOW
from marketplace.api.errors import ErrorSerializer
from profiles.api.schema import PROFILE_SLUG
from ratings.aspects import ASPECTS
from reviews.api.serializers import (
    ReportSerializer,
    ResponseSerializer,
    ReviewCreateSerializer,
    ReviewReportSerializer,
    ReviewSerializer,
    ReviewUpdateSerializer,
)
from reviews.models import EDIT_WINDOW
from services.api.schema import SERVICE_SLUG

REVIEW_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The review's id.")


NOT_YOURS = OpenApiResponse(ErrorSerializer, description="Not your review (or not your service).")


CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="Not possible now: `code` says why (`duplicate`, `not_completed`, "
    "`window_closed`, `edit_window_closed`, `hidden`, `pending`).",
)


DOUBLE_BLIND = (
    " Reviews are double-blind: a new review is pending (`published_at` null, readable by its "
    "author only) until the other side of the engagement has reviewed too, or until the review "
    f"window closes {REVIEW_WINDOW.days} days after completion; then both are published at the "
    "same moment."
)


CLIENT_USERNAME = OpenApiParameter(
    "username",
    str,
    OpenApiParameter.PATH,
    description="The client's username.",
    examples=[OpenApiExample("The seed client", value="sam-client")],
)


REVIEW_EXAMPLE = OpenApiExample(
    "A review",
    value={
        "engagement": 1,
        "rating": 5,
        **{aspect.rating_field: 5 for aspect in ASPECTS},
        "text": "Clear, well-sourced and a day early.",
    },
    request_only=True,
)


service_review_list = extend_schema_view(
    get=extend_schema(
        operation_id="services_reviews_list",
        summary="A service's reviews",
        parameters=[SERVICE_SLUG],
    ),
)


profile_review_list = extend_schema_view(
    get=extend_schema(
        operation_id="profiles_reviews_list",
        summary="A freelancer's reviews",
        description="The reviews of all the freelancer's services: the ones behind its totals.",
        parameters=[PROFILE_SLUG],
    ),
)


client_review_list = extend_schema_view(
    get=extend_schema(
        operation_id="clients_reviews_list",
        summary="A client's reviews",
        description="What freelancers wrote about this client (published reviews only): the "
        "reviews behind the client's totals. Every active account can be a client, so an "
        "account that has received none answers an empty list." + DOUBLE_BLIND,
        parameters=[CLIENT_USERNAME],
    ),
)


review_create = extend_schema_view(
    post=extend_schema(
        operation_id="reviews_create",
        summary="Review a completed engagement",
        description="Either side of a completed engagement, once each, within "
        f"{REVIEW_WINDOW.days} days of completion: the client reviews the freelancer's "
        "service, the freelancer reviews the client." + DOUBLE_BLIND,
        request=ReviewCreateSerializer,
        responses={201: ReviewSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[REVIEW_EXAMPLE],
    ),
)


review_detail = extend_schema_view(
    get=extend_schema(
        operation_id="reviews_retrieve",
        summary="A review",
        description="A published review; your own also while it is pending or hidden.",
        parameters=[REVIEW_ID],
    ),
    patch=extend_schema(
        operation_id="reviews_partial_update",
        summary="Edit your review",
        description=f"The author, within {EDIT_WINDOW.days} days of posting, while it is not "
        "hidden; a pending review stays pending.",
        parameters=[REVIEW_ID],
        request=ReviewUpdateSerializer,
        responses={200: ReviewSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A new rating",
                value={"rating": 4, "text": "Clear and well-sourced, a day late."},
                request_only=True,
            )
        ],
    ),
    delete=extend_schema(
        operation_id="reviews_destroy",
        summary="Delete your review",
        parameters=[REVIEW_ID],
        responses={204: None, 403: NOT_YOURS},
    ),
)


review_response = extend_schema_view(
    put=extend_schema(
        operation_id="reviews_response_update",
        summary="Answer a review",
        description="The reviewed person's (freelancer's or client's) one public answer to a "
        "published review; sending it again replaces it.",
        parameters=[REVIEW_ID],
        request=ResponseSerializer,
        responses={200: ReviewSerializer, 403: NOT_YOURS, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "An answer", value={"text": "Thank you, it was a pleasure."}, request_only=True
            )
        ],
    ),
)


review_report = extend_schema_view(
    post=extend_schema(
        operation_id="reviews_report",
        summary="Report a review",
        description="Asks a moderator to look at the review; once per person (409 after).",
        parameters=[REVIEW_ID],
        request=ReportSerializer,
        responses={201: ReviewReportSerializer, 409: CONFLICT},
        examples=[
            OpenApiExample(
                "A report", value={"reason": "It is not about this work."}, request_only=True
            )
        ],
    ),
)
