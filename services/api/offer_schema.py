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
    f"{limits.MAX_QUESTION_OPTIONS} options, sent with it) or a file; each required or not."
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


def _extras(kind: str, *, listed: str, added: str, rules: str, read, write):
    """The list (read, add) and detail (read, change, remove) of a service's add-ons or
    questions: `kind` names the operations (`services_{kind}_…`)."""
    listing = extend_schema_view(
        get=extend_schema(
            operation_id=f"services_{kind}_list",
            summary=listed,
            parameters=[SERVICE_SLUG],
            responses={200: read(many=True)},
        ),
        post=extend_schema(
            operation_id=f"services_{kind}_create",
            summary=added,
            description=f"{OWNER_ONLY} {rules}",
            parameters=[SERVICE_SLUG],
            request=write,
            responses={201: read},
        ),
    )
    one = "an add-on" if kind == "add_ons" else "a requirement question"
    detail = extend_schema_view(
        get=extend_schema(
            operation_id=f"services_{kind}_retrieve",
            summary=f"One {one.split(' ', 1)[1]}",
            parameters=[SERVICE_SLUG, ITEM_ID],
            responses={200: read},
        ),
        patch=extend_schema(
            operation_id=f"services_{kind}_partial_update",
            summary=f"Change {one}",
            description=f"{OWNER_ONLY} Send only the fields to change. {rules}",
            parameters=[SERVICE_SLUG, ITEM_ID],
            request=write,
            responses={200: read},
        ),
        delete=extend_schema(
            operation_id=f"services_{kind}_destroy",
            summary=f"Remove {one}",
            description=OWNER_ONLY,
            parameters=[SERVICE_SLUG, ITEM_ID],
            responses={204: None},
        ),
    )
    return listing, detail


add_on_list, add_on_detail = _extras(
    "add_ons",
    listed="A service's add-ons",
    added="Add an add-on",
    rules=ADD_ON_RULES,
    read=AddOnSerializer,
    write=AddOnWriteSerializer,
)
question_list, question_detail = _extras(
    "questions",
    listed="The questions a service asks its buyers",
    added="Add a requirement question",
    rules=QUESTION_RULES,
    read=QuestionSerializer,
    write=QuestionWriteSerializer,
)
