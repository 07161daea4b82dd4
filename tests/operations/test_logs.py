"""Every response carries a request id, and LOG_FORMAT=json logs it in one object per line."""

import io
import json
import logging
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from marketplace.request_id import RequestIdFilter, get_request_id
from tests.local_servers import ROOT

pytestmark = pytest.mark.django_db


def test_a_request_gets_a_new_id_echoed_in_the_response(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_valid_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response["X-Request-ID"] == "lb-7f3a.42"


@pytest.mark.parametrize("sent", ["", "x" * 129, "a b", "<script>", "id\nInjected: 1"])
def test_an_invalid_id_is_replaced(client, sent):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)
    assert response["X-Request-ID"] != sent
    assert len(response["X-Request-ID"]) == 32


def test_no_request_id_outside_a_request():
    assert get_request_id() is None


@pytest.fixture
def json_log():
    """The root logger's records as JSON lines, as the LOG_FORMAT=json handler writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    options = {key: value for key, value in settings.JSON_LOG_FORMATTER.items() if key != "()"}
    handler.setFormatter(import_string(settings.JSON_LOG_FORMATTER["()"])(**options))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_log_lines_of_a_request_carry_its_id(client, json_log):
    response = client.get("/no/such/page/", HTTP_X_REQUEST_ID="req-123")
    assert response.status_code == 404
    [line] = [entry for entry in json_log() if entry["logger"] == "django.request"]
    assert line["request_id"] == "req-123"
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /no/such/page/"
    assert line["status_code"] == 404
    assert line["time"].endswith("+00:00")


def test_an_exception_is_one_line_with_its_traceback(json_log):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("marketplace").exception("It failed")
    [line] = json_log()
    assert line["message"] == "It failed"
    assert line["request_id"] is None or line["request_id"] == "-"
    assert "ValueError: boom" in line["exception"]


def test_log_format_json_configures_the_console_for_json():
    code = "import logging; logging.getLogger('marketplace').warning('hello %s', 'there')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**_env(), "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        check=True,
    )
    [line] = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert line["message"] == "hello there"
    assert line["logger"] == "marketplace"
    assert line["request_id"] == "-"


def _env() -> dict:
    import os

    return {**os.environ, "DEBUG": "1"}
