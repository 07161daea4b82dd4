"""Per-category counts of published services, and per category and skill, stored in the
database.

The home page's category tree, the categories API and the category pages show how many
services each category lists, and the facet panels of the unfiltered lists and the category
pages show how many list each skill. Counting them with a GROUP BY costs more than the rest of
the page (at 1,000,000 services the skill facet alone groups 4 million service-skill rows:
1.9 s), and every write makes a cached count stale; a stored counter costs nothing to read.

One place keeps the counters current: the Service signals below, which every workflow goes
through (publish, pause, edit or move, change of skills, delete, the admin, a freelancer's
account deletion). A write recounts the categories it touched (the category a service was
loaded in and the one it is saved in) from the services themselves, with the categories' rows
locked: writers of one category take turns, and the last one counts every change committed
before it, so the stored numbers never drift. A category's count is an index range of
(category, status); its skill counts read each of its published services' skill rows, a few
ms per thousand services, so only a change of status, category or skills recounts.
Writes that bypass signals (the demo generator's bulk inserts) call `recount_categories()`;
`manage.py recount_categories` repairs everything.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save


def recount_categories(category_ids: Iterable[int] | None = None) -> None:
    """Store each category's published services count and its per-skill counts (every
    category when None)."""
    from services.models import Category, CategorySkillCount, Service, ServiceStatus

    categories = Category.objects.all()
    if category_ids is not None:
        ids = sorted({pk for pk in category_ids if pk is not None})
        if not ids:
            return
        categories = categories.filter(pk__in=ids)
    with transaction.atomic():
        # Locked in id order, so that two writers never wait on each other crosswise.
        locked = list(categories.order_by("pk").select_for_update().values_list("pk", flat=True))
        published = (
            Service.objects.filter(category=OuterRef("pk"), status=ServiceStatus.PUBLISHED)
            .order_by()
            .values("category")
            .annotate(n=Count("pk"))
            .values("n")
        )
        categories.update(published_service_count=Coalesce(Subquery(published), Value(0)))
        CategorySkillCount.objects.filter(category__in=locked).delete()
        CategorySkillCount.objects.bulk_create(
            CategorySkillCount(category_id=category, skill_id=skill, published_service_count=n)
            for category, skill, n in published_per_skill(locked)
        )


def published_per_skill(category_ids: Iterable[int] | None = None):
    """(category id, skill id, published services) of every pair with any, from the
    services themselves (of these categories, or of all when None)."""
    from services.models import Service, ServiceStatus

    rows = Service.skills.through.objects.filter(service__status=ServiceStatus.PUBLISHED)
    if category_ids is not None:
        rows = rows.filter(service__category__in=category_ids)
    return rows.order_by().values_list("service__category", "skill").annotate(n=Count("pk"))


def _remember_loaded_category(sender, instance, **kwargs) -> None:
    # What the row held when loaded: a delete must recount the category the service was in.
    # Read from __dict__: a service loaded without its category (`.only()`) must not cost a
    # query per instance; such an instance cannot move it either (a save writes loaded fields).
    instance._counted_category_id = instance.__dict__.get("category_id")


def _writes_counted_fields(update_fields) -> bool:
    return update_fields is None or bool({"status", "category"} & set(update_fields))


def _read_stored_state(sender, instance, update_fields=None, **kwargs) -> None:
    # What the row holds before the save, locked until the transaction ends: a save that
    # leaves the status and the category as they were (an edit of the text or the prices)
    # recounts nothing, and a move recounts the category the service really left, even when
    # another writer moved it after this instance was loaded. Outside a transaction the lock
    # would not hold until the write, so such a save always recounts.
    instance._stored_state = None
    if (
        not instance._state.adding
        and _writes_counted_fields(update_fields)
        and transaction.get_connection().in_atomic_block
    ):
        rows = sender.objects.select_for_update().filter(pk=instance.pk)
        instance._stored_state = rows.values_list("category", "status").first()


def _service_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if not _writes_counted_fields(update_fields):
        return
    if created and instance.status != "published":
        return  # a new draft changes no count
    stored = getattr(instance, "_stored_state", None)
    if stored == (instance.category_id, instance.status):
        return
    left = stored[0] if stored else getattr(instance, "_counted_category_id", None)
    recount_categories({instance.category_id, left})
    instance._counted_category_id = instance.category_id


def _service_deleted(sender, instance, **kwargs) -> None:
    recount_categories({instance.category_id, getattr(instance, "_counted_category_id", None)})


def _skills_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    from services.models import Category, Service, ServiceStatus

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:  # service.skills.set(...): the service's own category
        if instance.status == ServiceStatus.PUBLISHED:
            recount_categories({instance.category_id})
    elif pk_set is None:  # skill.services.clear(): which services lost it is gone
        recount_categories(Category.objects.values_list("pk", flat=True))
    else:  # skill.services.add(...)
        services = Service.objects.filter(pk__in=pk_set, status=ServiceStatus.PUBLISHED)
        recount_categories(services.values_list("category", flat=True))


def connect_signals() -> None:
    from services.models import Service

    post_init.connect(_remember_loaded_category, sender=Service, dispatch_uid="counters-init")
    pre_save.connect(_read_stored_state, sender=Service, dispatch_uid="counters-read")
    post_save.connect(_service_saved, sender=Service, dispatch_uid="counters-save")
    post_delete.connect(_service_deleted, sender=Service, dispatch_uid="counters-delete")
    m2m_changed.connect(
        _skills_changed, sender=Service.skills.through, dispatch_uid="counters-skills"
    )
