import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import (
    catalogue,
    favourites,
    generator,
    hourly,
    job_generator,
    orders,
    payments,
    seed,
)
from services.models import Service


class Command(BaseCommand):
    help = (
        "Load the demo marketplace: categories, skills, demo accounts, the seed service and the "
        "curated catalogue (demo/data/catalogue). Safe to run again. --generate N adds N "
        "generated services for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--generate",
            type=int,
            default=0,
            metavar="N",
            help="Generate N more services (with freelancers, samples, clients and reviews).",
        )
        parser.add_argument(
            "--population",
            type=int,
            default=0,
            metavar="N",
            help="Make sure at least N generated services exist (default 0: the catalogue only).",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            metavar="N",
            help="Generate N open jobs with proposals from generated freelancers.",
        )
        parser.add_argument("--seed", type=int, default=None, help="Random seed for --generate.")

    def handle(self, *args, generate, population, jobs, **options):
        if generate < 0 or population < 0 or jobs < 0:
            raise CommandError("Counts cannot be negative.")
        service = seed.load_demo()
        self.stdout.write(f"Seed service: {service.get_absolute_url()}")
        counts = catalogue.load_catalogue()
        self.stdout.write("Catalogue: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
        # Before anything is generated: the demo's favourites are chosen from the same rows.
        saved = favourites.load_demo_favourites()
        self.stdout.write(f"Favourites of the demo accounts: {saved}")
        milestones = payments.load_demo_payments()
        self.stdout.write(f"Milestones of the demo engagement paid in escrow: {milestones} new")
        weeks = hourly.load_demo_hourly()
        self.stdout.write(f"Weeks of the demo hourly contract: {weeks} new")
        placed = orders.load_demo_orders()
        self.stdout.write(f"Demo orders of packages, in every state: {placed} new")
        existing = Service.objects.filter(
            owner__user__email__endswith=f"@{generator.GENERATED_EMAIL_DOMAIN}"
        ).count()
        to_generate = generate or max(0, population - existing)
        if to_generate:
            started = time.monotonic()
            counts = generator.generate(
                services=to_generate, seed=options["seed"], progress=options["verbosity"] > 0
            )
            elapsed = time.monotonic() - started
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            self.stdout.write(f"Generated {summary} in {elapsed:.1f} s")
        if jobs:
            started = time.monotonic()
            counts = job_generator.generate_jobs(jobs=jobs, seed=options["seed"])
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
            self.stdout.write(f"Generated {summary} in {time.monotonic() - started:.1f} s")
        if to_generate or jobs:
            # Planner statistics for the new rows now: until autovacuum gets to them (never,
            # where it is off) PostgreSQL guesses, and picked a plan that took the top category
            # 106 ms instead of 1 ms on a fresh benchmark database.
            started = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(f"Analysed the tables in {time.monotonic() - started:.1f} s")
        for account in seed.DEMO_ACCOUNTS:
            self.stdout.write(f"Demo {account.role}: {account.email} / {account.password}")
