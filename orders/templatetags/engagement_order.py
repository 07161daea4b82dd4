"""The order section of an engagement's page: the engagements app sits below this one, so
its page shows the section through this tag rather than by importing the orders app."""

from django import template

from orders.models import Order

register = template.Library()


@register.inclusion_tag("orders/includes/order.html", takes_context=True)
def engagement_order(context, engagement) -> dict:
    """What was bought, the requirements and the due date, with the reader's next step.
    Two queries for an order (the order with its milestone, then its add-ons and answers);
    one for an engagement that is not an order."""
    order = (
        Order.objects.select_related("milestone")
        .prefetch_related("add_ons", "answers")
        .filter(engagement=engagement)
        .first()
    )
    if order is None:
        return {"order": None}
    order.engagement = engagement
    side = engagement.side_of(context["request"].user)
    return {"order": order, "side": side, "late": order.is_late()}
