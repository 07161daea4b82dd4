"""Keyset ("cursor") pages of a service list, for the API's deep pages.

A page number becomes an OFFSET: page 400 makes the database walk 8,000 rows to throw them
away, and the cost grows with the depth. A cursor names the last service of the previous page
by its sort key (and id, the tie-breaker), so the next page starts at that key: an index range
whatever the depth, as each sort has an index (services.models.Service.Meta.indexes).

A cursor is opaque to clients: URL-safe base64 of the sort and the last row's key. A relevance
sort ranks a bounded window of matches (services.filters.RANKED_MATCHES) and keeps its page
numbers; the other sorts offer cursors.
"""

import base64
import binascii
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db.models import F, Field, Func, Lookup, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan

CURSOR_PATTERN = r"^[A-Za-z0-9_-]{1,300}$"
# The query parameter that carries a cursor.
CURSOR = "cursor"
# The API's service list links its first pages by number; from this page on, `next` is a
# cursor, so a client walking the whole list never asks for a deep OFFSET.
PAGES_BY_NUMBER = 5


def _integer(value) -> int:
    number = int(value)
    if not -(2**63) <= number < 2**63:  # what a bigint column can compare with
        raise ValueError(value)
    return number


def _finite_float(value) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _finite_decimal(value) -> Decimal:
    number = Decimal(value)
    if not number.is_finite() or abs(number) >= 10**10:
        raise ValueError(value)
    return number


def _aware_datetime(value) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


@dataclass(frozen=True)
class _Key:
    field: str
    descending: bool
    # Reads a value back from a cursor; a ValueError makes the cursor a 400, so that a forged
    # one never reaches the database with a value its column cannot hold.
    parse: Callable[[str], object]
    nullable: bool = False


# Each sort's order (services.filters._ORDERINGS), column by column; nullable columns sort
# their NULLs last.
KEYS: dict[str, tuple[_Key, ...]] = {
    "best_rated": (
        _Key("rating_score", True, _finite_float),
        _Key("review_count", True, _integer),
        _Key("id", True, _integer),
    ),
    "rate_low": (
        _Key("hourly_rate", False, _finite_decimal, nullable=True),
        _Key("id", False, _integer),
    ),
    "rate_high": (
        _Key("hourly_rate", True, _finite_decimal, nullable=True),
        _Key("id", True, _integer),
    ),
    "newest": (_Key("created_at", True, _aware_datetime), _Key("id", True, _integer)),
}


class BadCursor(ValueError):
    """Not a cursor this list gave out (or one of another sort)."""


def key_fields(sort: str) -> tuple[str, ...]:
    return tuple(key.field for key in KEYS.get(sort, ()))


def encode(sort: str, row: tuple) -> str:
    values = [
        None if v is None else v.isoformat() if isinstance(v, datetime) else str(v) for v in row
    ]
    raw = json.dumps([sort, values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, sort: str) -> tuple:
    """The key values a cursor of this sort names; BadCursor otherwise."""
    if sort not in KEYS:
        raise BadCursor("This sort has no cursor pages: use page numbers.")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, values = json.loads(raw)
        keys = KEYS[sort]
        if cursor_sort != sort or len(values) != len(keys):
            raise BadCursor("This cursor belongs to another sort: start from the first page.")
        return tuple(
            None if value is None and key.nullable else key.parse(value)
            for key, value in zip(keys, values, strict=True)
        )
    except BadCursor:
        raise
    except (binascii.Error, UnicodeDecodeError, TypeError, ValueError, InvalidOperation) as exc:
        raise BadCursor("Not a cursor from this list: follow the `next` link.") from exc


def page_after(rows: QuerySet, sort: str, values: tuple, size: int) -> list:
    """The first `size` rows of `rows` (ordered by `sort`) after the row with these key values.

    Each step is one index range: a row-value comparison `(a, b, id) < (x, y, z)` where every
    column sorts the same way, and services without a rate (sorted last) as a range of their
    own, fetched only when the rated ones run out.
    """
    first, *_ = keys = KEYS[sort]
    if values[0] is None:  # among the unrated services, sorted by id
        tie_breaker = keys[-1]
        beyond = "lt" if tie_breaker.descending else "gt"
        return list(
            rows.filter(**{f"{first.field}__isnull": True, f"id__{beyond}": values[-1]})[:size]
        )
    found = list(rows.filter(_row_beyond(keys, values))[:size])
    if first.nullable and len(found) < size:
        found += list(rows.filter(**{f"{first.field}__isnull": True})[: size - len(found)])
    return found


def _row_beyond(keys: tuple[_Key, ...], values: tuple) -> Lookup:
    # `(a, b) < (x, y)`: a row value, in PostgreSQL's and SQLite's syntax alike.
    columns = Func(
        *(F(key.field) for key in keys), template="(%(expressions)s)", output_field=Field()
    )
    bound = Func(
        *(Value(value) for value in values), template="(%(expressions)s)", output_field=Field()
    )
    return LessThan(columns, bound) if keys[0].descending else GreaterThan(columns, bound)
