"""The timesheet section of an hourly engagement's page: the engagements app sits below this
one, so its page shows the section through this tag."""

from django import template

from timesheets.models import Contract
from timesheets.terms import why_not_hourly

register = template.Library()


@register.inclusion_tag("timesheets/includes/engagement_section.html")
def engagement_timesheet(engagement) -> dict:
    contract = Contract.objects.filter(engagement=engagement).first()
    if contract is None and why_not_hourly(engagement):
        return {"hidden": True}
    return {"hidden": False, "engagement": engagement, "contract": contract}
