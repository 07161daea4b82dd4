"""How a job card is drawn and what it shows (marketplace.cards caches it by that)."""

from jobs.templatetags import job_facts
from marketplace.cards import CardDrawing
from money import formatting


def _shown(job) -> tuple:
    return (
        job.pk,
        job.title,
        job.category.name,
        # "Posted 3 hours ago" moves on by itself: the card shows it as of now.
        job_facts.posted_ago(job.published_at),
        job.budget_basis,
        job.budget_amount,
        job.hourly_min,
        job.hourly_max,
        job.estimated_hours,
        job.currency,
        tuple(skill.name for skill in job.skills.all()),
    )


JOB_CARD = CardDrawing(
    kind="job",
    name="job",
    template="jobs/includes/job_card.html",
    drawn_with=("jobs/includes/job_card.html",),
    drawn_by=(job_facts, formatting),
    shown=_shown,
)
