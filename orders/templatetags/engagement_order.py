"""The order section of an engagement's page: the engagements app sits below this one, so
its page shows the section through this tag rather than by importing the orders app."""

from django import template
from django.db.models import Prefetch

from messaging.models import Side
from orders.forms import ExtraForm
from orders.models import Order, OrderExtra

register = template.Library()


@register.inclusion_tag("orders/includes/order.html", takes_context=True)
def engagement_order(context, engagement) -> dict:
    """What was bought, the requirements, the due date and the extras, with the reader's
    next step. Four queries for an order (the order with its milestone, then its add-ons,
    answers and extras with their milestones); one for an engagement that is not an order."""
    order = (
        Order.objects.select_related("milestone")
        .prefetch_related(
            "add_ons",
            "answers",
            Prefetch("extras", queryset=OrderExtra.objects.select_related("milestone")),
        )
        .filter(engagement=engagement)
        .first()
    )
    if order is None:
        return {"order": None}
    order.engagement = engagement
    side = engagement.side_of(context["request"].user)
    extras = list(order.extras.all())
    open_extra = next((extra for extra in extras if extra.is_open), None)
    may_offer = side == Side.FREELANCER and open_extra is None and order.takes_extras()
    return {
        "order": order,
        "side": side,
        "late": order.is_late(),
        "extras": extras,
        "open_extra": open_extra,
        "extra_form": ExtraForm(currency=order.currency) if may_offer else None,
    }
