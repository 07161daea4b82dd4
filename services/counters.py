"""Per-category counts of published services, stored on each category.

The home page's category tree, the categories API and the category pages show how many
services each category lists. Counting them with a GROUP BY over 100,000 services costs more
than the rest of the page, and every write makes a cached count stale; a stored counter costs
nothing to read.

One place keeps the counters current: the Service signals below, which every workflow goes
through (publish, pause, edit or move, delete, the admin, a freelancer's account deletion).
A write recounts the categories it touched (the category a service was loaded in and the one
it is saved in) from the services themselves, with the categories' rows locked: writers of one
category take turns, and the last one counts every change committed before it, so the stored
number never drifts. A leaf category's count is an index range of (category, status).
Writes that bypass signals (the demo generator's bulk inserts) call `recount_categories()`;
`manage.py recount_categories` repairs everything.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_init, post_save


def recount_categories(category_ids: Iterable[int] | None = None) -> None:
    """Store each category's published services count (every category when None)."""
    from services.models import Category, Service, ServiceStatus

    categories = Category.objects.all()
    if category_ids is not None:
        ids = sorted({pk for pk in category_ids if pk is not None})
        if not ids:
            return
        categories = categories.filter(pk__in=ids)
    with transaction.atomic():
        # Locked in id order, so that two writers never wait on each other crosswise.
        list(categories.order_by("pk").select_for_update().values_list("pk", flat=True))
        published = (
            Service.objects.filter(category=OuterRef("pk"), status=ServiceStatus.PUBLISHED)
            .order_by()
            .values("category")
            .annotate(n=Count("pk"))
            .values("n")
        )
        categories.update(published_service_count=Coalesce(Subquery(published), Value(0)))


def _remember_loaded_category(sender, instance, **kwargs) -> None:
    # What the row held when loaded: a move must recount the category the service left.
    # Read from __dict__: a service loaded without its category (`.only()`) must not cost a
    # query per instance; such an instance cannot move it either (a save writes loaded fields).
    instance._counted_category_id = instance.__dict__.get("category_id")


def _service_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not {"status", "category"} & set(update_fields):
        return  # neither the status nor the category changed
    if created and instance.status != "published":
        return  # a new draft changes no count
    recount_categories({instance.category_id, getattr(instance, "_counted_category_id", None)})
    instance._counted_category_id = instance.category_id


def _service_deleted(sender, instance, **kwargs) -> None:
    recount_categories({instance.category_id, getattr(instance, "_counted_category_id", None)})


def connect_signals() -> None:
    from services.models import Service

    post_init.connect(_remember_loaded_category, sender=Service, dispatch_uid="counters-init")
    post_save.connect(_service_saved, sender=Service, dispatch_uid="counters-save")
    post_delete.connect(_service_deleted, sender=Service, dispatch_uid="counters-delete")
