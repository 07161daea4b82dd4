"""Extras during an order: the freelancer offers more time or a paid add-on, the client
accepts or declines it, and the freelancer may withdraw it until then. One offer is open per
order at a time, while the work is under way (`Order.takes_extras`).

Accepting moves the order's due date by the extra's days at once, for an add-on as for an
extension: the client's acceptance is the consent, as buying a service's add-on adds its days
when the order is placed. A paid add-on becomes a milestone of its own at the end of the
engagement's plan (`payments.planning.add_agreed_milestone`), which the client funds, and the
freelancer delivers, as any milestone; the order's own milestone and total stay as bought.

Each step locks the order's milestone first (the order of locks in `payments.locks`), then
the order and the extra, so that twenty answers to one offer at once give one winner and
nineteen `wrong_state` refusals.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from messaging.models import Side
from orders import notifications
from orders.exceptions import OrderRefused
from orders.models import MAX_EXTRA_DAYS, ExtraKind, ExtraStatus, Order, OrderExtra
from payments.locks import lock_engagement, lock_milestone
from payments.models import MAX_MILESTONES, Milestone
from payments.planning import MilestoneDraft, add_agreed_milestone
from services.package_limits import ADD_ON_MAX_PRICE, ADD_ON_MIN_PRICE


@dataclass(frozen=True)
class ExtraOffer:
    kind: str
    description: str
    extra_days: int = 0
    price: Decimal | None = None

    @classmethod
    def of(cls, cleaned: dict) -> "ExtraOffer":
        """The offer in a form's cleaned data (the page's and the API's)."""
        return cls(
            kind=cleaned.get("kind", ""),
            description=cleaned.get("description", ""),
            extra_days=cleaned.get("extra_days") or 0,
            price=cleaned.get("price"),
        )


def offer_problems(offer: ExtraOffer) -> dict[str, str]:
    """What is wrong with the offer, by field (the form and the workflow share this)."""
    problems = {}
    if offer.kind not in ExtraKind.values:
        problems["kind"] = "Choose more time or a paid add-on."
    if not offer.description.strip():
        problems["description"] = "Say what you offer."
    least_days = 1 if offer.kind == ExtraKind.EXTENSION else 0
    if not least_days <= offer.extra_days <= MAX_EXTRA_DAYS:
        problems["extra_days"] = (
            f"More time adds 1 to {MAX_EXTRA_DAYS} days."
            if least_days
            else f"An add-on adds 0 to {MAX_EXTRA_DAYS} days."
        )
    if offer.kind == ExtraKind.EXTENSION and offer.price is not None:
        problems["price"] = "More time is free: leave the price empty."
    if offer.kind == ExtraKind.ADD_ON and (
        offer.price is None or not ADD_ON_MIN_PRICE <= offer.price <= ADD_ON_MAX_PRICE
    ):
        problems["price"] = f"Price the add-on from {ADD_ON_MIN_PRICE} to {ADD_ON_MAX_PRICE:,}."
    return problems


def check_freelancer(order: Order, user) -> None:
    """Only the order's freelancer offers extras (checked before the offer is read)."""
    _check_side(order, user, Side.FREELANCER, "Only the freelancer offers extras.")


def offer_extra(*, order: Order, by, offer: ExtraOffer) -> OrderExtra:
    """The freelancer offers an extra; the client is told. Refused while another is open."""
    if problems := offer_problems(offer):
        raise OrderRefused(" ".join(problems.values()), code="invalid")
    with transaction.atomic():
        locked = _lock_order(order)
        check_freelancer(locked, by)
        _check_takes_extras(locked)
        if locked.extras.filter(status=ExtraStatus.OFFERED).exists():
            raise OrderRefused(
                "An offer is waiting for the client's answer: withdraw it to offer another.",
                code="offer_open",
            )
        if offer.kind == ExtraKind.ADD_ON and _plan_is_full(locked):
            raise OrderRefused(
                f"This order's plan has {MAX_MILESTONES} milestones, the most it can have: "
                "no paid add-on can be added.",
                code="plan_full",
            )
        extra = OrderExtra.objects.create(
            order=locked,
            kind=offer.kind,
            description=offer.description.strip(),
            extra_days=offer.extra_days,
            price=offer.price if offer.kind == ExtraKind.ADD_ON else None,
        )
        notifications.extra_offered(extra=extra)
    return extra


