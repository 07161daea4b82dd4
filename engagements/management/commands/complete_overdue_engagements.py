from django.core.management.base import BaseCommand

from engagements.models import AUTO_COMPLETE_AFTER
from engagements.transitions import complete_overdue


class Command(BaseCommand):
    help = (
        f"Complete engagements delivered more than {AUTO_COMPLETE_AFTER.days} days ago whose "
        "client has not confirmed them. Run it hourly (from cron or a periodic task)."
    )

    def handle(self, *args, **options):
        completed = complete_overdue()
        plural = "" if completed == 1 else "s"
        self.stdout.write(f"Completed {completed} overdue engagement{plural}.")
