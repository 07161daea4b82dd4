"""How the OpenAPI schema describes what a service sells in one step (`services.api.offer`):
each limit stated from its constant in `services.package_limits`."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)

from services import package_limits as limits
from services.api.offer_serializers import (
    AddOnSerializer,
    AddOnWriteSerializer,
    PackageSerializer,
    PackageWriteSerializer,
    QuestionSerializer,
    QuestionWriteSerializer,
)
from services.api.schema import SERVICE_SLUG

TIER = OpenApiParameter(
    "tier",
    str,
    OpenApiParameter.PATH,
    enum=["basic", "standard", "premium"],
    description="The package's tier.",
)
ITEM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Its id.")
OWNER_ONLY = "Only the freelancer who offers the service may do this."

PACKAGE_RULES = (
    f"A service offers at most {limits.MAX_PACKAGES} packages, one per tier. The price is "
    f"{limits.PACKAGE_MIN_PRICE} to {limits.PACKAGE_MAX_PRICE:,} in the service's currency; "
    f"delivery {limits.MIN_DELIVERY_DAYS} to {limits.MAX_DELIVERY_DAYS} days after the "
    f"client's answers; 0 to {limits.MAX_PACKAGE_REVISIONS} revisions; a word count of "
    f"{limits.MIN_WORD_COUNT:,} to {limits.MAX_WORD_COUNT:,} or null. With packages, the "
    'service\'s `package_price_from` (its "Starting at") is the cheapest package.'
)
ADD_ON_RULES = (
    f"A service offers at most {limits.MAX_ADD_ONS} add-ons (`too_many`, 409, past it); a price "
    f"of {limits.ADD_ON_MIN_PRICE} to {limits.ADD_ON_MAX_PRICE:,} and 0 to "
    f"{limits.MAX_ADD_ON_EXTRA_DAYS} extra days."
)
QUESTION_RULES = (
    f"A service asks at most {limits.MAX_QUESTIONS} questions (`too_many`, 409, past it), of "
    f"at most {limits.QUESTION_TEXT_MAX_LENGTH} characters: free text, multiple choice (2 to "
    f"{limits.MAX_QUESTION_OPTIONS} options, one per line) or a file; each required or not."
)

PACKAGE_EXAMPLE = OpenApiExample(
    "A 500-word article",
    value={
        "name": "500-word article",
        "description": "One article, researched and edited.",
        "price": "50.00",
        "delivery_days": 3,
        "revisions": 1,
        "word_count": 500,
    },
    request_only=True,
)

package_list = extend_schema_view(
    get=extend_schema(
        operation_id="services_packages_list",
        summary="A service's packages",
        description="Basic, Standard and Premium, those it offers, cheapest tier first. "
        + PACKAGE_RULES,
        parameters=[SERVICE_SLUG],
        responses={200: PackageSerializer(many=True)},
    )
)
package_detail = extend_schema_view(
    get=extend_schema(
        operation_id="services_packages_retrieve",
        summary="One package of a service",
        parameters=[SERVICE_SLUG, TIER],
        responses={200: PackageSerializer},
    ),
    put=extend_schema(
        operation_id="services_packages_update",
        summary="Offer (or replace) the package of a tier",
        description=f"{OWNER_ONLY} 201 when the tier is new, 200 when it is replaced. Orders "
        "already placed keep what they bought. " + PACKAGE_RULES,
        parameters=[SERVICE_SLUG, TIER],
        request=PackageWriteSerializer,
        responses={200: PackageSerializer, 201: PackageSerializer},
        examples=[PACKAGE_EXAMPLE],
    ),
    delete=extend_schema(
        operation_id="services_packages_destroy",
        summary="Stop offering a tier",
        description=OWNER_ONLY,
        parameters=[SERVICE_SLUG, TIER],
        responses={204: None},
    ),
)
add_on_list = extend_schema_view(
    get=extend_schema(
        operation_id="services_add_ons_list",
        summary="A service's add-ons",
        parameters=[SERVICE_SLUG],
        responses={200: AddOnSerializer(many=True)},
    ),
    post=extend_schema(
        operation_id="services_add_ons_create",
        summary="Add an add-on",
        description=f"{OWNER_ONLY} {ADD_ON_RULES}",
        parameters=[SERVICE_SLUG],
        request=AddOnWriteSerializer,
        responses={201: AddOnSerializer},
    ),
)
add_on_detail = extend_schema_view(
    get=extend_schema(
        operation_id="services_add_ons_retrieve",
        summary="One add-on",
        parameters=[SERVICE_SLUG, ITEM_ID],
        responses={200: AddOnSerializer},
    ),
    patch=extend_schema(
        operation_id="services_add_ons_partial_update",
        summary="Change an add-on",
        description=f"{OWNER_ONLY} Send only the fields to change. {ADD_ON_RULES}",
        parameters=[SERVICE_SLUG, ITEM_ID],
        request=AddOnWriteSerializer,
        responses={200: AddOnSerializer},
    ),
    delete=extend_schema(
        operation_id="services_add_ons_destroy",
        summary="Remove an add-on",
        description=OWNER_ONLY,
        parameters=[SERVICE_SLUG, ITEM_ID],
        responses={204: None},
    ),
)
question_list = extend_schema_view(
    get=extend_schema(
        operation_id="services_questions_list",
        summary="The questions a service asks its buyers",
        parameters=[SERVICE_SLUG],
        responses={200: QuestionSerializer(many=True)},
    ),
    post=extend_schema(
        operation_id="services_questions_create",
        summary="Add a requirement question",
        description=f"{OWNER_ONLY} {QUESTION_RULES}",
        parameters=[SERVICE_SLUG],
        request=QuestionWriteSerializer,
        responses={201: QuestionSerializer},
    ),
)
question_detail = extend_schema_view(
    get=extend_schema(
        operation_id="services_questions_retrieve",
        summary="One requirement question",
        parameters=[SERVICE_SLUG, ITEM_ID],
        responses={200: QuestionSerializer},
    ),
    patch=extend_schema(
        operation_id="services_questions_partial_update",
        summary="Change a requirement question",
        description=f"{OWNER_ONLY} Send only the fields to change. {QUESTION_RULES}",
        parameters=[SERVICE_SLUG, ITEM_ID],
        request=QuestionWriteSerializer,
        responses={200: QuestionSerializer},
    ),
    delete=extend_schema(
        operation_id="services_questions_destroy",
        summary="Remove a requirement question",
        description=OWNER_ONLY,
        parameters=[SERVICE_SLUG, ITEM_ID],
        responses={204: None},
    ),
)
