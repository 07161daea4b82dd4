"""Pages with save buttons ask for the user's favourites once, however many cards they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from favourites.models import Favourite
from jobs import search as job_search
from services.search import refresh_search_vectors
from tests.factories import JobPostFactory, ProfileFactory, ServiceFactory

pytestmark = pytest.mark.django_db
MANY = 25
FAVOURITES_TABLE = "favourites_favourite"


def queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


def favourite_queries(sqls: list[str]) -> int:
    return sum(FAVOURITES_TABLE in sql for sql in sqls)


def add_saved_services(user, service, count: int) -> None:
    """More published services by the same freelancer in the same category, all saved."""
    services = [
        ServiceFactory(owner=service.owner, category=service.category, title=f"News {n}")
        for n in range(count)
    ]
    refresh_search_vectors(service_ids=[s.pk for s in services])
    Favourite.objects.bulk_create(Favourite(user=user, service=s) for s in services)


def service_pages(service) -> list[str]:
    return [
        reverse("services:home"),
        reverse("services:list"),
        service.category.get_absolute_url(),
        service.owner.get_absolute_url(),
        service.get_absolute_url(),
    ]


def test_service_pages_are_constant_for_a_signed_in_user_with_favourites(
    as_user, hiring_client, service
):
    client = as_user(hiring_client)
    Favourite.objects.create(user=hiring_client, service=service)
    one = {url: queries(client, url) for url in service_pages(service)}
    add_saved_services(hiring_client, service, MANY)
    for url in service_pages(service):
        many = queries(client, url)
        assert len(many) == len(one[url]), url
        assert favourite_queries(many) == 1, url
    html = client.get(reverse("services:list")).content.decode()
    assert html.count('aria-pressed="true"') == 20


def test_service_pages_never_ask_about_favourites_for_anonymous_visitors(
    client, hiring_client, service
):
    Favourite.objects.create(user=hiring_client, service=service)
    for url in service_pages(service):
        assert favourite_queries(queries(client, url)) == 0, url


def test_job_pages_are_constant_for_a_freelancer_with_favourites(as_user, freelancer, job):
    client = as_user(freelancer)
    Favourite.objects.create(user=freelancer, job=job)
    job_search.refresh_search_vectors(job_ids=[job.pk])
    urls = [reverse("jobs:list"), job.get_absolute_url()]
    one = {url: queries(client, url) for url in urls}
    jobs = [JobPostFactory(client=job.client, category=job.category) for _ in range(MANY)]
    job_search.refresh_search_vectors(job_ids=[j.pk for j in jobs])
    Favourite.objects.bulk_create(Favourite(user=freelancer, job=j) for j in jobs)
    for url in urls:
        many = queries(client, url)
        assert len(many) == len(one[url]), url
        assert favourite_queries(many) == 1, url


def test_the_favourites_page_is_constant(as_user, freelancer, service, job):
    client = as_user(freelancer)
    Favourite.objects.create(user=freelancer, service=service)
    Favourite.objects.create(user=freelancer, profile=service.owner)
    Favourite.objects.create(user=freelancer, job=job)
    url = reverse("favourites:list")
    one = queries(client, url)
    add_saved_services(freelancer, service, MANY)
    Favourite.objects.bulk_create(
        Favourite(user=freelancer, profile=ProfileFactory()) for _ in range(MANY)
    )
    Favourite.objects.bulk_create(
        Favourite(user=freelancer, job=JobPostFactory(client=job.client, category=job.category))
        for _ in range(MANY)
    )
    many = queries(client, url)
    assert len(many) == len(one) <= 5
    assert favourite_queries(many) == 1
