"""The demo's hourly contract: the demo client hires the seed freelancer by the hour ($15 an
hour, as the seed listing's first price, up to 20 hours a week), with a card on file and
three past weeks — one paid to the freelancer, one disputed, one in the client's review — and
this week's timesheet open.

Past weeks are history, so their rows and entries are written here as they stand; their
charges are demo payments (`Processor.DEMO`, never at Stripe) recorded, reviewed, disputed
and released by the same workflows as the pages, so the ledger, invoices and balances are
what they would be. Loading again changes nothing (the engagement is found by its brief).
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo import seed
from engagements.models import Engagement, EngagementState, QuoteBasis
from services.models import Service
from timesheets import calendar, charging, review, terms
from timesheets.locks import lock_week
from timesheets.models import Contract, TimeEntry, Week

BRIEF = (
    "Ongoing: a daily digest of the summit's coverage, billed by the hour (demo), up to 20 "
    "hours a week."
)
RATE = Decimal("15.00")
LIMIT = Decimal("20")
ZONE = "Europe/Berlin"
AGREED_AT = datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
# Hours per weekday of each past week, oldest first: paid, disputed, in review.
PAST_WEEKS = [
    [Decimal("3"), Decimal("3.5"), Decimal("2.75"), Decimal("3"), Decimal("2")],
    [Decimal("4"), Decimal("4"), Decimal("3.25"), Decimal("4.5"), Decimal("4")],
    [Decimal("2.5"), Decimal("3"), Decimal("3"), Decimal("2.25")],
]


def load_demo_hourly() -> int:
    """Load the demo's hourly contract; returns how many weeks were created (0 if there)."""
    client = User.objects.get(email=seed.CLIENT.email)
    freelancer = User.objects.get(email=seed.FREELANCER.email)
    service = Service.objects.get(slug=seed.SEED_SERVICE_SLUG)
    if Engagement.objects.filter(client=client, service=service, what=BRIEF).exists():
        return 0
    with transaction.atomic():
        engagement = Engagement.objects.create(
            client=client,
            service=service,
            freelancer=service.owner,
            what=BRIEF,
            currency="USD",
            quoted_amount=RATE,
            quote_basis=QuoteBasis.HOURLY,
            state=EngagementState.ACCEPTED,
            requested_at=AGREED_AT,
            accepted_at=AGREED_AT,
            last_activity_at=AGREED_AT,
        )
        terms.propose_terms(
            engagement=engagement,
            by=freelancer,
            hourly_rate=RATE,
            weekly_limit=LIMIT,
            time_zone=ZONE,
        )
        agreed = terms.accept_terms(engagement=engagement, by=client)
        this_monday = calendar.week_start(ZONE)
        first_monday = this_monday - timedelta(weeks=len(PAST_WEEKS))
        # The terms were agreed before the first demo week.
        agreed.effective_from = first_monday
        agreed.save(update_fields=["effective_from"])
        contract = Contract.objects.get(engagement=engagement)
        # A card "saved" at the demo's Stripe: charges are demo payments, never sent.
        contract.customer_id = "cus_demo"
        contract.payment_method_id = "pm_demo"
        contract.card_saved_at = AGREED_AT
        contract.save(update_fields=["customer_id", "payment_method_id", "card_saved_at"])
        weeks = [
            _past_week(contract, first_monday + timedelta(weeks=n), hours)
            for n, hours in enumerate(PAST_WEEKS)
        ]
        now = timezone.now()
        for week in weeks:
            charging.record_demo_charge(week_pk=week.pk, now=now)
        paid, disputed, _in_review = weeks
        locked = lock_week(paid.pk)
        review.settle(week=locked, refund_amount=Decimal(0), how="after the review window")
        review.open_dispute(
            week=disputed,
            by=client,
            reason="Thursday's 4.5 hours were for a digest I never received.",
            entries=list(disputed.entries.filter(hours=Decimal("4.5"))),
        )
    return len(weeks)


def _past_week(contract: Contract, monday, hours: list[Decimal]) -> Week:
    week = Week.objects.create(
        contract=contract,
        starts_on=monday,
        closes_at=calendar.week_closes_at(monday, contract.time_zone),
        hourly_rate=RATE,
        weekly_limit=LIMIT,
        currency=contract.currency,
        hours=sum(hours, Decimal(0)),
    )
    TimeEntry.objects.bulk_create(
        TimeEntry(
            week=week,
            date=monday + timedelta(days=n),
            hours=day_hours,
            description="Digest of the day's coverage, with links and a two-line summary.",
        )
        for n, day_hours in enumerate(hours)
    )
    return week
