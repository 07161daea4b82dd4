"""The published OpenAPI schema, built once per test process.

drf-spectacular takes a third of a second to build it, and a dozen test modules read it, most
of them at import, in every pytest-xdist worker. The schema depends on the code alone (no
setting a test overrides changes it), so one build serves them all; each caller gets its own
copy to change.
"""

import functools
import json

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer


def published_schema() -> dict:
    """The schema exactly as /api/schema/?format=json serves it."""
    return json.loads(_published_json())


@functools.cache
def _published_json() -> bytes:
    return OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
