"""Fast bulk inserts for the generator.

On PostgreSQL rows are streamed with COPY, primary keys taken from the table's sequence in
one query beforehand (so callers can link rows, as with bulk_create). Elsewhere this is
bulk_create. Unlike bulk_create, a timestamp already set on an auto_now/auto_now_add field is
kept, so generated data can look as if it grew over time.
"""

import operator
from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone

_ADAPTED_BY_PSYCOPG = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,  # also SlugField, EmailField, URLField
    models.DateField,  # also DateTimeField
    models.DecimalField,
    models.FloatField,
    models.ForeignKey,  # attname is the id
    models.IntegerField,  # also the small, big and positive ones
    models.TextField,
)


def bulk_insert(objs: Sequence[models.Model], *, batch_size: int = 5_000) -> None:
    if not objs:
        return
    model = type(objs[0])
    now = timezone.now()
    stamped = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for obj in objs:
        for attname in stamped:
            if getattr(obj, attname) is None:
                setattr(obj, attname, now)
    if connection.vendor != "postgresql":
        for start in range(0, len(objs), batch_size):
            _bulk_create_keeping_timestamps(model, objs[start : start + batch_size])
        return
    _copy(model, objs)


def _bulk_create_keeping_timestamps(model, objs) -> None:
    # bulk_create stamps "now" on auto_now/auto_now_add fields through pre_save(); every
    # timestamp is already set above, so switch the stamping off for this one call.
    auto = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    try:
        for field, _, _ in auto:
            field.auto_now = field.auto_now_add = False
        model.objects.bulk_create(objs)
    finally:
        for field, auto_now, auto_now_add in auto:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _copy(model, objs) -> None:
    meta = model._meta
    fields = list(meta.concrete_fields)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        if meta.pk.attname in {f.attname for f in fields} and isinstance(meta.pk, models.AutoField):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objs)],
            )
            for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = pk
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        # psycopg adapts str, int, Decimal, datetime, bool and None itself; only other field
        # types (files, JSON, ...) need Django's preparation. attrgetter reads a row in C.
        read_row = operator.attrgetter(*(f.attname for f in fields))
        special = [(i, f) for i, f in enumerate(fields) if not isinstance(f, _ADAPTED_BY_PSYCOPG)]
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                row = read_row(obj)
                if special:
                    row = list(row)
                    for i, field in special:
                        row[i] = field.get_db_prep_save(row[i], connection)
                copy.write_row(row)
