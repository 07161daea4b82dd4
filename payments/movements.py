"""Every movement of money the payment workflows make, as ledger postings with their receipt.

One function per movement; each is one `ledger.posting.post` with a deterministic
idempotency key, called inside the transaction of the state change that causes it, and
returns the movement's receipt (a payout's request and failure have none). Each movement
also goes on the audit trail once (`_audit`): who (the signed-in person of the request, filled
in by the audit middleware; none for the site's own tasks), when, what and from where.

    funding           client's card −A          escrow(milestone) +A
    release           escrow −R                 freelancer's balance +(R − fee), platform +fee
    refund            escrow −X                 client's card +X
    payout requested  freelancer's balance −P   payout requested +P
    payout paid       payout requested −P       freelancer's bank +P
    payout failed     payout requested −P       freelancer's balance +P

Funding, release and refund take a milestone or another escrowed item of an engagement (an
hourly week, `timesheets.models.Week`): anything with `ledger_reference`, `currency`,
`engagement`, `receipt_description` and `escrow_holder`, whose receipt names the
engagement's two sides.
"""

from decimal import Decimal

from audit.models import Action
from audit.recording import record
from ledger import posting
from ledger.models import AccountKind, Transaction, TransactionKind
from payments import receipts
from payments.models import Milestone, Payment, Payout, Receipt, ReceiptKind


def escrow_of(milestone: Milestone):
    # Another escrowed item names the freelancer it is held for (`escrow_holder`), so their
    # earnings count it as pending without this app knowing its kind; a milestone's escrow is
    # found through the milestone (`payments.balances`).
    return posting.account(
        AccountKind.ESCROW,
        milestone.currency,
        holder=getattr(milestone, "escrow_holder", None),
        reference=milestone.ledger_reference,
    )


def describe(milestone: Milestone) -> str:
    if not isinstance(milestone, Milestone):
        return milestone.receipt_description
    return f"Milestone “{milestone.title}” of “{milestone.engagement.service.title}”"


def _receipt_item(item) -> dict:
    """How a receipt names what it is for: its milestone, or the engagement of another item."""
    if isinstance(item, Milestone):
        return {"milestone": item}
    return {"engagement": item.engagement}


def _release_key(item) -> str:
    # Milestones keep the key they have always had (their releases are already posted).
    return (
        f"release:{item.pk}" if isinstance(item, Milestone) else f"release:{item.ledger_reference}"
    )


def fund(
    *, milestone: Milestone, payment: Payment, action: Action = Action.MILESTONE_FUNDED
) -> Receipt:
    amount = payment.amount
    client = milestone.engagement.client
    posted = posting.post(
        kind=TransactionKind.FUNDING,
        currency=milestone.currency,
        legs=[
            (posting.account(AccountKind.CLIENT_CARD, milestone.currency, holder=client), -amount),
            (escrow_of(milestone), amount),
        ],
        idempotency_key=f"funding:{payment.payment_intent_id}",
        reference=milestone.ledger_reference,
        memo=describe(milestone),
    )
    _audit(posted, action, target=milestone, subject=client, amount=amount)
    return receipts.issue(
        kind=ReceiptKind.FUNDING,
        posted=posted,
        amount=amount,
        description=describe(milestone),
        **_receipt_item(milestone),
    )


def release(*, milestone: Milestone, amount: Decimal, fee: Decimal) -> Receipt:
    currency = milestone.currency
    freelancer = milestone.engagement.freelancer.user
    legs = [
        (escrow_of(milestone), -amount),
        (
            posting.account(AccountKind.FREELANCER_BALANCE, currency, holder=freelancer),
            amount - fee,
        ),
    ]
    if fee:
        legs.append((posting.account(AccountKind.PLATFORM_REVENUE, currency), fee))
    legs = [(account, value) for account, value in legs if value]
    posted = posting.post(
        kind=TransactionKind.RELEASE,
        currency=currency,
        legs=legs,
        idempotency_key=_release_key(milestone),
        reference=milestone.ledger_reference,
        memo=describe(milestone),
    )
    _audit(posted, Action.MONEY_RELEASED, target=milestone, subject=freelancer, amount=amount)
    return receipts.issue(
        kind=ReceiptKind.RELEASE,
        posted=posted,
        amount=amount,
        fee=fee,
        description=describe(milestone),
        **_receipt_item(milestone),
    )


def refund(*, milestone: Milestone, amount: Decimal, stripe_refund_id: str) -> Receipt:
    client = milestone.engagement.client
    posted = posting.post(
        kind=TransactionKind.REFUND,
        currency=milestone.currency,
        legs=[
            (escrow_of(milestone), -amount),
            (posting.account(AccountKind.CLIENT_CARD, milestone.currency, holder=client), amount),
        ],
        idempotency_key=f"refund:{stripe_refund_id}",
        reference=milestone.ledger_reference,
        memo=describe(milestone),
    )
    _audit(posted, Action.MONEY_REFUNDED, target=milestone, subject=client, amount=amount)
    return receipts.issue(
        kind=ReceiptKind.REFUND,
        posted=posted,
        amount=amount,
        description=describe(milestone),
        **_receipt_item(milestone),
    )


def payout_requested(*, payout: Payout) -> Transaction:
    return _payout_step(
        payout,
        TransactionKind.PAYOUT_REQUESTED,
        "requested",
        source=AccountKind.FREELANCER_BALANCE,
        target=AccountKind.PAYOUT_REQUESTED,
    )


def payout_paid(*, payout: Payout) -> Receipt:
    posted = _payout_step(
        payout,
        TransactionKind.PAYOUT_PAID,
        "paid",
        source=AccountKind.PAYOUT_REQUESTED,
        target=AccountKind.FREELANCER_BANK,
    )
    return receipts.issue(
        kind=ReceiptKind.PAYOUT,
        posted=posted,
        amount=payout.amount,
        payout=payout,
        description=f"Payout #{payout.pk} to {payout.account_holder}",
    )


def payout_failed(*, payout: Payout) -> Transaction:
    return _payout_step(
        payout,
        TransactionKind.PAYOUT_FAILED,
        "failed",
        source=AccountKind.PAYOUT_REQUESTED,
        target=AccountKind.FREELANCER_BALANCE,
    )


PAYOUT_ACTIONS = {
    "requested": Action.PAYOUT_REQUESTED,
    "paid": Action.PAYOUT_PAID,
    "failed": Action.PAYOUT_FAILED,
}


def _payout_step(payout: Payout, kind: str, step: str, *, source: str, target: str):
    currency, holder = payout.currency, payout.freelancer
    posted = posting.post(
        kind=kind,
        currency=currency,
        legs=[
            (posting.account(source, currency, holder=holder), -payout.amount),
            (posting.account(target, currency, holder=holder), payout.amount),
        ],
        idempotency_key=f"{payout.ledger_reference}:{step}",
        reference=payout.ledger_reference,
        memo=f"Payout #{payout.pk}",
    )
    _audit(posted, PAYOUT_ACTIONS[step], target=payout, subject=holder, amount=payout.amount)
    return posted


def _audit(posted: Transaction, action: Action, *, target, subject, amount: Decimal) -> None:
    if posted.is_new:  # a movement posted again (a replay) was recorded the first time
        record(
            actor=None,
            action=action,
            target=target,
            subject=subject,
            data={
                "transaction": posted.pk,
                "reference": posted.reference,
                "amount": str(amount),
                "currency": posted.currency,
            },
        )
