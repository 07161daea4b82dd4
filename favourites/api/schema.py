"""How the OpenAPI schema describes the favourites API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from favourites.api.serializers import FavouriteCreateSerializer, FavouriteSerializer
from marketplace.api.errors import ErrorSerializer

FAVOURITE_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The favourite's id (not the target's)."
)


NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="No such favourite of yours (another user's is a 404 too)."
)


favourite_list = extend_schema_view(
    get=extend_schema(
        operation_id="favourites_list",
        summary="Your favourites",
        description="What you saved, newest first: services, freelancers and jobs. Private: "
        "only you see your list, and no endpoint tells how many people saved something.",
    ),
    post=extend_schema(
        operation_id="favourites_create",
        summary="Save a favourite",
        description="Name exactly one of `service` (a published service's slug), `profile` "
        "(a freelancer's slug) or `job` (the id of an open job you can find; freelancers "
        "only, else 403 `not_freelancer`). Saving is idempotent: 201 with `Location` when "
        "it is new, 200 with the same favourite when you had already saved it. A target "
        "that does not exist or that you may not see is a 404.",
        request=FavouriteCreateSerializer,
        responses={
            200: OpenApiResponse(FavouriteSerializer, description="Already saved: unchanged."),
            201: OpenApiResponse(FavouriteSerializer, description="Saved."),
            403: OpenApiResponse(
                ErrorSerializer,
                description="Not allowed: only freelancers save jobs (`not_freelancer`), or "
                "the CSRF token is missing.",
            ),
            404: OpenApiResponse(
                ErrorSerializer, description="No such target, or not one you may save."
            ),
        },
        examples=[
            OpenApiExample("A service", value={"service": "i-will-write-your-news"}),
            OpenApiExample("A freelancer", value={"profile": "elena"}),
            OpenApiExample("A job", value={"job": 42}),
        ],
    ),
)


favourite_detail = extend_schema_view(
    get=extend_schema(
        operation_id="favourites_retrieve",
        summary="One of your favourites",
        parameters=[FAVOURITE_ID],
        responses={200: FavouriteSerializer, 404: NOT_FOUND},
    ),
    delete=extend_schema(
        operation_id="favourites_destroy",
        summary="Remove a favourite",
        description="Yours only: another user's favourite is a 404, for staff too.",
        parameters=[FAVOURITE_ID],
        responses={204: None, 404: NOT_FOUND},
    ),
)
