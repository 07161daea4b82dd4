"""Clients that sign the cast (tests/conftest.py) in the way API consumers do: a token."""

import pytest
from rest_framework.test import APIClient

from tests.support.api import error_of  # noqa: F401  (where tests written before the move look)
from tests.support.tokens import token_key_for


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_user(api):
    """The API client signed in with `user`'s token (or anonymous with None)."""

    def sign_in(user):
        api.credentials()
        if user is not None:
            api.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(user)}")
        return api

    return sign_in
