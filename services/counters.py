"""Per-category counts of published services, and per category and skill, stored in the
database.

The home page's category tree, the categories API and the category pages show how many
services each category lists, and the facet panels of the unfiltered lists and the category
pages show how many list each skill. Counting them with a GROUP BY costs more than the rest of
the page (at 1,000,000 services the skill facet alone groups 4 million service-skill rows:
1.9 s), and every write makes a cached count stale; a stored counter costs nothing to read.

The workflows that change what is counted recount the categories they touched, inside their
transactions: publishing and pausing (`services.publishing`), editing or moving a service or
changing its skills (`services.editing`), deleting it (`services.deletion`), an account's
deletion, and the admin's hooks, which call those workflows. A recount reads the services
themselves with the categories' rows locked: writers of one category take turns, and the last
one counts every change committed before it, so the stored numbers never drift. A category's
count is an index range of (category, status); its skill counts read each of its published
services' skill rows, a few ms per thousand services, so workflows recount only when a
status, a category or the skills change. Bulk writes (the demo generator's inserts) call
`recount_categories()`; `manage.py recount_categories` repairs everything.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from services.models import (
    Category,
    CategoryLanguageCount,
    CategorySkillCount,
    Service,
    ServiceLanguagePair,
    ServiceStatus,
)


def recount_categories(category_ids: Iterable[int] | None = None) -> None:
    """Store each category's published services count, its per-skill counts and its
    per-language counts (every category when None)."""
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
        CategoryLanguageCount.objects.filter(category__in=locked).delete()
        CategoryLanguageCount.objects.bulk_create(
            CategoryLanguageCount(
                category_id=category, source=source, target=target, published_service_count=n
            )
            for category, source, target, n in published_per_language(locked)
        )


def published_per_skill(category_ids: Iterable[int] | None = None):
    """(category id, skill id, published services) of every pair with any, from the
    services themselves (of these categories, or of all when None)."""
    rows = Service.skills.through.objects.filter(service__status=ServiceStatus.PUBLISHED)
    if category_ids is not None:
        rows = rows.filter(service__category__in=category_ids)
    return rows.order_by().values_list("service__category", "skill").annotate(n=Count("pk"))


def published_per_language(category_ids: Iterable[int] | None = None):
    """(category id, source, target, published services) of every pair with any, then of
    every source language (target "") and every target language (source ""), each service
    counted once per row (services.models.CategoryLanguageCount)."""
    rows = ServiceLanguagePair.objects.filter(service__status=ServiceStatus.PUBLISHED)
    if category_ids is not None:
        rows = rows.filter(service__category__in=category_ids)
    rows = rows.order_by()
    pairs = rows.values_list("service__category", "source", "target").annotate(n=Count("pk"))
    sources = rows.values_list("service__category", "source").annotate(
        n=Count("service", distinct=True)
    )
    targets = rows.values_list("service__category", "target").annotate(
        n=Count("service", distinct=True)
    )
    return [
        *pairs,
        *((category, source, "", n) for category, source, n in sources),
        *((category, "", target, n) for category, target, n in targets),
    ]
