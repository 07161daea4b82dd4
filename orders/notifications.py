"""Emails about orders, written with the payments app's one event triplet (a subject, a few
sentences and a link), queued in the outbox inside the transaction of the change."""

from django.conf import settings

from money.formatting import format_money
from orders.models import ExtraKind, Order, OrderExtra
from outbox.templated import queue_templated_email

TEMPLATE = "payments/email/event"


def _send(to, *, order: Order, subject: str, paragraphs: list[str], action: str) -> None:
    if to is None or not to.email:
        return
    queue_templated_email(
        TEMPLATE,
        to=to,
        context={
            "subject": subject,
            "paragraphs": paragraphs,
            "url": settings.SITE_URL + order.get_absolute_url(),
            "action_label": action,
        },
    )


def _total(order: Order) -> str:
    return format_money(order.total, order.currency)


def placed(*, order: Order) -> None:
    _send(
        order.engagement.freelancer.user,
        order=order,
        subject=f"New order: {order.package_name}",
        paragraphs=[
            f"{order.engagement.client_name()} ordered the {order.get_tier_display()} package "
            f"of “{order.service.title}” ({_total(order)}). You will be told when it is paid "
            "and the client has answered your questions; the delivery clock starts then."
        ],
        action="Open the order",
    )


def requirements_submitted(*, order: Order) -> None:
    _send(
        order.engagement.freelancer.user,
        order=order,
        subject=f"Start work: {order.package_name}",
        paragraphs=[
            "The client answered your questions and the order is paid into escrow. "
            f"Deliver by {order.due_at:%d %B %Y, %H:%M} UTC."
        ],
        action="Read the requirements",
    )


def late(*, order: Order) -> None:
    for to, words in (
        (
            order.client,
            "It was not delivered on time. You may wait, or cancel it for a full refund.",
        ),
        (
            order.engagement.freelancer.user,
            "It was not delivered on time: the client may now cancel it for a full refund.",
        ),
    ):
        _send(
            to,
            order=order,
            subject=f"Order late: {order.package_name}",
            paragraphs=[f"The order was due {order.due_at:%d %B %Y, %H:%M} UTC. {words}"],
            action="Open the order",
        )


def cancelled(*, order: Order) -> None:
    _send(
        order.engagement.freelancer.user,
        order=order,
        subject=f"Order cancelled: {order.package_name}",
        paragraphs=[
            "The client cancelled the late order; the whole amount, "
            f"{_total(order)}, went back to their card."
        ],
        action="Open the order",
    )


def _extra_terms(extra: OrderExtra) -> str:
    days = f"{extra.extra_days} more day{'s' if extra.extra_days != 1 else ''}"
    if extra.kind == ExtraKind.EXTENSION:
        return f"{days} to deliver ({extra.description})"
    price = format_money(extra.price, extra.order.currency)
    return f"the add-on “{extra.description}” for {price}" + (
        f", with {days} to deliver" if extra.extra_days else ""
    )


def extra_offered(*, extra: OrderExtra) -> None:
    order = extra.order
    _send(
        order.client,
        order=order,
        subject=f"An extra offered: {order.package_name}",
        paragraphs=[
            f"The freelancer offers {_extra_terms(extra)}. Accept or decline it on the order."
        ],
        action="Answer the offer",
    )


def extra_accepted(*, extra: OrderExtra) -> None:
    order = extra.order
    words = f"The client accepted {_extra_terms(extra)}."
    if order.due_at:
        words += f" The order is now due {order.due_at:%d %B %Y, %H:%M} UTC."
    if extra.milestone_id:
        words += " The add-on is paid into escrow as a milestone of its own."
    _send(
        order.engagement.freelancer.user,
        order=order,
        subject=f"Extra accepted: {order.package_name}",
        paragraphs=[words],
        action="Open the order",
    )


def extra_declined(*, extra: OrderExtra) -> None:
    order = extra.order
    _send(
        order.engagement.freelancer.user,
        order=order,
        subject=f"Extra declined: {order.package_name}",
        paragraphs=[f"The client declined {_extra_terms(extra)}. The order goes on as before."],
        action="Open the order",
    )


def extra_withdrawn(*, extra: OrderExtra) -> None:
    order = extra.order
    _send(
        order.client,
        order=order,
        subject=f"Extra withdrawn: {order.package_name}",
        paragraphs=[f"The freelancer withdrew their offer of {_extra_terms(extra)}."],
        action="Open the order",
    )
