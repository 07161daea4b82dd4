from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(text: str, queryset: QuerySet, *, max_length: int = 80, field: str = "slug") -> str:
    """Slugify `text`, appending -2, -3, ... until no row of `queryset` has it.

    The database's unique constraint stays the guarantee; this only picks a likely-free name.
    """
    base = slugify(text)[:max_length].strip("-") or "item"
    taken = set(queryset.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        n += 1
    return candidate
