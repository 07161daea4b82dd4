"""Emails about money, to the side each event concerns.

Every email is the one triplet `templates/payments/email/event*` with its own sentences,
queued in the outbox inside the transaction of the change (nothing is sent for a change that
rolls back). Amounts are written by `money.formatting`, so they read as on the pages.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import floatformat
from django.urls import reverse

from messaging.models import Side
from money.formatting import format_money
from outbox.templated import queue_templated_email
from payments.models import Dispute, Milestone, MilestonePlan, Payout, Receipt, RefundProposal

TEMPLATE = "payments/email/event"


def _send(to, *, subject: str, paragraphs: list[str], path: str, action: str) -> None:
    if to is None or not to.email:
        return
    queue_templated_email(
        TEMPLATE,
        to=to,
        context={
            "subject": subject,
            "paragraphs": paragraphs,
            "url": settings.SITE_URL + path,
            "action_label": action,
        },
    )


def _money(amount, milestone_or_payout) -> str:
    return format_money(amount, milestone_or_payout.currency)


def _users(milestone: Milestone) -> dict[str, object]:
    engagement = milestone.engagement
    return {Side.CLIENT: engagement.client, Side.FREELANCER: engagement.freelancer.user}


def _other(side: str) -> str:
    return Side.FREELANCER if side == Side.CLIENT else Side.CLIENT


def _staff():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk")


def _receipt_line(receipt: Receipt | None) -> list[str]:
    if receipt is None:
        return []
    return [f"Receipt {receipt.display_number}: {settings.SITE_URL}{receipt.get_absolute_url()}"]


def plan_proposed(*, plan: MilestonePlan) -> None:
    engagement = plan.engagement
    to = engagement.user_on(plan.side_to_accept())
    _send(
        to,
        subject=f"{engagement.service.title}: a milestone plan to accept",
        paragraphs=[
            f"{engagement.name_of(plan.proposed_by)} proposed how the work is paid: "
            f"{plan.engagement.milestones.count()} milestone(s) adding up to "
            f"{format_money(engagement.quoted_amount, engagement.currency)}, with a platform "
            f"fee of {floatformat(plan.fee_percent, -2)} % on each release.",
            "Nothing is charged until the client funds a milestone.",
        ],
        path=engagement.get_absolute_url() + "#milestones",
        action="Review the plan",
    )


def plan_accepted(*, plan: MilestonePlan) -> None:
    engagement = plan.engagement
    acceptor = plan.side_to_accept()
    _send(
        engagement.user_on(plan.proposed_by),
        subject=f"{engagement.service.title}: the milestone plan is agreed",
        paragraphs=[
            f"{engagement.name_of(acceptor)} accepted the milestone plan.",
            "The client funds each milestone before its work starts.",
        ],
        path=engagement.get_absolute_url() + "#milestones",
        action="See the milestones",
    )


def funded(*, milestone: Milestone, receipt: Receipt) -> None:
    users = _users(milestone)
    amount = _money(milestone.amount, milestone)
    _send(
        users[Side.FREELANCER],
        subject=f"Funded — start work: {milestone.title}",
        paragraphs=[
            f"The client paid {amount} into escrow for “{milestone.title}”. "
            "You can start work now.",
            "When you submit the work and the client releases it, the amount less the platform "
            "fee goes to your balance.",
        ],
        path=milestone.get_absolute_url(),
        action="See the milestone",
    )
    _send(
        users[Side.CLIENT],
        subject=f"Payment received: {milestone.title}",
        paragraphs=[
            f"{amount} is held in escrow for “{milestone.title}”. It goes to the freelancer "
            "only when you release it.",
            *_receipt_line(receipt),
        ],
        path=milestone.get_absolute_url(),
        action="See the milestone",
    )


def submitted(*, milestone: Milestone) -> None:
    _send(
        _users(milestone)[Side.CLIENT],
        subject=f"Work submitted: {milestone.title}",
        paragraphs=[
            f"{milestone.engagement.freelancer.display_name} submitted the work for "
            f"“{milestone.title}”. Release the payment, or request changes "
            f"({milestone.revisions_left} revision round(s) left).",
            "Without an answer the payment is released automatically on "
            f"{milestone.auto_release_at:%d %B %Y}.",
        ],
        path=milestone.get_absolute_url(),
        action="Review the work",
    )


def changes_requested(*, milestone: Milestone, note: str) -> None:
    _send(
        _users(milestone)[Side.FREELANCER],
        subject=f"Changes requested: {milestone.title}",
        paragraphs=[f"{milestone.engagement.client_name()} asked for changes:", note],
        path=milestone.get_absolute_url(),
        action="See the milestone",
    )


def reminder(*, milestone: Milestone, days: int) -> None:
    _send(
        _users(milestone)[Side.CLIENT],
        subject=f"Reminder: “{milestone.title}” is released in {days} day(s)",
        paragraphs=[
            f"The work for “{milestone.title}” waits for your answer. Without one, "
            f"{_money(milestone.amount, milestone)} is released to the freelancer on "
            f"{milestone.auto_release_at:%d %B %Y}.",
        ],
        path=milestone.get_absolute_url(),
        action="Review the work",
    )


def settled(*, milestone: Milestone, receipts: list[Receipt], how: str) -> None:
    """Released, refunded or split: both sides learn what went where."""
    parts = []
    if milestone.released_amount:
        parts.append(
            f"{_money(milestone.released_amount, milestone)} released to the freelancer "
            f"({_money(milestone.released_amount - milestone.fee_amount, milestone)} after the "
            f"platform fee of {_money(milestone.fee_amount, milestone)})"
        )
    if milestone.refunded_amount:
        parts.append(
            f"{_money(milestone.refunded_amount, milestone)} refunded to the client's card"
        )
    lines = [f"“{milestone.title}” is settled {how}: " + "; ".join(parts) + "."]
    for user in _users(milestone).values():
        mine = [
            receipt
            for receipt in receipts
            if receipt.client_id == user.pk or receipt.freelancer_id == user.pk
        ]
        _send(
            user,
            subject=f"Settled: {milestone.title}",
            paragraphs=lines + [line for receipt in mine for line in _receipt_line(receipt)],
            path=milestone.get_absolute_url(),
            action="See the milestone",
        )


def dropped(*, milestone: Milestone, by_side: str) -> None:
    _send(
        _users(milestone)[_other(by_side)],
        subject=f"Milestone dropped: {milestone.title}",
        paragraphs=[
            f"{milestone.engagement.name_of(by_side)} dropped the unfunded milestone "
            f"“{milestone.title}”. Nothing was charged."
        ],
        path=milestone.get_absolute_url(),
        action="See the engagement",
    )


def refund_proposed(*, proposal: RefundProposal) -> None:
    milestone = proposal.milestone
    _send(
        _users(milestone)[_other(proposal.proposed_by)],
        subject=f"Refund proposed: {milestone.title}",
        paragraphs=[
            f"{milestone.engagement.name_of(proposal.proposed_by)} proposes to refund "
            f"{_money(proposal.amount, milestone)} of "
            f"{_money(milestone.amount, milestone)} to the client; the rest would be released "
            "to the freelancer.",
            *([proposal.reason] if proposal.reason else []),
        ],
        path=milestone.get_absolute_url(),
        action="Accept or decline",
    )


def refund_declined(*, proposal: RefundProposal) -> None:
    milestone = proposal.milestone
    _send(
        _users(milestone)[proposal.proposed_by],
        subject=f"Refund declined: {milestone.title}",
        paragraphs=[
            f"{milestone.engagement.name_of(_other(proposal.proposed_by))} declined your "
            f"proposal to refund {_money(proposal.amount, milestone)}."
        ],
        path=milestone.get_absolute_url(),
        action="See the milestone",
    )


def dispute_opened(*, dispute: Dispute) -> None:
    milestone = dispute.milestone
    opener = milestone.engagement.name_of(dispute.opened_by)
    paragraphs = [
        f"{opener} opened a dispute about “{milestone.title}” "
        f"({_money(milestone.amount, milestone)} in escrow):",
        dispute.reason,
        f"Answer by {dispute.answer_due_at:%d %B %Y, %H:%M} UTC. Staff then decide how the "
        "amount is split; until then nothing is released or refunded.",
    ]
    _send(
        _users(milestone)[dispute.answering_side],
        subject=f"Dispute opened: {milestone.title}",
        paragraphs=paragraphs,
        path=milestone.get_absolute_url(),
        action="Answer the dispute",
    )
    for member in _staff():
        _send(
            member,
            subject=f"Dispute to decide: {milestone.title}",
            paragraphs=paragraphs[:2],
            path=dispute.get_absolute_url(),
            action="Open the dispute",
        )


def dispute_answered(*, dispute: Dispute) -> None:
    milestone = dispute.milestone
    answerer = milestone.engagement.name_of(dispute.answering_side)
    paragraphs = [f"{answerer} answered the dispute about “{milestone.title}”:", dispute.answer]
    _send(
        _users(milestone)[dispute.opened_by],
        subject=f"Dispute answered: {milestone.title}",
        paragraphs=paragraphs,
        path=milestone.get_absolute_url(),
        action="See the dispute",
    )
    for member in _staff():
        _send(
            member,
            subject=f"Dispute answered: {milestone.title}",
            paragraphs=paragraphs,
            path=dispute.get_absolute_url(),
            action="Decide the dispute",
        )


def payout_decided(*, payout: Payout, receipt: Receipt | None = None) -> None:
    amount = _money(payout.amount, payout)
    if receipt is not None:
        subject = f"Payout sent: {amount}"
        paragraphs = [f"Your payout of {amount} was sent to {payout.account_holder}."]
        paragraphs += _receipt_line(receipt)
    else:
        subject = f"Payout failed: {amount}"
        paragraphs = [
            f"Your payout of {amount} could not be sent: {payout.reference}",
            "The amount is back in your available balance; check your payout details and "
            "ask again.",
        ]
    _send(
        payout.freelancer,
        subject=subject,
        paragraphs=paragraphs,
        path=reverse("payments:earnings"),
        action="See your earnings",
    )


def reconciliation_failed(*, differences: list[str]) -> None:
    for member in _staff():
        _send(
            member,
            subject=f"Payments: {len(differences)} difference(s) in reconciliation",
            paragraphs=[
                "The daily reconciliation of the ledger with itself and with Stripe found:",
                *differences,
                "Run manage.py reconcile_payments to check again once they are fixed.",
            ],
            path=reverse("admin:ledger_transaction_changelist"),
            action="Open the ledger",
        )
