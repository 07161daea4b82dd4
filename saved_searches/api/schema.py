"""How the OpenAPI schema describes the saved searches API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from marketplace.api.errors import ErrorSerializer
from saved_searches.api.serializers import (
    SavedSearchCreateSerializer,
    SavedSearchSerializer,
    SavedSearchUpdateSerializer,
)
from saved_searches.models import MAX_SAVED_SEARCHES

SEARCH_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The saved search's id.")


TOO_MANY = OpenApiResponse(
    ErrorSerializer,
    description=f"`too_many`: you keep {MAX_SAVED_SEARCHES} saved searches already; "
    "`duplicate`: you saved this search (the same `kind` and `query`, in canonical form) "
    "already.",
)


SEARCH_EXAMPLE = OpenApiExample(
    "News writers, daily",
    value={
        "kind": "services",
        "query": "q=news&skill=news-writing&max_rate=40",
        "name": "News writers",
        "frequency": "daily",
    },
    request_only=True,
)


saved_search_list = extend_schema_view(
    get=extend_schema(
        operation_id="saved_searches_list",
        summary="Your saved searches",
        description="Only your own, by name.",
    ),
    post=extend_schema(
        operation_id="saved_searches_create",
        summary="Save a search",
        description="Its email alerts list services (or, for `jobs`, open public jobs) "
        "published from now on that match it: `instant` every few minutes, `daily` or "
        f"`weekly`. At most {MAX_SAVED_SEARCHES} per person, each search once.",
        request=SavedSearchCreateSerializer,
        responses={201: SavedSearchSerializer, 409: TOO_MANY},
        examples=[SEARCH_EXAMPLE],
    ),
)


saved_search_detail = extend_schema_view(
    get=extend_schema(
        operation_id="saved_searches_retrieve",
        summary="A saved search",
        description="Its owner, and staff (read-only).",
        parameters=[SEARCH_ID],
    ),
    patch=extend_schema(
        operation_id="saved_searches_partial_update",
        summary="Rename, reschedule, pause or resume a saved search",
        description="Its owner only. The query cannot change: save a new search instead.",
        parameters=[SEARCH_ID],
        request=SavedSearchUpdateSerializer,
        responses={200: SavedSearchSerializer},
    ),
    delete=extend_schema(
        operation_id="saved_searches_destroy",
        summary="Delete a saved search",
        description="Its owner only.",
        parameters=[SEARCH_ID],
    ),
)
