from django import template

from jobs.models import JobPost

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
