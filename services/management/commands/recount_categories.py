from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from marketplace.pagecache import catalogue_changed
from profiles.models import Skill
from services.counters import published_per_language, published_per_skill, recount_categories
from services.models import (
    Category,
    CategoryLanguageCount,
    CategorySkillCount,
    ServiceStatus,
)


class Command(BaseCommand):
    help = (
        "Recount each category's published services, in all, per skill and per language, "
        "from the services, "
        "printing every stored count that differed. With --check, change nothing and exit "
        "with status 1 if any differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Report drift and fail.")

    def handle(self, *args, check: bool, **options):
        stored = _stored_counts()
        if not check:
            recount_categories()
            catalogue_changed()
        actual = _actual_counts()
        drift = {
            name: (stored.get(name, 0), actual.get(name, 0))
            for name in stored.keys() | actual.keys()
            if stored.get(name, 0) != actual.get(name, 0)
        }
        for name, (was, now) in sorted(drift.items()):
            self.stdout.write(f"{name}: stored {was}, published {now}")
        if not drift:
            self.stdout.write("No drift: every stored category count matches the services.")
        elif check:
            raise CommandError(
                f"{len(drift)} category count(s) differed. Run without --check to fix them.",
                returncode=1,
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{len(drift)} category count(s) recounted."))


def _stored_counts() -> dict[str, int]:
    """By category slug, and by "category slug / skill slug"."""
    counts = dict(Category.objects.values_list("slug", "published_service_count"))
    per_skill = CategorySkillCount.objects.values_list(
        "category__slug", "skill__slug", "published_service_count"
    )
    counts.update({f"{category} / {skill}": n for category, skill, n in per_skill})
    per_language = CategoryLanguageCount.objects.values_list(
        "category__slug", "source", "target", "published_service_count"
    )
    counts.update(
        {
            f"{category} / {source or '*'} → {target or '*'}": n
            for category, source, target, n in per_language
        }
    )
    return counts


def _actual_counts() -> dict[str, int]:
    published = Count("services", filter=Q(services__status=ServiceStatus.PUBLISHED))
    counts = dict(Category.objects.annotate(n=published).values_list("slug", "n"))
    category_slugs = dict(Category.objects.values_list("pk", "slug"))
    skill_slugs = dict(Skill.objects.values_list("pk", "slug"))
    counts.update(
        {
            f"{category_slugs[category]} / {skill_slugs[skill]}": n
            for category, skill, n in published_per_skill()
        }
    )
    counts.update(
        {
            f"{category_slugs[category]} / {source or '*'} → {target or '*'}": n
            for category, source, target, n in published_per_language()
        }
    )
    return counts
