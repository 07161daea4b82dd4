"""Refunds by agreement: one side proposes to give part or all of a funded milestone back to
the client, the other accepts (then the refund goes to the card through Stripe and the rest
is released to the freelancer, `settlement.settle`) or declines. A newer proposal replaces
an older one; a release or a dispute makes an open proposal moot.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from payments import notifications
from payments.exceptions import PaymentRefused
from payments.locks import lock_milestone
from payments.models import Milestone, ProposalStatus, RefundCause, RefundProposal
from payments.settlement import check_refund_amount, check_settleable, settle, side_of


def propose_refund(
    *, milestone: Milestone, by, amount: Decimal, reason: str = ""
) -> RefundProposal:
    with transaction.atomic():
        locked = lock_milestone(milestone.pk)
        side = side_of(locked, by)
        check_settleable(locked, "refunded")
        check_refund_amount(locked, amount, allow_zero=False)
        now = timezone.now()
        locked.refund_proposals.filter(status=ProposalStatus.OPEN).update(
            status=ProposalStatus.WITHDRAWN, decided_at=now
        )
        proposal = RefundProposal.objects.create(
            milestone=locked,
            proposed_by=side,
            amount=amount,
            reason=reason.strip(),
            created_at=now,
        )
        notifications.refund_proposed(proposal=proposal)
    return proposal


def accept_refund(*, proposal: RefundProposal, by) -> Milestone:
    """The other side agrees: the refund goes to the card, the rest to the freelancer."""
    with transaction.atomic():
        locked, proposal = _lock_open_proposal(proposal, by)
        check_settleable(locked, "refunded")
        proposal.status = ProposalStatus.ACCEPTED
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_at"])
        settle(
            locked=locked,
            refund_amount=proposal.amount,
            how="as both sides agreed",
            cause=RefundCause.AGREEMENT,
        )
    return locked


def decline_refund(*, proposal: RefundProposal, by) -> RefundProposal:
    with transaction.atomic():
        locked, proposal = _lock_open_proposal(proposal, by)
        proposal.status = ProposalStatus.DECLINED
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_at"])
        notifications.refund_declined(proposal=proposal)
    return proposal


def _lock_open_proposal(proposal: RefundProposal, by) -> tuple[Milestone, RefundProposal]:
    locked = lock_milestone(proposal.milestone_id)
    side = side_of(locked, by)
    proposal = RefundProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.milestone = locked
    if proposal.status != ProposalStatus.OPEN:
        raise PaymentRefused(
            f"This proposal is {proposal.get_status_display().lower()}.", code="wrong_state"
        )
    if side == proposal.proposed_by:
        raise PaymentRefused(
            "You made this proposal: the other side accepts or declines it.", code="wrong_side"
        )
    return locked, proposal
