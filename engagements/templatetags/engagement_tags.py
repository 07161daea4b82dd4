"""The dashboard's engagement summary: counts and the latest few, in a constant two queries
(one when there is nothing to list)."""

from django import template
from django.db.models import Count, Q

from engagements.models import OPEN_STATES, Engagement

register = template.Library()

LATEST_ON_DASHBOARD = 5


@register.inclusion_tag("engagements/includes/dashboard_summary_body.html")
def engagement_summary(user) -> dict:
    if not user.is_authenticated:
        return {"user": user, "has_any": False}
    # One aggregate over the engagements joined to their messages: the counts of engagements
    # are distinct so that the join's extra rows do not count twice.
    totals = (
        Engagement.objects.involving(user)
        .order_by()
        .aggregate(
            open_as_client=Count("id", distinct=True, filter=Q(client=user, state__in=OPEN_STATES)),
            open_as_freelancer=Count(
                "id", distinct=True, filter=Q(freelancer__user=user, state__in=OPEN_STATES)
            ),
            waiting_for_answer=Count(
                "id", distinct=True, filter=Q(freelancer__user=user, state="requested")
            ),
            total=Count("id", distinct=True),
            unread=Engagement.objects.unread_messages(user),
        )
    )
    latest = (
        list(Engagement.objects.for_inbox(user)[:LATEST_ON_DASHBOARD]) if totals["total"] else []
    )
    return {
        "user": user,
        "has_any": bool(totals["total"]),
        "latest": latest,
        **totals,
    }
