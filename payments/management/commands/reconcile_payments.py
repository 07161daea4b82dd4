import sys

from django.core.management.base import BaseCommand

from payments.reconciliation import reconcile


class Command(BaseCommand):
    help = (
        "Compare the ledger with itself (balanced transactions, nothing overdrawn, escrow per "
        "milestone state) and with Stripe (payments and refunds); list the differences and "
        "exit 1 if there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-stripe", action="store_true", help="Compare the books with themselves only."
        )

    def handle(self, *args, **options):
        differences = reconcile(with_stripe=not options["no_stripe"])
        for difference in differences:
            self.stdout.write(f"- {difference}")
        if differences:
            self.stderr.write(f"{len(differences)} difference(s).")
            sys.exit(1)
        self.stdout.write("The books agree with themselves and with Stripe.")
