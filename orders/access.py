"""Who may read an order and who may act on it: one rule for the pages and the API."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from orders.models import Order, OrderExtra

STAFF_READ_ONLY = "Staff can read orders but not act on them."


def get_order_for(user, pk: int) -> Order:
    """The order if the user is a side of it or staff; 404 for anyone else."""
    return get_object_or_404(Order.objects.for_pages().readable_by(user), pk=pk)


def get_order_to_act_on(user, pk: int) -> Order:
    """As `get_order_for`, but only the two sides may change anything (staff: 403)."""
    order = get_order_for(user, pk)
    if order.side_of(user) is None:
        raise PermissionDenied(STAFF_READ_ONLY)
    return order


def get_extra_to_act_on(user, pk: int) -> OrderExtra:
    """An extra of an order the user is a side of (404 for anyone else; staff: 403)."""
    extra = get_object_or_404(
        OrderExtra.objects.select_related("order").filter(
            order__in=Order.objects.readable_by(user)
        ),
        pk=pk,
    )
    get_order_to_act_on(user, extra.order_id)
    return extra
