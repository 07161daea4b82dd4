"""The account's lists run the same queries for one row as for many."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import Action
from audit.recording import record
from tests.support.tokens import token_key_for

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_in_elsewhere(user, n: int) -> None:
    for i in range(n):
        Client(HTTP_USER_AGENT=f"Firefox/{100 + i}.0").post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )


def add_tokens(user, n: int) -> None:
    for i in range(n):
        token_key_for(user, name=f"token {i}")


def add_events(user, n: int) -> None:
    for _ in range(n):
        record(actor=user, action=Action.PASSWORD_CHANGED)


CASES = [
    ("accounts:sessions", sign_in_elsewhere, False),
    ("accounts:tokens", add_tokens, False),
    ("accounts:activity", add_events, False),
    ("/api/v1/auth/sessions/", sign_in_elsewhere, True),
    ("/api/v1/auth/tokens/", add_tokens, True),
]


def count_queries(fetch) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert fetch().status_code == 200
    return len(queries)


@pytest.mark.parametrize(("where", "add", "api"), CASES)
def test_a_list_runs_the_same_queries_for_one_row_and_for_twelve(outsider, where, add, api):
    if api:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_key_for(outsider)}")
        url = where
    else:
        client = Client()
        client.force_login(outsider)
        url = reverse(where)
    add(outsider, 1)
    client.get(url)  # warm: the token's once-a-minute use stamp, content types
    one = count_queries(lambda: client.get(url))
    add(outsider, 11)
    assert count_queries(lambda: client.get(url)) == one
