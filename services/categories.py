"""Every category by its slug, read once per catalogue version and process.

A category page names its category in the URL, and the search names it in a filter: each
page read it (with its parent, for the breadcrumb) and its subcategories' ids in two queries.
The taxonomy is a few dozen rows that change only through the admin, which moves the
catalogue version on (pagecache.taxonomy_changed), so a process keeps the whole table per
version and finds a category without a query.
"""

from services.models import Category

# (version, categories by slug): one version at a time, replaced whole, never changed.
_kept: tuple[int | str | None, dict[str, Category]] = (None, {})


def categories_by_slug(version: int | str) -> dict[str, Category]:
    """Every category by slug, each with its parent and `subcategory_ids`, as of `version`
    (the catalogue version, read before calling: rows read after it are at least that new).

    The objects are shared by every request of this process until the version moves on:
    read them, never change them.
    """
    global _kept
    kept_version, categories = _kept
    if kept_version != version:
        categories = {c.slug: c for c in Category.objects.select_related("parent")}
        by_pk = {category.pk: category for category in categories.values()}
        for category in categories.values():
            category.subcategory_ids = []
        for category in categories.values():
            if category.parent_id in by_pk:
                by_pk[category.parent_id].subcategory_ids.append(category.pk)
        _kept = (version, categories)
    return categories
