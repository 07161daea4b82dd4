"""How pages word a job's budget and age: "£600 fixed", "$20–$40/hr, about 30 hours",
"posted just now". Written in Python so that no template's line break becomes a stray space
before the punctuation that follows ("budget £600 fixed .")."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timesince import timesince

from engagements.models import QuoteBasis
from money.formatting import format_money

register = template.Library()

# Under a minute, "0 minutes ago" reads like an error.
JUST_NOW = timedelta(minutes=1)


@register.simple_tag
def job_budget(job) -> SafeString:
    if job.budget_basis == QuoteBasis.FIXED:
        return format_html("{} fixed", format_money(job.budget_amount, job.currency))
    hours = job.estimated_hours
    return format_html(
        '{}–{}<abbr title="per hour">/hr</abbr>, about {} hour{}',
        format_money(job.hourly_min, job.currency),
        format_money(job.hourly_max, job.currency),
        hours,
        "" if hours == 1 else "s",
    )


@register.filter
def posted_ago(moment: datetime | None) -> str:
    """ "just now", or "3 hours ago"."""
    if moment is None:
        return ""
    if timezone.now() - moment < JUST_NOW:
        return "just now"
    return f"{timesince(moment)} ago"
