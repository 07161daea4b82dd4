"""Row queries whose SQL is built once per process: the card lists' (issue 28).

Building a list's SQL (the ORM resolving its joins, columns and ordering) took 1.0-1.5 ms of
CPU, four fifths of the list's query; the database answered in the rest. A list asks the
same question on every view, with other ids at most, so its SQL is built at the first view
and kept per database and number of ids; later views run it with their own ids, and the rows
pass through Django's converters as the ORM's rows do.
"""

from collections.abc import Callable, Sequence
from itertools import count

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.utils import create_namedtuple_class

# Stand-ins for the ids while the SQL is built, found again among its parameters: values no
# row has and no query names as a constant.
_STAND_INS = count(-(2**62))


class KeptQuery:
    """`build(ids)`: a `values_list(..., named=True)` queryset of `model` naming each of `ids`
    (keys of rows: the services of a page, a service and its owner) once as a parameter; its
    other values must be the same on every call. Queries without ids are built with `build()`."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]):
        self.model = model
        self.build = build
        self._kept: dict[tuple[str, int | None], _Built] = {}

    def rows(self, ids: Sequence[int] | None = None) -> list[tuple]:
        """The rows, as the queryset's named tuples (in no set order when by ids)."""
        if ids is not None and not ids:
            return []
        alias = router.db_for_read(self.model)
        shape = (alias, None if ids is None else len(ids))
        built = self._kept.get(shape)
        if built is None:
            built = self._kept[shape] = _Built(self.build, alias, shape[1])
        return built.rows(connections[alias], ids or ())


class _Built:
    def __init__(self, build: Callable[..., QuerySet], alias: str, ids: int | None):
        stand_ins = [next(_STAND_INS) for _ in range(ids or 0)]
        queryset = build() if ids is None else build(stand_ins)
        query = queryset.query
        self.compiler = query.get_compiler(using=alias)
        self.sql, params = self.compiler.as_sql()
        self.params = list(params)
        named = [value for value in self.params if isinstance(value, int) and value in stand_ins]
        if sorted(named) != sorted(stand_ins):
            raise ValueError("each id must be one parameter of the query")
        self.at = [self.params.index(stand_in) for stand_in in stand_ins]
        self.row = create_namedtuple_class(
            *query.extra_select, *query.values_select, *query.annotation_select
        )

    def rows(self, connection, ids: Sequence[int]) -> list[tuple]:
        params = list(self.params)
        for position, value in zip(self.at, ids, strict=True):
            params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        new = tuple.__new__
        return [
            new(self.row, row) for row in self.compiler.results_iter([fetched], tuple_expected=True)
        ]
