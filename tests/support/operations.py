"""The API's operations as its published schema describes them, for the schemathesis runs."""

from tests.support.schema import published_schema


def signed_in_only() -> list[str]:
    """The operations that refuse every anonymous client (their security has no `{}`)."""
    return [
        operation["operationId"]
        for operations in published_schema()["paths"].values()
        for operation in operations.values()
        if {} not in operation.get("security", [{}])
    ]
