"""Emails about hourly work, to the side each event concerns.

They use the payments emails' one triplet (`payments/email/event*`), queued in the outbox
inside the transaction of the change, so a change that rolls back sends nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model

from messaging.models import Side
from money.formatting import format_money
from outbox.templated import queue_templated_email
from payments.models import Receipt
from payments.notifications import TEMPLATE
from timesheets.models import Contract, Terms, Week, WeekDispute


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


def _invoice_line(receipt: Receipt | None) -> list[str]:
    if receipt is None:
        return []
    pdf = f"{settings.SITE_URL}{receipt.get_absolute_url().rstrip('/')}.pdf"
    return [f"Invoice {receipt.display_number} (PDF): {pdf}"]


def _service(contract: Contract) -> str:
    return contract.engagement.service.title


def terms_proposed(*, terms: Terms) -> None:
    contract = terms.contract
    _send(
        contract.engagement.user_on(terms.side_to_accept()),
        subject=f"Hourly terms proposed: {_service(contract)}",
        paragraphs=[
            f"The {terms.proposed_by} proposes {format_money(terms.hourly_rate, contract.currency)}"
            f" an hour, up to {terms.weekly_limit} hours a week.",
            "Accept or decline them on the timesheet page.",
        ],
        path=contract.get_absolute_url(),
        action="See the terms",
    )


def terms_decided(*, terms: Terms) -> None:
    contract = terms.contract
    if terms.effective_from:
        news = f"accepted; they apply from Monday {terms.effective_from:%d %B %Y}"
    else:
        news = "declined; the terms in force stay as they were"
    _send(
        contract.engagement.user_on(terms.proposed_by),
        subject=f"Hourly terms {terms.get_status_display().lower()}: {_service(contract)}",
        paragraphs=[f"Your proposed terms were {news}."],
        path=contract.get_absolute_url(),
        action="See the timesheet",
    )


def contract_changed(*, contract: Contract, by_side: str) -> None:
    other = Side.FREELANCER if by_side == Side.CLIENT else Side.CLIENT
    state = contract.get_state_display().lower()
    _send(
        contract.engagement.user_on(other),
        subject=f"Hourly contract {state}: {_service(contract)}",
        paragraphs=[
            f"The {by_side} set the contract to {state}.",
            "The current week is still billed for the time already logged.",
        ],
        path=contract.get_absolute_url(),
        action="See the timesheet",
    )


def card_saved(*, contract: Contract) -> None:
    _send(
        contract.engagement.freelancer.user,
        subject=f"Card saved — you can start: {_service(contract)}",
        paragraphs=["The client saved a card for the weekly charges. You can log time now."],
        path=contract.get_absolute_url(),
        action="Open the timesheet",
    )


def week_charged(*, week: Week, receipt: Receipt) -> None:
    engagement = week.engagement
    amount = format_money(week.amount, week.currency)
    review_ends = f"{week.review_ends_at:%d %B %Y, %H:%M} UTC"
    _send(
        engagement.client,
        subject=f"Invoice for the {week.title.lower()}: {amount}",
        paragraphs=[
            f"{week.hours} hours at {format_money(week.hourly_rate, week.currency)} were charged "
            f"to your card: {amount}, held in escrow.",
            f"You may dispute the week (all of it or some entries) until {review_ends}; "
            "after that it is paid to the freelancer.",
            *_invoice_line(receipt),
        ],
        path=week.get_absolute_url(),
        action="Review the week",
    )
    _send(
        engagement.freelancer.user,
        subject=f"Charged: the {week.title.lower()} ({amount})",
        paragraphs=[
            f"The client's card was charged {amount} for {week.hours} hours. It is held in "
            f"escrow and reaches your balance after the client's review, on {review_ends}.",
            *_invoice_line(receipt),
        ],
        path=week.get_absolute_url(),
        action="See the week",
    )


def charge_failed(*, week: Week) -> None:
    engagement = week.engagement
    amount = format_money(week.amount or 0, week.currency)
    _send(
        engagement.client,
        subject=f"Payment failed for the {week.title.lower()}",
        paragraphs=[
            f"We could not charge your card {amount} for the {week.title.lower()}: "
            f"{week.last_error}",
            "Save a card that works (or confirm it with your bank) on the timesheet page; we "
            "charge the week again as soon as you do. Until then no new time is logged.",
        ],
        path=week.contract.get_absolute_url(),
        action="Update the card",
    )
    _send(
        engagement.freelancer.user,
        subject=f"Payment failed for the {week.title.lower()}",
        paragraphs=[
            "The client's card was refused for this week. We have asked them to fix it; "
            "please do not log new time until the week is paid.",
        ],
        path=week.get_absolute_url(),
        action="See the week",
    )


def week_settled(*, week: Week, receipts: list[Receipt], how: str) -> None:
    engagement = week.engagement
    lines = [line for receipt in receipts for line in _invoice_line(receipt)]
    for user in (engagement.client, engagement.freelancer.user):
        _send(
            user,
            subject=f"The {week.title.lower()} is {week.get_state_display().lower()}",
            paragraphs=[
                f"Released to the freelancer: "
                f"{format_money(week.released_amount or 0, week.currency)}; refunded to the card: "
                f"{format_money(week.refunded_amount or 0, week.currency)} ({how}).",
                *lines,
            ],
            path=week.get_absolute_url(),
            action="See the week",
        )


def dispute_opened(*, dispute: WeekDispute) -> None:
    week = dispute.week
    _send(
        week.engagement.freelancer.user,
        subject=f"The client disputes the {week.title.lower()}",
        paragraphs=[f"Their reason: {dispute.reason}", "Staff will decide how it is settled."],
        path=week.get_absolute_url(),
        action="See the week",
    )
    for member in get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk"):
        _send(
            member,
            subject=f"Hourly dispute #{dispute.pk} to decide",
            paragraphs=[f"Reason: {dispute.reason}"],
            path=dispute.get_absolute_url(),
            action="Decide the dispute",
        )
