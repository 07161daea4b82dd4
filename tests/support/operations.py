"""The API's operations as its published schema describes them, for the schemathesis runs."""

from marketplace.api.schema import published_schema


def signed_in_only() -> list[str]:
    """The operations that answer an anonymous client only 401, whatever it sends."""
    return [
        operation["operationId"]
        for operations in published_schema()["paths"].values()
        for operation in operations.values()
        if {} not in operation.get("security", [{}])
    ]
