"""The page cache in front of Django, through the site's own WSGI application: what a kept page
answers to the next visitors, and to whom it is not given."""

import gzip

import pytest
from django.test import RequestFactory
from prometheus_client import REGISTRY

from marketplace.wsgi import application
from tests.factories import ServiceFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def url():
    return ServiceFactory(title="I will write a news article").get_absolute_url()


def get(url: str, method: str = "GET", secure: bool = False, **headers) -> tuple[int, dict, bytes]:
    """One request to marketplace.wsgi.application, as gunicorn would send it."""
    environ = RequestFactory().generic(method, url, secure=secure, headers=headers).environ
    answered = {}

    def start_response(status, response_headers, exc_info=None):
        answered.update(status=int(status[:3]), headers=dict(response_headers))

    body = b"".join(application(environ, start_response))
    return answered["status"], answered["headers"], body


def test_the_second_visitor_gets_the_same_page_without_a_query(url, django_assert_num_queries):
    status, headers, page = get(url)
    assert status == 200 and b"I will write a news article" in page
    with django_assert_num_queries(0):
        again = get(url)
    assert again[0] == 200
    assert again[2] == page
    assert {name: value for name, value in again[1].items() if name != "X-Request-ID"} == {
        name: value for name, value in headers.items() if name != "X-Request-ID"
    }


def test_each_answer_has_its_own_request_id_or_the_one_sent(url):
    first = get(url)[1]["X-Request-ID"]
    second = get(url)[1]["X-Request-ID"]
    assert first != second
    assert get(url, **{"X-Request-ID": "lb-42"})[1]["X-Request-ID"] == "lb-42"
    assert get(url, **{"X-Request-ID": "bad id!"})[1]["X-Request-ID"] != "bad id!"


def test_browsers_that_take_gzip_get_it_and_others_do_not(url):
    plain = get(url)[2]
    status, headers, compressed = get(url, **{"Accept-Encoding": "gzip, br"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed) == plain
    assert get(url, **{"Accept-Encoding": "gzip"})[2] == compressed  # from the cache
    assert get(url)[2] == plain


def test_a_revalidation_is_a_304_and_head_has_no_body(url):
    get(url)
    headers = get(url)[1]
    status, not_modified, body = get(url, **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    assert not_modified["ETag"] == headers["ETag"]
    assert "Content-Type" not in not_modified
    status, head, body = get(url, "HEAD")
    assert (status, body) == (200, b"")
    assert head["Content-Length"] == headers["Content-Length"]


def test_a_plain_http_request_is_still_redirected(url, settings, client):
    # Through the test client, whose middleware is built after the setting changes (the
    # application's was built when it was imported); its requests meet the cache first too.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(url, secure=True).status_code == 200
    assert client.get(url, secure=True).status_code == 200  # kept
    response = client.get(url)
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_another_host_is_not_given_the_page(url):
    get(url)
    assert get(url, Host="evil.example")[0] == 400


def test_a_visitor_with_a_session_gets_a_page_of_their_own(url, client):
    get(url)
    client.force_login(UserFactory())
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    assert b"Sign out" in get(url, Cookie=cookie)[2]


def test_answers_from_the_cache_are_counted(url):
    def count(name: str, **labels) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0

    get(url)
    hits, ok = (
        count("page_cache_hits_total"),
        count("django_http_responses_total_by_status_total", status="200"),
    )
    get(url)
    assert count("page_cache_hits_total") == hits + 1
    assert count("django_http_responses_total_by_status_total", status="200") == ok + 1
