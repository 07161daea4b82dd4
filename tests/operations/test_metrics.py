"""/metrics is Prometheus' page, open only to the configured token or addresses."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_IPS = []
    return settings


def test_metrics_are_closed_to_anyone_else(client, closed):
    assert client.get("/metrics").status_code == 403
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    assert wrong.status_code == 403


def test_metrics_are_open_to_the_token_and_count_requests(client, closed):
    client.get("/healthz")
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert 'django_http_responses_total_by_status_total{status="200"}' in text


def test_metrics_are_open_to_a_listed_address(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 200


def test_an_empty_token_opens_nothing(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403
