"""The milestone plan: one side proposes how a fixed-price engagement is paid, the other
accepts; until then the proposer may replace it. The amounts add up to the agreed price, in
the engagement's currency; the platform's fee in force is shown with the plan and frozen on
it. After acceptance the plan is fixed, except that an unfunded milestone may be dropped.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement, EngagementState, QuoteBasis
from messaging.models import Side
from money.currencies import round_to_currency
from money.fees import fee_on
from money.formatting import format_money
from money.limits import MAX_QUOTE, MIN_PRICE
from payments import notifications, processor
from payments.exceptions import PaymentRefused
from payments.locks import lock_engagement, lock_milestone
from payments.models import (
    MAX_MILESTONES,
    MAX_REVISIONS,
    OPEN_PAYMENT_STATUSES,
    Milestone,
    MilestonePlan,
    MilestoneState,
    PaymentStatus,
)
from payments.settlement import complete_engagement_if_done, side_of


@dataclass(frozen=True)
class MilestoneDraft:
    title: str
    amount: Decimal
    due_date: date | None = None
    deliverables: str = ""
    revisions_allowed: int = 1


def why_no_plan(engagement: Engagement) -> str | None:
    """Why this engagement cannot be paid by milestones, or None if it can."""
    if engagement.quote_basis != QuoteBasis.FIXED or not engagement.quoted_amount:
        return "Only an engagement with an agreed fixed price is paid by milestones."
    if engagement.state != EngagementState.ACCEPTED:
        return (
            f"This engagement is {engagement.get_state_display().lower()}: milestones are "
            "planned while it is accepted and under way."
        )
    return None


def plan_problems(engagement: Engagement, drafts: list[MilestoneDraft]) -> list[str]:
    """What is wrong with these milestones as the engagement's plan (the forms, the API and
    `propose_plan` share this rule)."""
    currency = engagement.currency
    problems = []
    if not 1 <= len(drafts) <= MAX_MILESTONES:
        problems.append(f"A plan has between 1 and {MAX_MILESTONES} milestones.")
    for number, draft in enumerate(drafts, start=1):
        problems += [f"Milestone {number}: {p}" for p in _draft_problems(draft, currency)]
    total = sum((draft.amount for draft in drafts), Decimal(0))
    if drafts and total != engagement.quoted_amount:
        problems.append(
            f"The milestones add up to {format_money(total, currency)}; they must add up to "
            f"the agreed price, {format_money(engagement.quoted_amount, currency)}."
        )
    return problems


def _draft_problems(draft: MilestoneDraft, currency: str) -> list[str]:
    problems = []
    if round_to_currency(draft.amount, currency) != draft.amount:
        problems.append(f"give the amount in whole {currency} units.")
    if not MIN_PRICE <= draft.amount <= MAX_QUOTE:
        problems.append(f"the amount must be between {MIN_PRICE} and {MAX_QUOTE}.")
    if not draft.title.strip():
        problems.append("give it a title.")
    if not 0 <= draft.revisions_allowed <= MAX_REVISIONS:
        problems.append(f"allow between 0 and {MAX_REVISIONS} revisions.")
    return problems


def fee_preview(amount: Decimal, currency: str, percent: Decimal | None = None) -> Decimal:
    """The fee that releasing `amount` costs the freelancer (at the plan's rate, or today's)."""
    rate = settings.PLATFORM_FEE_PERCENT if percent is None else percent
    return fee_on(amount, currency, percent=rate)


def propose_plan(*, engagement: Engagement, by, milestones: list[MilestoneDraft]) -> MilestonePlan:
    """Propose (or, until it is accepted, replace) the engagement's milestone plan."""
    with transaction.atomic():
        locked = lock_engagement(engagement.pk)
        side = locked.side_of(by)
        if side is None:
            raise PaymentRefused(
                "Only the client and the freelancer of this engagement can plan it.",
                code="not_participant",
            )
        if reason := why_no_plan(locked):
            raise PaymentRefused(reason, code="no_plan")
        plan = MilestonePlan.objects.filter(engagement=locked).first()
        if plan and plan.is_accepted:
            raise PaymentRefused(
                "The milestone plan is agreed already: it no longer changes.",
                code="plan_accepted",
            )
        if problems := plan_problems(locked, milestones):
            raise PaymentRefused(" ".join(problems), code="invalid")
        locked.milestones.all().delete()  # all unfunded: the plan was never accepted
        Milestone.objects.bulk_create(
            Milestone(
                engagement=locked,
                position=position,
                title=draft.title.strip(),
                amount=draft.amount,
                currency=locked.currency,
                due_date=draft.due_date,
                deliverables=draft.deliverables.strip(),
                revisions_allowed=draft.revisions_allowed,
            )
            for position, draft in enumerate(milestones, start=1)
        )
        plan = plan or MilestonePlan(engagement=locked)
        plan.proposed_by = side
        plan.proposed_at = timezone.now()
        plan.fee_percent = settings.PLATFORM_FEE_PERCENT
        plan.save()
        notifications.plan_proposed(plan=plan)
    return plan


