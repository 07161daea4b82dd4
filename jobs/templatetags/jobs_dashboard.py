"""The dashboard's jobs panels: jobs matching a freelancer's skills, and a client's jobs."""

from django import template
from django.db.models import Count, Q

from jobs import reading
from jobs.models import UNDECIDED, JobPost

register = template.Library()

MATCHES_ON_DASHBOARD = 5


@register.inclusion_tag("jobs/includes/dashboard_matches.html")
def jobs_matching(profile):
    """The newest open jobs asking for one of the freelancer's skills (two queries)."""
    jobs = list(
        JobPost.objects.matching_skills_of(profile)
        .select_related("category")
        .defer("search_vector", "brief")
        .order_by("-published_at", "-id")[:MATCHES_ON_DASHBOARD]
    )
    return {"jobs": jobs}


@register.inclusion_tag("jobs/includes/dashboard_summary.html")
def job_summary(user):
    """The client's open jobs and the proposals waiting for their decision (one query)."""
    counts = (
        JobPost.objects.owned_by(user)
        .open()
        .aggregate(
            open_jobs=Count("pk", distinct=True),
            waiting=Count("proposals", filter=Q(proposals__status__in=UNDECIDED), distinct=True),
        )
    )
    return counts


@register.inclusion_tag("jobs/includes/dashboard_news.html")
def job_news(user):
    """What is new in jobs since the user last looked (two queries: `jobs.reading`)."""
    news = reading.news_for(user)
    return {"news": news, "anything_new": any(news.values())}
