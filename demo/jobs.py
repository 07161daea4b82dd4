"""The demo's open jobs: a dozen across the categories, posted by the demo client, with the
seed freelancer's proposals on the two that fit her.

Keyed by (client, title) and (job, freelancer), so loading twice changes nothing; only a new
job gets a posting time (spread over the last days, so "posted within" has something to show).
Rows are written directly, as the rest of the demo is: no emails, no rate limits.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from jobs import search
from jobs.caching import job_listings_changed
from jobs.models import JobPost, JobStatus, Proposal
from profiles.models import Skill
from services.models import Category, Service


@dataclass(frozen=True)
class DemoJob:
    title: str
    category: str  # a leaf category's name
    brief: str
    skills: list[str]
    budget: Decimal | None = None  # fixed
    hourly: tuple[Decimal, Decimal, int] | None = None  # (min rate, max rate, hours)
    duration_weeks: int | None = None
    proposal: dict = field(default_factory=dict)  # the seed freelancer's, if any


DEMO_JOBS = [
    DemoJob(
        "Weekly explainers on world affairs",
        "Articles & News",
        "Four 900-word explainers a month on the week's main international story, written "
        "for readers who follow the news but not the details. Sources linked; neutral tone.",
        ["News Writing", "Journalism"],
        hourly=(Decimal("15"), Decimal("30"), 40),
        duration_weeks=8,
        proposal={
            "cover_letter": "I write on world affairs every week; the summit piece on my "
            "profile is typical of the length and tone. I can start on Monday.",
            "price": Decimal("18.00"),
            "basis": "hourly",
            "duration_days": 56,
        },
    ),
    DemoJob(
        "Edit a 40-page annual report",
        "Editing & Proofreading",
        "Copy-edit our charity's annual report for clarity, consistency and house style "
        "(British English). Track changes in Word; two rounds.",
        ["Editing", "Proofreading"],
        budget=Decimal("600"),
        duration_weeks=2,
        proposal={
            "cover_letter": "Fifteen years of newsroom subbing: I will make it read as one "
            "voice and flag anything a reader could misread.",
            "price": Decimal("550.00"),
            "basis": "fixed",
            "duration_days": 10,
        },
    ),
    DemoJob(
        "Booking site for a small guesthouse",
        "Web Development",
        "A five-page site with room pages and a booking request form that emails us. We host "
        "it ourselves; Django or a static site generator both welcome.",
        ["Django", "Python", "JavaScript"],
        budget=Decimal("2400"),
        duration_weeks=6,
    ),
    DemoJob(
        "Logo for a neighbourhood bakery",
        "Logo & Branding",
        "A logo and two colour variants for signage, bags and Instagram. We like hand-drawn "
        "lettering; three initial concepts please.",
        ["Logo Design", "Brand Identity"],
        budget=Decimal("450"),
    ),
    DemoJob(
        "Translate a museum audio guide into Spanish",
        "Translation",
        "Twelve short scripts (about 6,000 words in all) from English into Spanish for a "
        "museum audio guide. Natural spoken language matters more than literal accuracy.",
        ["Spanish Translation"],
        budget=Decimal("900"),
        duration_weeks=3,
    ),
    DemoJob(
        "Monthly bookkeeping for a design studio",
        "Accounting & Bookkeeping",
        "Reconcile two bank accounts, file receipts and prepare VAT figures every month in "
        "QuickBooks. About six hours a month, ongoing.",
        ["Bookkeeping", "QuickBooks"],
        hourly=(Decimal("25"), Decimal("40"), 6),
    ),
    DemoJob(
        "Product photos for an online ceramics shop",
        "Photography",
        "Thirty products on a white background plus ten lifestyle shots. Our studio in "
        "Bristol, or yours if you have a suitable one.",
        ["Product Photography", "Photoshop"],
        budget=Decimal("800"),
    ),
    DemoJob(
        "SEO audit of a recipe blog",
        "SEO",
        "An audit of 300 posts: technical issues, internal links and the twenty posts most "
        "worth rewriting, with a short report we can act on.",
        ["Search Engine Optimization", "Content Strategy"],
        budget=Decimal("700"),
        duration_weeks=3,
    ),
    DemoJob(
        "Transcribe twelve oral-history interviews",
        "Transcription",
        "About nine hours of recorded interviews with retired miners; verbatim transcripts "
        "with timestamps every five minutes. Some strong regional accents.",
        ["Transcription"],
        hourly=(Decimal("12"), Decimal("20"), 30),
        duration_weeks=4,
    ),
    DemoJob(
        "Review our freelancer contract template",
        "Contract Law",
        "Check our two-page services agreement for UK law and suggest plain-English "
        "improvements, especially on payment terms and intellectual property.",
        ["Contract Drafting", "Legal Writing"],
        budget=Decimal("350"),
    ),
    DemoJob(
        "Mobile app prototype for a walking club",
        "Mobile Apps",
        "A clickable Flutter prototype: routes list, route map and sign-up for a walk. No "
        "back end yet; it is for showing to members.",
        ["Flutter", "Figma"],
        hourly=(Decimal("35"), Decimal("60"), 60),
        duration_weeks=5,
    ),
    DemoJob(
        "Business plan for a community café",
        "Business Plans",
        "A business plan and three-year cash-flow forecast to support a grant application, "
        "from our notes and the landlord's figures.",
        ["Business Planning", "Financial Modeling"],
        budget=Decimal("1200"),
        duration_weeks=4,
    ),
]


@transaction.atomic
def load_demo_jobs(*, client: User, freelancer_service: Service) -> list[JobPost]:
    """The demo jobs, open and public, with the seed freelancer's proposals."""
    now = timezone.now()
    skills = {skill.name: skill for skill in Skill.objects.all()}
    categories = {category.slug: category for category in Category.objects.leaves()}
    jobs = []
    for index, demo in enumerate(DEMO_JOBS):
        fixed = demo.budget is not None
        details = {
            "brief": demo.brief,
            "category": categories[slugify(demo.category)],
            "budget_basis": "fixed" if fixed else "hourly",
            "budget_amount": demo.budget,
            "hourly_min": None if fixed else demo.hourly[0],
            "hourly_max": None if fixed else demo.hourly[1],
            "estimated_hours": None if fixed else demo.hourly[2],
            "duration_weeks": demo.duration_weeks,
            "status": JobStatus.OPEN,
        }
        job, _ = JobPost.objects.update_or_create(
            client=client,
            title=demo.title,
            defaults=details,
            # Only a new job gets a posting time: a reload keeps the job's age.
            create_defaults={**details, "published_at": now - timedelta(hours=7 * index)},
        )
        job.skills.set([skills[name] for name in demo.skills])
        if demo.proposal:
            Proposal.objects.get_or_create(
                job=job,
                freelancer=freelancer_service.owner,
                defaults={"service": freelancer_service, **demo.proposal},
            )
        jobs.append(job)
    search.refresh_search_vectors(job_ids=[job.pk for job in jobs])
    job_listings_changed()
    return jobs
