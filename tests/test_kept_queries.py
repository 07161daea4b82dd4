"""Queries whose SQL is built once per process (marketplace.kept_queries) answer what the ORM
answers, for every call's own ids, and read the database on every call."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.kept_queries import KeptQuery
from services.models import Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _of(ids) -> object:
    return Service.objects.filter(pk__in=ids).card_rows()


def _by_pk(rows) -> list:
    return sorted(rows, key=lambda row: row.pk)


def test_rows_by_ids_are_the_orms_rows():
    services = [
        ServiceFactory(hourly_rate=Decimal("15.00"), starting_price=None),
        ServiceFactory(per_word_rate=Decimal("0.08"), rating_average=Decimal("4.50")),
        ServiceFactory(),
    ]
    ids = [service.pk for service in services[:2]]

    rows = KeptQuery(Service, _of).rows(ids)

    assert _by_pk(rows) == _by_pk(_of(ids))
    assert {row.hourly_rate for row in rows} == {Decimal("15.00"), Decimal("20.00")}
    assert [type(row).__name__ for row in rows] == ["Row", "Row"]
    assert rows[0].title in {services[0].title, services[1].title}


def test_each_call_reads_its_own_ids_with_the_same_sql():
    first, second, third = ServiceFactory(), ServiceFactory(), ServiceFactory()
    kept = KeptQuery(Service, _of)

    with CaptureQueriesContext(connection) as queries:
        one = kept.rows([first.pk])
        other = kept.rows([second.pk])
        two = kept.rows([second.pk, third.pk])

    assert [row.title for row in one] == [first.title]
    assert [row.title for row in other] == [second.title]
    assert {row.title for row in two} == {second.title, third.title}
    assert queries[0]["sql"].replace(str(first.pk), "?") == queries[1]["sql"].replace(
        str(second.pk), "?"
    )


def test_no_ids_no_rows_and_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert KeptQuery(Service, _of).rows([]) == []


def test_a_query_without_ids_reads_the_database_on_every_call():
    newest = KeptQuery(Service, lambda: Service.objects.card_rows().order_by("-pk")[:1])
    ServiceFactory(title="The first")
    assert [row.title for row in newest.rows()] == ["The first"]

    ServiceFactory(title="The second")

    assert [row.title for row in newest.rows()] == ["The second"]


def test_a_query_that_does_not_name_its_ids_is_refused():
    ServiceFactory()
    with pytest.raises(ValueError, match="each id must be one parameter"):
        KeptQuery(Service, lambda ids: Service.objects.card_rows()).rows([1])
