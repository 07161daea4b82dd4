"""Bulk generation of open jobs and proposals on them, for benchmarks of the job list.

Rows go in with COPY (demo.bulk) like the service generator's; search vectors are computed
set-based afterwards. Jobs are posted by the generated clients, proposals sent by generated
freelancers under one of their published services, so every row is one the site could make:
nobody proposes on their own job, and nobody twice on one job.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo.bulk import bulk_insert
from demo.generator import BATCH, GENERATED_EMAIL_DOMAIN, _batched, _money
from demo.seed import SKILLS_BY_CATEGORY
from jobs import search
from jobs.caching import job_listings_changed
from jobs.models import JobPost, JobStatus, Proposal
from profiles.models import Skill
from services.models import Category, Service

TOPICS = [
    "a series of articles on {topic}",
    "a landing page about {topic}",
    "research notes on {topic}",
    "a short guide to {topic}",
    "a newsletter issue on {topic}",
    "a report on {topic}",
]
POSTED_WITHIN_DAYS = 45
MAX_PROPOSALS = 6


def generate_jobs(*, jobs: int, seed: int | None = None) -> dict[str, int]:
    """Add `jobs` open, public jobs with up to six proposals each; returns rows per kind.

    Needs generated clients and freelancers with published services (manage.py load_demo).
    """
    rng = random.Random(seed)
    clients = list(
        User.objects.filter(
            email__endswith=f"@{GENERATED_EMAIL_DOMAIN}", profile__isnull=True
        ).values_list("pk", flat=True)
    )
    services = list(
        Service.objects.published()
        .filter(owner__user__email__endswith=f"@{GENERATED_EMAIL_DOMAIN}")
        .values_list("pk", "owner_id", "owner__user_id")
    )
    if not clients or not services:
        raise ValueError("Generate services first (manage.py load_demo).")
    leaves = list(Category.objects.leaves().select_related("parent"))
    skills_by_name = {skill.name: skill.pk for skill in Skill.objects.all()}
    now = timezone.now()
    counts = {"jobs": 0, "proposals": 0}

    with transaction.atomic():
        posts = []
        for _ in range(jobs):
            category = rng.choice(leaves)
            fixed = rng.random() < 0.6
            low = _money(rng, 10, 60)
            published = now - timedelta(minutes=rng.randint(1, POSTED_WITHIN_DAYS * 24 * 60))
            posts.append(
                JobPost(
                    client_id=rng.choice(clients),
                    title=f"{rng.choice(TOPICS).format(topic=category.name.lower())}".capitalize(),
                    brief=f"We need {rng.choice(TOPICS).format(topic=category.name.lower())} "
                    f"for our {rng.choice(['readers', 'customers', 'members', 'team'])}. "
                    "Please say how you would approach it and when you could start.",
                    category=category,
                    budget_basis="fixed" if fixed else "hourly",
                    budget_amount=_money(rng, 100, 3_000) if fixed else None,
                    hourly_min=None if fixed else low,
                    hourly_max=None if fixed else low + Decimal(rng.randint(0, 40)),
                    estimated_hours=None if fixed else rng.randint(5, 120),
                    currency="USD",
                    status=JobStatus.OPEN,
                    created_at=published,
                    updated_at=published,
                    published_at=published,
                )
            )
        for chunk in _batched(posts):
            bulk_insert(chunk)
        counts["jobs"] = len(posts)

        links = []
        for post, category in ((p, p.category) for p in posts):
            names = SKILLS_BY_CATEGORY.get(category.parent.name, [])
            for name in rng.sample(names, min(len(names), rng.randint(1, 4))):
                if name in skills_by_name:
                    links.append(
                        JobPost.skills.through(jobpost_id=post.pk, skill_id=skills_by_name[name])
                    )
        for chunk in _batched(links, BATCH * 2):
            bulk_insert(chunk)

        proposals = []
        for post in posts:
            proposers = rng.sample(services, min(len(services), rng.randint(0, MAX_PROPOSALS)))
            seen = set()
            for service_id, profile_id, user_id in proposers:
                if user_id == post.client_id or profile_id in seen:
                    continue
                seen.add(profile_id)
                submitted = post.published_at + timedelta(minutes=rng.randint(5, 600))
                proposals.append(
                    Proposal(
                        job_id=post.pk,
                        freelancer_id=profile_id,
                        service_id=service_id,
                        cover_letter="I have done this kind of work for years and can start "
                        "this week; samples are on my profile.",
                        price=post.budget_amount or post.hourly_min,
                        basis=post.budget_basis,
                        duration_days=rng.randint(2, 60),
                        submitted_at=min(submitted, now),
                        updated_at=min(submitted, now),
                    )
                )
        for chunk in _batched(proposals):
            bulk_insert(chunk)
        counts["proposals"] = len(proposals)
        for chunk in _batched([post.pk for post in posts], 10_000):
            search.refresh_search_vectors(job_ids=chunk)
    job_listings_changed()
    return counts
