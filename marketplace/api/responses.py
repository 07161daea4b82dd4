"""The answers every API app gives alike."""

from collections.abc import Mapping

from rest_framework import status
from rest_framework.response import Response


def created(data: Mapping) -> Response:
    """201 Created with the new object's representation, and `Location: <its url>` when it
    has an address of its own.

    The header is a plain `str`: DRF's `Hyperlink` is a `str` subclass, which wsgiref (the
    core of Django's development server, `make run`) refuses in a header, answering 500 for
    an object already saved.
    """
    headers = {"Location": str(data["url"])} if "url" in data else None
    return Response(data, status=status.HTTP_201_CREATED, headers=headers)