def accept_plan(*, engagement: Engagement, by) -> MilestonePlan:
    """The side that did not propose the plan accepts it; the client may then fund it."""
    with transaction.atomic():
        locked = lock_engagement(engagement.pk)
        side = locked.side_of(by)
        if side is None:
            raise PaymentRefused(
                "Only the client and the freelancer of this engagement can accept its plan.",
                code="not_participant",
            )
        plan = MilestonePlan.objects.filter(engagement=locked).first()
        if plan is None:
            raise PaymentRefused("No milestone plan has been proposed yet.", code="no_plan")
        if plan.is_accepted:
            raise PaymentRefused("The milestone plan is agreed already.", code="plan_accepted")
        if reason := why_no_plan(locked):
            raise PaymentRefused(reason, code="no_plan")
        if side != plan.side_to_accept():
            raise PaymentRefused(
                f"You proposed this plan: the {plan.side_to_accept()} accepts it.",
                code="wrong_side",
            )
        plan.engagement = locked
        plan.accepted_at = timezone.now()
        plan.save(update_fields=["accepted_at"])
        notifications.plan_accepted(plan=plan)
    return plan


def agree_single_payment(
    *,
    engagement: Engagement,
    draft: MilestoneDraft,
    auto_release_days: int | None = None,
    awaiting_client_brief: bool = False,
) -> Milestone:
    """A plan of one milestone for the whole agreed price, agreed by both sides at once (a
    service bought in one step: buying is the client's consent, the package the
    freelancer's). Inside the caller's transaction; the client funds it as any milestone."""
    if problems := plan_problems(engagement, [draft]):
        raise PaymentRefused(" ".join(problems), code="invalid")
    now = timezone.now()
    MilestonePlan.objects.create(
        engagement=engagement,
        proposed_by=Side.FREELANCER,
        proposed_at=now,
        accepted_at=now,
        fee_percent=settings.PLATFORM_FEE_PERCENT,
    )
    return Milestone.objects.create(
        engagement=engagement,
        position=1,
        title=draft.title.strip(),
        amount=draft.amount,
        currency=engagement.currency,
        due_date=draft.due_date,
        deliverables=draft.deliverables.strip(),
        revisions_allowed=draft.revisions_allowed,
        auto_release_days=auto_release_days,
        awaiting_client_brief=awaiting_client_brief,
    )


def add_agreed_milestone(
    *, engagement: Engagement, draft: MilestoneDraft, auto_release_days: int | None = None
) -> Milestone:
    """A milestone added to an agreed plan by both sides' consent (an order's paid add-on:
    offered by the freelancer, accepted by the client), at the end of the plan; the agreed
    price grows by its amount. Inside the caller's transaction, with the engagement locked
    by `lock_engagement`; the client funds it as any milestone."""
    if engagement.milestones.count() >= MAX_MILESTONES:
        raise PaymentRefused(f"A plan has at most {MAX_MILESTONES} milestones.", code="plan_full")
    if problems := _draft_problems(draft, engagement.currency):
        raise PaymentRefused(" ".join(problems), code="invalid")
    engagement.quoted_amount += draft.amount
    engagement.budget = engagement.quoted_amount
    engagement.save(update_fields=["quoted_amount", "budget"])
    last = engagement.milestones.order_by("-position").values_list("position", flat=True)
    return Milestone.objects.create(
        engagement=engagement,
        position=(last.first() or 0) + 1,
        title=draft.title.strip(),
        amount=draft.amount,
        currency=engagement.currency,
        due_date=draft.due_date,
        deliverables=draft.deliverables.strip(),
        revisions_allowed=draft.revisions_allowed,
        auto_release_days=auto_release_days,
    )


def drop_milestone(*, milestone: Milestone, by) -> Milestone:
    """Either side drops an unfunded milestone of an agreed plan: nothing was charged, and
    a card form left open for it can no longer charge."""
    with transaction.atomic():
        locked = lock_milestone(milestone.pk)
        side = side_of(locked, by)
        if locked.state != MilestoneState.PROPOSED or not _plan_accepted(locked):
            raise PaymentRefused(
                "Only an unfunded milestone of an agreed plan can be dropped (before the plan "
                "is agreed, change the plan instead).",
                code="wrong_state",
            )
        for payment in locked.payments.filter(status__in=OPEN_PAYMENT_STATUSES):
            if payment.status == PaymentStatus.REQUIRES_ACTION:
                raise PaymentRefused(
                    "A payment for this milestone is being authenticated; try again in a "
                    "few minutes.",
                    code="wrong_state",
                )
            if payment.payment_intent_id:
                processor.cancel_payment_intent(payment.payment_intent_id)
            payment.status = PaymentStatus.FAILED
            payment.last_error = "The milestone was dropped."
            payment.save(update_fields=["status", "last_error", "updated_at"])
        locked.state = MilestoneState.DROPPED
        locked.dropped_at = timezone.now()
        locked.save(update_fields=["state", "dropped_at"])
        notifications.dropped(milestone=locked, by_side=side)
        complete_engagement_if_done(locked)
    return locked


def _plan_accepted(milestone: Milestone) -> bool:
    plan = MilestonePlan.objects.filter(engagement_id=milestone.engagement_id).first()
    return plan is not None and plan.is_accepted
