"""The dashboard's engagement summary: counts and the latest few, in a constant two queries."""

from django import template
from django.db.models import Count, Q, Sum

from engagements.models import OPEN_STATES, Engagement

register = template.Library()

LATEST_ON_DASHBOARD = 5


@register.inclusion_tag("engagements/includes/dashboard_summary_body.html")
def engagement_summary(user) -> dict:
    if not user.is_authenticated:
        return {"user": user, "has_any": False}
    mine = Engagement.objects.involving(user)
    totals = mine.aggregate(
        open_as_client=Count("id", filter=Q(client=user, state__in=OPEN_STATES)),
        open_as_freelancer=Count("id", filter=Q(freelancer__user=user, state__in=OPEN_STATES)),
        waiting_for_answer=Count("id", filter=Q(freelancer__user=user, state="requested")),
        total=Count("id"),
    )
    latest = list(Engagement.objects.for_inbox(user)[:LATEST_ON_DASHBOARD])
    unread = (
        Engagement.objects.involving(user)
        .with_unread_count(user)
        .aggregate(unread=Sum("unread_count"))["unread"]
        if totals["total"]
        else 0
    )
    return {
        "user": user,
        "has_any": bool(totals["total"]),
        "latest": latest,
        "unread": unread or 0,
        **totals,
    }
