"""Helpers for the API tests."""


def error_of(response) -> dict:
    """The JSON error body, after checking it has the documented shape."""
    body = response.json()
    assert set(body) <= {"detail", "code", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["code"], str) and body["code"]
    return body
