from django.core.management.base import BaseCommand, CommandError

from reviews.drift import find_drift, fix_drift


class Command(BaseCommand):
    help = (
        "Recompute the stored review counts, averages, damped scores and completed-engagement "
        "counts from the visible reviews and engagements, printing every value that differed. "
        "With --check, change nothing and exit with status 1 if anything differs (for CI)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Report drift and fail; do not fix it."
        )

    def handle(self, *args, check: bool, **options):
        drift = find_drift()
        for item in drift:
            self.stdout.write(str(item))
        if not drift:
            self.stdout.write("No drift: every stored count and average matches the reviews.")
            return
        services = sorted({d.pk for d in drift if d.model == "service"})
        profiles = sorted({d.pk for d in drift if d.model == "profile"})
        summary = (
            f"{len(drift)} stored value(s) differed "
            f"({len(services)} service(s), {len(profiles)} profile(s))"
        )
        if check:
            raise CommandError(f"{summary}. Run without --check to fix them.", returncode=1)
        fix_drift(drift)
        self.stdout.write(self.style.SUCCESS(f"{summary}; recomputed."))
