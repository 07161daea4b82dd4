"""The milestones section of an engagement's page: the engagements app sits below this one,
so its page shows the section through this tag rather than by importing the payments app."""

from django import template
from django.conf import settings
from django.db.models import Prefetch

from money.fees import fee_on
from payments import planning, processor
from payments.models import Dispute, MilestonePlan, ProposalStatus, Receipt, RefundProposal

register = template.Library()


@register.inclusion_tag("payments/includes/milestones.html", takes_context=True)
def engagement_milestones(context, engagement) -> dict:
    """The plan and each milestone with the steps the reader's side may take. Reads the plan,
    the milestones and what hangs off them in a constant number of queries."""
    user = context["request"].user
    side = engagement.side_of(user)
    plan = MilestonePlan.objects.filter(engagement=engagement).first()
    why_not = planning.why_no_plan(engagement)
    if plan is None and why_not:
        return {"hidden": True}
    fee_percent = plan.fee_percent if plan else settings.PLATFORM_FEE_PERCENT
    milestones = list(
        engagement.milestones.prefetch_related(
            Prefetch(
                "refund_proposals",
                queryset=RefundProposal.objects.filter(status=ProposalStatus.OPEN),
                to_attr="open_proposals",
            ),
            Prefetch("disputes", queryset=Dispute.objects.order_by("-opened_at")),
            "submissions__files",
            Prefetch(
                "receipts",
                queryset=Receipt.objects.readable_by(user).order_by("number"),
                to_attr="readable_receipts",
            ),
        )
    )
    for milestone in milestones:
        milestone.fee_preview = fee_on(milestone.amount, milestone.currency, percent=fee_percent)
        milestone.net_preview = milestone.amount - milestone.fee_preview
        milestone.open_proposal = next(iter(milestone.open_proposals), None)
        disputes = list(milestone.disputes.all())
        milestone.open_dispute = next((d for d in disputes if d.is_open), None)
        milestone.last_dispute = disputes[0] if disputes else None
        submissions = list(milestone.submissions.all())
        milestone.last_submission = submissions[-1] if submissions else None
    return {
        "hidden": False,
        "engagement": engagement,
        "side": side,
        "plan": plan,
        "milestones": milestones,
        "fee_percent": fee_percent,
        "can_plan": side is not None and not why_not and not (plan and plan.is_accepted),
        "can_accept": side is not None
        and plan is not None
        and not plan.is_accepted
        and side == plan.side_to_accept()
        and not why_not,
        "payments_on": processor.is_configured(),
    }
