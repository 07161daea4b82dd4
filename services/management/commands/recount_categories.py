from django.core.management.base import BaseCommand, CommandError

from services.counters import recount_categories
from services.models import Category
from services.pagecache import catalogue_changed


class Command(BaseCommand):
    help = (
        "Recount each category's published services from the services, printing every stored "
        "count that differed. With --check, change nothing and exit with status 1 if any differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Report drift and fail.")

    def handle(self, *args, check: bool, **options):
        stored = dict(Category.objects.values_list("slug", "published_service_count"))
        if not check:
            recount_categories()
            catalogue_changed()
        actual = _actual_counts()
        drift = {slug: (stored[slug], n) for slug, n in actual.items() if stored[slug] != n}
        for slug, (was, now) in sorted(drift.items()):
            self.stdout.write(f"{slug}: stored {was}, published {now}")
        if not drift:
            self.stdout.write("No drift: every stored category count matches the services.")
        elif check:
            raise CommandError(
                f"{len(drift)} category count(s) differed. Run without --check to fix them.",
                returncode=1,
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{len(drift)} category count(s) recounted."))


def _actual_counts() -> dict[str, int]:
    from django.db.models import Count, Q

    from services.models import ServiceStatus

    published = Count("services", filter=Q(services__status=ServiceStatus.PUBLISHED))
    return dict(Category.objects.annotate(n=published).values_list("slug", "n"))
