"""The shape of a workflow step's endpoint: `POST …/<step>/` with no body (or a small one),
which moves one object on and answers with it. Services (publish, pause), jobs (publish,
close), proposals (withdraw, shortlist, decline) and engagements (accept … cancel) are
documented by one function."""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)


def step_schema(
    *,
    operation_id: str,
    summary: str,
    description: str,
    parameters: list[OpenApiParameter],
    response,
    errors: dict[int, OpenApiResponse] | None = None,
    request=None,
    examples=(),
):
    """The schema of a step's POST: `request` (none by default), the object back with 200,
    and the step's own `errors` by status."""
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=description,
            parameters=parameters,
            request=request,
            responses={200: response, **(errors or {})},
            examples=list(examples),
        )
    )
