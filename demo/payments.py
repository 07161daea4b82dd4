"""The demo's escrow: one fixed-price engagement of the demo client with the seed freelancer,
paid by milestones in every state (funded, submitted, released, refunded, in dispute, and one
not funded yet), and a payout the staff have paid, so `make run` shows the whole flow with no
Stripe at all.

The card payments are recorded as demo payments (`Processor.DEMO`: never at Stripe, and
reconciliation knows it), and every other step goes through the same workflows as the pages,
so the ledger, the receipts and the balances are what they would be. The engagement's dates
are fixed; the money moves are dated at the load. Loading again changes nothing (the
engagement is found by its brief).
"""

from datetime import UTC, datetime
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from demo import seed
from engagements.models import Engagement, EngagementState, QuoteBasis
from payments import delivery, disputes, funding, payouts, planning, refunds, settlement
from payments.models import Milestone
from payments.planning import MilestoneDraft
from services.models import Service

BRIEF = (
    "A series of five explainers on the summit, paid by milestones (demo): one per week, "
    "800 words each, with sources."
)
PLAN = [
    MilestoneDraft("Explainer 1: the agenda", Decimal("300"), revisions_allowed=1),
    MilestoneDraft("Explainer 2: the trade talks", Decimal("300"), revisions_allowed=1),
    MilestoneDraft("Explainer 3: the security pact", Decimal("300"), revisions_allowed=2),
    MilestoneDraft("Explainer 4: the energy deal", Decimal("300"), revisions_allowed=1),
    MilestoneDraft("Explainer 5: what comes next", Decimal("300"), revisions_allowed=1),
    MilestoneDraft("Bonus: a glossary", Decimal("200"), revisions_allowed=0),
]
PAID_OUT = Decimal("100")
# The engagement's own dates are fixed, like the catalogue's; the money moves when loaded.
AGREED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def load_demo_payments() -> int:
    """Load the demo's milestones; returns how many were created (0 when already there)."""
    client = User.objects.get(email=seed.CLIENT.email)
    freelancer = User.objects.get(email=seed.FREELANCER.email)
    staff = User.objects.get(email=seed.STAFF.email)
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
            quoted_amount=sum((draft.amount for draft in PLAN), Decimal(0)),
            quote_basis=QuoteBasis.FIXED,
            state=EngagementState.ACCEPTED,
            requested_at=AGREED_AT,
            accepted_at=AGREED_AT,
            last_activity_at=AGREED_AT,
        )
        planning.propose_plan(engagement=engagement, by=freelancer, milestones=PLAN)
        planning.accept_plan(engagement=engagement, by=client)
        funded, submitted, released, refunded, disputed, _unfunded = Milestone.objects.filter(
            engagement=engagement
        ).order_by("position")
        for milestone in (funded, submitted, released, refunded, disputed):
            funding.record_demo_payment(milestone=milestone)
        for milestone in (submitted, released, disputed):
            delivery.submit_work(
                milestone=milestone,
                by=freelancer,
                message="The explainer is below, with its sources at the end.",
                files=[],
            )
        settlement.release(milestone=released, by=client)
        proposal = refunds.propose_refund(
            milestone=refunded,
            by=freelancer,
            amount=refunded.amount,
            reason="The energy deal was postponed: nothing to explain yet.",
        )
        refunds.accept_refund(proposal=proposal, by=client)
        disputes.open_dispute(
            milestone=disputed,
            by=client,
            reason="The draft covers the wrong summit; I asked about this week's talks.",
        )
        payouts.save_payout_details(
            user=freelancer,
            account_holder="Elena Marsh",
            bank_details="IBAN DE89 3704 0044 0532 0130 00 (demo)",
        )
        payout = payouts.request_payout(
            freelancer=freelancer, currency=engagement.currency, amount=PAID_OUT
        )
        payouts.mark_paid(payout=payout, by=staff, reference="DEMO-TRANSFER-0001")
    return len(PLAN)