def accept_extra(*, extra: OrderExtra, by) -> OrderExtra:
    """The client accepts the open offer: the due date moves by its days (and an order late
    no more is no longer marked late); a paid add-on is added to the plan, to be funded."""
    with transaction.atomic():
        locked = _lock_extra(extra, with_engagement=True)
        order = locked.order
        _check_side(order, by, Side.CLIENT, "Only the client accepts an extra.")
        _check_open(locked)
        _check_takes_extras(order)
        now = timezone.now()
        if locked.extra_days:
            _move_due_date(order, locked.extra_days, now)
        if locked.kind == ExtraKind.ADD_ON:
            if _plan_is_full(order):
                raise OrderRefused(
                    f"This order's plan has {MAX_MILESTONES} milestones already.",
                    code="plan_full",
                )
            locked.milestone = add_agreed_milestone(
                engagement=order.engagement,
                draft=MilestoneDraft(
                    title=f"Add-on: {locked.description}"[:120],
                    amount=locked.price,
                    due_date=order.milestone.due_date,
                    deliverables=locked.description,
                    revisions_allowed=order.revisions,
                ),
                auto_release_days=settings.ORDER_AUTO_ACCEPT_DAYS,
            )
        _decide(locked, ExtraStatus.ACCEPTED, now, also=["milestone"])
        notifications.extra_accepted(extra=locked)
    return locked


def decline_extra(*, extra: OrderExtra, by) -> OrderExtra:
    """The client declines the open offer; the freelancer is told."""
    with transaction.atomic():
        locked = _lock_extra(extra)
        _check_side(locked.order, by, Side.CLIENT, "Only the client declines an extra.")
        _check_open(locked)
        _decide(locked, ExtraStatus.DECLINED, timezone.now())
        notifications.extra_declined(extra=locked)
    return locked


def withdraw_extra(*, extra: OrderExtra, by) -> OrderExtra:
    """The freelancer withdraws the open offer before the client answers it."""
    with transaction.atomic():
        locked = _lock_extra(extra)
        _check_side(locked.order, by, Side.FREELANCER, "Only the freelancer withdraws it.")
        _check_open(locked)
        _decide(locked, ExtraStatus.WITHDRAWN, timezone.now())
        notifications.extra_withdrawn(extra=locked)
    return locked


def _lock_order(order: Order, *, with_engagement: bool = False) -> Order:
    milestone = lock_milestone(order.milestone_id)
    engagement = lock_engagement(milestone.engagement_id) if with_engagement else None
    locked = (
        Order.objects.select_for_update(of=("self",))
        .select_related("service", "client")
        .get(pk=order.pk)
    )
    locked.milestone = milestone
    locked.engagement = engagement or milestone.engagement
    return locked


def _lock_extra(extra: OrderExtra, *, with_engagement: bool = False) -> OrderExtra:
    order = _lock_order(extra.order, with_engagement=with_engagement)
    locked = OrderExtra.objects.select_for_update().get(pk=extra.pk)
    locked.order = order
    return locked


def _check_side(order: Order, user, side: str, message: str) -> None:
    found = order.side_of(user)
    if found is None:
        raise OrderRefused(
            "Only the client and the freelancer of this order can change it.",
            code="not_participant",
        )
    if found != side:
        raise OrderRefused(message, code="wrong_side")


def _check_takes_extras(order: Order) -> None:
    if not order.takes_extras():
        raise OrderRefused(
            "Extras are agreed while the work is under way: after the client's answers, "
            "before the delivery is accepted.",
            code="wrong_state",
        )


def _check_open(extra: OrderExtra) -> None:
    if extra.has_lapsed:
        raise OrderRefused("This offer lapsed unanswered when the order ended.", code="wrong_state")
    if not extra.is_open:
        raise OrderRefused(
            f"This offer was {extra.get_status_display().lower()} already.", code="wrong_state"
        )


def _plan_is_full(order: Order) -> bool:
    return Milestone.objects.filter(engagement_id=order.engagement_id).count() >= MAX_MILESTONES


def _move_due_date(order: Order, days: int, now) -> None:
    order.due_at += timedelta(days=days)
    order.delivery_days += days
    if order.late_at is not None and order.cancelled_at is None and not order.is_late(now):
        order.late_at = None  # due later than now: marked late again only if it is again
    order.save(update_fields=["due_at", "delivery_days", "late_at"])
    order.milestone.due_date = timezone.localdate(order.due_at)
    order.milestone.save(update_fields=["due_date"])


def _decide(extra: OrderExtra, status: str, now, also: list[str] | None = None) -> None:
    extra.status = status
    extra.decided_at = now
    extra.save(update_fields=["status", "decided_at", *(also or [])])
