"""Late orders: an order not delivered by its due moment is late on both sides' pages at
once (`Order.is_late`); the periodic job stamps it and tells both sides, once. The client may
then cancel it for a full refund: the milestone's escrow goes back to the card through the
payments app's settlement, under the milestone's lock, so a delivery or a second cancel at
the same moment either wins or is refused, never both.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from engagements.transitions import cancel_refunded_work
from messaging.models import Side
from orders import notifications
from orders.exceptions import OrderRefused
from orders.models import Order
from payments.locks import lock_milestone
from payments.models import FINAL_STATES, Milestone, MilestoneState, RefundCause
from payments.planning import drop_milestone
from payments.settlement import settle


def mark_late_orders(*, now: datetime | None = None) -> int:
    """Stamp each order that has become late and tell both sides; returns how many."""
    now = now or timezone.now()
    marked = 0
    for pk in list(Order.objects.due_to_be_marked_late(now).values_list("pk", flat=True)):
        with transaction.atomic():
            milestone = lock_milestone(
                Order.objects.values_list("milestone_id", flat=True).get(pk=pk)
            )
            order = (
                Order.objects.select_for_update(of=("self",))
                .select_related("engagement__freelancer__user", "client", "service")
                .get(pk=pk)
            )
            order.milestone = milestone
            if order.late_at is not None or not order.is_late(now):
                continue  # delivered or marked meanwhile
            order.late_at = now
            order.save(update_fields=["late_at"])
            notifications.late(order=order)
            marked += 1
    return marked


def cancel_late_order(*, order: Order, by) -> Order:
    """The client cancels a late order: the whole amount goes back to the card, with what
    was paid for accepted add-ons (`orders.extras`) not yet delivered; unpaid add-ons are
    dropped. Refused while an add-on is delivered or in dispute: that is settled first."""
    with transaction.atomic():
        milestone = lock_milestone(order.milestone_id)
        locked = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
        locked.milestone = milestone
        locked.engagement = milestone.engagement
        side = locked.side_of(by)
        if side is None:
            raise OrderRefused(
                "Only the client and the freelancer of this order can change it.",
                code="not_participant",
            )
        if side != Side.CLIENT:
            raise OrderRefused("Only the client cancels a late order.", code="wrong_side")
        now = timezone.now()
        if not locked.is_late(now):
            raise OrderRefused(
                "Only a late order that was never delivered can be cancelled for a refund.",
                code="not_late",
            )
        add_ons = _lock_add_on_milestones(locked)
        locked.cancelled_at = now
        locked.late_at = locked.late_at or now
        locked.save(update_fields=["cancelled_at", "late_at"])
        # An unpaid add-on is dropped before the engagement is cancelled (dropping the last
        # open milestone of a live engagement is what may complete it).
        for add_on in add_ons:
            if add_on.state == MilestoneState.PROPOSED:
                drop_milestone(milestone=add_on, by=by)
        # The engagement is cancelled first, so that settling it does not complete it.
        cancel_refunded_work(engagement=milestone.engagement, side=Side.CLIENT)
        for paid in [milestone, *(m for m in add_ons if m.state == MilestoneState.FUNDED)]:
            settle(
                locked=paid,
                refund_amount=paid.amount,
                how="because the client cancelled the late order",
                cause=RefundCause.LATE_ORDER,
            )
        notifications.cancelled(order=locked)
    return locked


def _lock_add_on_milestones(order: Order) -> list[Milestone]:
    """The milestones of the order's accepted add-ons, locked (after the order's own, in the
    order of their ids); refused if one is delivered or in dispute."""
    add_ons = list(
        Milestone.objects.select_for_update(of=("self",))
        .select_related("engagement")
        .filter(order_extra__order=order)
        .order_by("pk")
    )
    cancellable = FINAL_STATES | {MilestoneState.PROPOSED, MilestoneState.FUNDED}
    if any(m.state not in cancellable for m in add_ons):
        raise OrderRefused(
            "An add-on of this order is delivered or in dispute: it is settled on its own "
            "before the order can be cancelled.",
            code="add_on_open",
        )
    return add_ons
