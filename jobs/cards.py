"""How a job card is drawn and what it shows (marketplace.cards caches it by that)."""

from collections import defaultdict
from typing import NamedTuple

from jobs.models import JOB_CARD_COLUMNS, JobPost
from jobs.templatetags import job_facts
from marketplace.cards import CardDrawing, columns_of
from marketplace.kept_queries import KeptQuery
from money import formatting


class JobCardRow(NamedTuple):
    """What a job card shows, in `_shown`'s order: a list draws cached cards from these
    without loading its jobs (marketplace.cards)."""

    pk: int
    title: str
    category: str
    posted: str
    budget_basis: str
    budget_amount: object
    hourly_min: object
    hourly_max: object
    estimated_hours: int | None
    currency: str
    skills: tuple[str, ...]


def _card_row(columns: tuple, skills) -> JobCardRow:
    pk, title, category, published_at, *budget = columns
    # "Posted 3 hours ago" moves on by itself: the card shows it as of now.
    posted = job_facts.posted_ago(published_at)
    return JobCardRow(pk, title, category, posted, *budget, tuple(skills))


def _shown(job: JobPost) -> JobCardRow:
    return _card_row(columns_of(job, JOB_CARD_COLUMNS), (skill.name for skill in job.skills.all()))


def _stand_in(row: JobCardRow) -> JobPost:
    """What a card's save button reads of its job: the key and the title."""
    return JobPost(pk=row.pk, title=row.title)


JOB_CARD = CardDrawing(
    kind="job",
    name="job",
    template="jobs/includes/job_card.html",
    drawn_with=("jobs/includes/job_card.html",),
    drawn_by=(job_facts, formatting),
    shown=_shown,
    load=lambda keys: JobPost.objects.for_cards().in_bulk(keys),
    stand_in=_stand_in,
)

_JOB_ROWS_OF = KeptQuery(
    JobPost, lambda ids: JobPost.objects.filter(pk__in=ids).values_list(*JOB_CARD_COLUMNS)
)
# In the order the card lists them (a skill's default order, as `job.skills.all()`).
_SKILLS_OF = KeptQuery(
    JobPost.skills.through,
    lambda ids: (
        JobPost.skills.through.objects.filter(jobpost__in=ids)
        .order_by("skill__name")
        .values_list("jobpost_id", "skill__name", named=True)
    ),
)


def card_rows(ids: list[int]) -> list[JobCardRow]:
    """The cards' rows of the jobs `ids`, in that order (less any gone since they were read):
    two narrow queries instead of twenty jobs with their categories and skills."""
    skills = defaultdict(list)
    for row in _SKILLS_OF.rows(ids):
        skills[row.jobpost_id].append(row.skill__name)
    jobs = {row[0]: row for row in _JOB_ROWS_OF.rows(ids)}
    return [_card_row(jobs[pk], skills[pk]) for pk in ids if pk in jobs]
