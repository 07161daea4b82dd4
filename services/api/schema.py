"""How the OpenAPI schema describes the services API: operation ids, summaries, the rules in
words, and the responses. Each view takes its description by name (`@schema.<view>`), so that
the view itself reads as what it does."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)

from marketplace.api.errors import ErrorSerializer
from marketplace.api.steps import step_schema
from profiles.api.schema import PROFILE_SLUG
from services import keyset
from services.api.serializers import (
    CategoryTreeSerializer,
    ServicePageSerializer,
    ServiceSerializer,
    ServiceWriteSerializer,
)
from services.filters import COUNTED_RESULTS, RANKED_MATCHES, ServiceFilter

# The skill filter goes through a many-to-many to the slug, which the schema generator cannot
# follow; its values are skill slugs.
extend_schema_field(OpenApiTypes.STR)(ServiceFilter.base_filters["skill"])


SEED_SLUG = "putin-and-xi-meet-against-backdrop"


SERVICE_SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The service's slug (its address on the site).",
    examples=[OpenApiExample("The seed service", value=SEED_SLUG)],
)


SERVICE_EXAMPLE = OpenApiExample(
    "A news-writing service",
    value={
        "title": "I will write a news article on world affairs",
        "category": "articles-news",
        "description": "Fact-checked news articles of 600 to 1,200 words, delivered in 48 hours.",
        "hourly_rate": "15.00",
        "starting_price": "25.00",
        "currency": "USD",
        "engagement": "ongoing",
        "skills": ["News Writing", "Journalism"],
    },
    request_only=True,
)


category_list = extend_schema_view(
    get=extend_schema(
        operation_id="categories_list",
        summary="The category tree",
        responses=CategoryTreeSerializer(many=True),
    ),
)


service_list = extend_schema_view(
    get=extend_schema(
        operation_id="services_list",
        summary="Search services",
        description="Published services with the search page's full-text search (`q`), "
        "filters and sort (`sort`; best rated first by default, most relevant first when "
        "searching). `count` and `facets` count the results (per category and skill), up to "
        f"{COUNTED_RESULTS:,} (`count_exact`); the relevance sort ranks the {RANKED_MATCHES} "
        "best-rated matches and pages through those, the other sorts through all. Invalid "
        "filter values answer 400 with the messages per parameter. Deep pages: the first "
        f"{keyset.PAGES_BY_NUMBER} pages link `next` by page number, later ones by `cursor`, which "
        "costs the same at any depth.",
        parameters=[
            OpenApiParameter(
                keyset.CURSOR,
                str,
                description="The page after the row this cursor names: an opaque token, taken "
                "from a `next` link (never built by hand), for the same filters and sort. "
                "With a cursor, `page` is ignored. Not for the relevance sort, whose ranked "
                "results are paged by number. A cursor page's `previous` is null. From page "
                f"{keyset.PAGES_BY_NUMBER} on, `next` carries one. A well-formed cursor this list "
                "did not give out (another sort, a forged token) is a 404.",
                pattern=keyset.CURSOR_PATTERN,
            )
        ],
        responses={200: ServicePageSerializer},
    ),
    post=extend_schema(
        operation_id="services_create",
        summary="Create a service",
        description="A new draft (publish it with `/publish/`). Freelancers only.",
        request=ServiceWriteSerializer,
        responses={201: ServiceSerializer},
        examples=[SERVICE_EXAMPLE],
    ),
)


service_detail = extend_schema_view(
    get=extend_schema(
        operation_id="services_retrieve",
        summary="A service",
        parameters=[SERVICE_SLUG],
        responses={
            200: ServiceSerializer,
            301: OpenApiResponse(
                description="The service was renamed: `Location` holds its current address."
            ),
        },
    ),
    patch=extend_schema(
        operation_id="services_partial_update",
        summary="Edit a service",
        description="Send only the fields to change. A new title gives a new slug; the old "
        "one keeps redirecting.",
        parameters=[SERVICE_SLUG],
        request=ServiceWriteSerializer,
        responses={200: ServiceSerializer},
        examples=[SERVICE_EXAMPLE],
    ),
    delete=extend_schema(
        operation_id="services_destroy",
        summary="Delete a service",
        parameters=[SERVICE_SLUG],
        responses={
            204: None,
            409: OpenApiResponse(
                ErrorSerializer,
                description="The service has reviews or engagements: pause it instead.",
            ),
        },
    ),
)


service_publish = step_schema(
    operation_id="services_publish",
    summary="Publish a service",
    description="Lists the service in search, its category and the freelancer's profile.",
    parameters=[SERVICE_SLUG],
    response=ServiceSerializer,
)


service_pause = step_schema(
    operation_id="services_pause",
    summary="Pause a service",
    description="Hides the service from everyone but its owner; address and reviews stay.",
    parameters=[SERVICE_SLUG],
    response=ServiceSerializer,
)


own_service_list = extend_schema_view(
    get=extend_schema(operation_id="me_services_list", summary="Your services, drafts included"),
)


profile_service_list = extend_schema_view(
    get=extend_schema(
        operation_id="profiles_services_list",
        summary="A freelancer's services",
        parameters=[PROFILE_SLUG],
    ),
)
