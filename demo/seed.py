"""The demo marketplace: the category tree, skills, demo accounts and the seed service.

The demo also has a dozen open jobs with a few proposals (`demo.jobs`).

The seed service reproduces the page the product started from: "Putin and Xi meet against
backdrop?" in Writing & Translation > Articles & News, $15/hr, starting at $25, ongoing, six
skills, the article as description and writing sample, a banner, a resume and no reviews.
Everything is keyed by slug or email, so loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from demo import files
from demo.jobs import load_demo_jobs
from demo.saved_searches import load_demo_saved_searches
from jobs.caching import job_listings_changed
from marketplace.pagecache import taxonomy_changed
from profiles.models import Availability, EngagementKind, Profile, Skill, WritingSample
from services.counters import recount_categories
from services.models import Category, Service, ServiceStatus
from services.search import refresh_search_vectors

CATEGORY_TREE: dict[str, list[str]] = {
    "Programming & Development": [
        "Web Development",
        "Mobile Apps",
        "Databases",
        "DevOps & Cloud",
        "Data Science",
        "QA & Testing",
    ],
    "Design & Art": [
        "Logo & Branding",
        "Illustration",
        "UI & UX Design",
        "Print Design",
        "Photography",
    ],
    "Writing & Translation": [
        "Articles & News",
        "Copywriting",
        "Technical Writing",
        "Translation",
        "Editing & Proofreading",
        "Ghostwriting",
    ],
    "Sales & Marketing": [
        "Social Media Marketing",
        "SEO",
        "Email Marketing",
        "Lead Generation",
        "Market Research",
    ],
    "Admin Support": [
        "Virtual Assistance",
        "Data Entry",
        "Customer Support",
        "Transcription",
    ],
    "Engineering & Architecture": [
        "CAD Drafting",
        "Structural Engineering",
        "Electrical Engineering",
        "Interior Design",
    ],
    "Legal": ["Contract Law", "Intellectual Property", "Legal Research", "Immigration Law"],
    "Finance & Management": [
        "Accounting & Bookkeeping",
        "Financial Analysis",
        "Project Management",
        "Business Plans",
    ],
}

SEED_SKILLS = [
    "Article Writing",
    "Journalism",
    "Journalistic Writing",
    "Magazine Articles",
    "News Writing",
    "Newspaper",
]

SKILLS_BY_CATEGORY: dict[str, list[str]] = {
    "Programming & Development": [
        "Python",
        "Django",
        "JavaScript",
        "TypeScript",
        "React",
        "PostgreSQL",
        "Docker",
        "Kubernetes",
        "Swift",
        "Kotlin",
        "Flutter",
        "Machine Learning",
        "Pandas",
        "Go",
        "Rust",
        "PHP",
        "Laravel",
        "Node.js",
        "AWS",
        "Test Automation",
    ],
    "Design & Art": [
        "Adobe Illustrator",
        "Photoshop",
        "Figma",
        "Logo Design",
        "Brand Identity",
        "Typography",
        "Digital Illustration",
        "Product Photography",
        "InDesign",
        "Wireframing",
    ],
    "Writing & Translation": [
        *SEED_SKILLS,
        "Copywriting",
        "Technical Writing",
        "Blog Writing",
        "Proofreading",
        "Editing",
        "Spanish Translation",
        "French Translation",
        "German Translation",
        "Ghostwriting",
        "Creative Writing",
        "SEO Writing",
    ],
    "Sales & Marketing": [
        "Social Media Marketing",
        "Search Engine Optimization",
        "Google Ads",
        "Email Marketing",
        "Content Strategy",
        "Lead Generation",
        "Market Research",
        "Facebook Ads",
    ],
    "Admin Support": [
        "Data Entry",
        "Virtual Assistance",
        "Customer Service",
        "Transcription",
        "Microsoft Excel",
        "Calendar Management",
    ],
    "Engineering & Architecture": [
        "AutoCAD",
        "SolidWorks",
        "Revit",
        "Structural Analysis",
        "Circuit Design",
        "3D Modeling",
    ],
    "Legal": [
        "Contract Drafting",
        "Trademark Law",
        "Legal Writing",
        "Legal Research",
        "GDPR",
        "Immigration",
    ],
    "Finance & Management": [
        "Bookkeeping",
        "QuickBooks",
        "Financial Modeling",
        "Project Management",
        "Business Planning",
        "Tax Preparation",
    ],
}


@dataclass(frozen=True)
class DemoAccount:
    email: str
    username: str
    password: str
    role: str


FREELANCER = DemoAccount("freelancer@example.com", "elena-marsh", "demo-freelancer", "freelancer")
CLIENT = DemoAccount("client@example.com", "sam-client", "demo-client", "client")
STAFF = DemoAccount("staff@example.com", "staff", "demo-staff", "staff")
DEMO_ACCOUNTS = [FREELANCER, CLIENT, STAFF]

SEED_SERVICE_TITLE = "Putin and Xi meet against backdrop?"
SEED_SERVICE_SLUG = slugify(SEED_SERVICE_TITLE)
SEED_CATEGORY = ("Writing & Translation", "Articles & News")


def seed_article() -> str:
    return (Path(__file__).parent / "data" / "seed_article.txt").read_text().strip()


@transaction.atomic
def load_categories_and_skills() -> None:
    for position, (parent_name, children) in enumerate(CATEGORY_TREE.items()):
        parent, _ = Category.objects.update_or_create(
            slug=slugify(parent_name),
            defaults={"name": parent_name, "parent": None, "position": position},
        )
        for child_position, child_name in enumerate(children):
            Category.objects.update_or_create(
                slug=slugify(child_name),
                defaults={"name": child_name, "parent": parent, "position": child_position},
            )
    names = {name for skills in SKILLS_BY_CATEGORY.values() for name in skills}
    existing = set(Skill.objects.values_list("slug", flat=True))
    Skill.objects.bulk_create(
        [
            Skill(name=name, slug=slugify(name))
            for name in sorted(names)
            if slugify(name) not in existing
        ]
    )


def _account(account: DemoAccount, *, first_name: str, last_name: str) -> User:
    user, created = User.objects.get_or_create(
        email=account.email,
        defaults={"username": account.username, "first_name": first_name, "last_name": last_name},
    )
    if created or not user.check_password(account.password):
        user.set_password(account.password)
    user.is_staff = user.is_superuser = account.role == "staff"
    user.save()
    return user


@transaction.atomic
def load_seed_service() -> Service:
    """The freelancer, service and sample of the seed page, exactly as scraped."""
    article = seed_article()
    user = _account(FREELANCER, first_name="Elena", last_name="Marsh")
    profile, _ = Profile.objects.update_or_create(
        user=user,
        defaults={
            "slug": FREELANCER.username,
            "display_name": "Elena Marsh",
            "headline": "Journalist and news writer: politics, world affairs, analysis",
            # The seed page's About box carries the article text itself.
            "about": article,
            "location": "London",
            "country": "United Kingdom",
            "hourly_rate": Decimal("15.00"),
            "currency": "USD",
            "availability": Availability.PART_TIME,
            "engagement_preference": EngagementKind.ONGOING,
            "member_since": datetime.date(2022, 12, 30),
        },
    )
    if not profile.banner:
        profile.banner.save("seed-banner.png", ContentFile(files.banner_png()), save=False)
    if not profile.avatar:
        profile.avatar.save(
            "seed-avatar.png", ContentFile(files.avatar_png(initials="EM")), save=False
        )
    if not profile.resume:
        resume = files.resume_pdf(
            [
                "Elena Marsh - Resume",
                "Journalist and news writer",
                "",
                "Experience: world affairs reporting, news writing, magazine features.",
                "Skills: " + ", ".join(SEED_SKILLS),
            ]
        )
        profile.resume.save("elena-marsh-resume.pdf", ContentFile(resume), save=False)
    profile.save()
    skills = list(Skill.objects.filter(slug__in=[slugify(name) for name in SEED_SKILLS]))
    profile.skills.set(skills)

    service, _ = Service.objects.update_or_create(
        slug=SEED_SERVICE_SLUG,
        defaults={
            "owner": profile,
            "title": SEED_SERVICE_TITLE,
            "category": Category.objects.get(slug=slugify(SEED_CATEGORY[1])),
            "description": article,
            "hourly_rate": Decimal("15.00"),
            "starting_price": Decimal("25.00"),
            "currency": "USD",
            "engagement": EngagementKind.ONGOING,
            "status": ServiceStatus.PUBLISHED,
        },
    )
    service.skills.set(skills)
    sample, _ = WritingSample.objects.update_or_create(
        profile=profile,
        slug=SEED_SERVICE_SLUG,
        defaults={
            "title": SEED_SERVICE_TITLE,
            "body": article,
            "original_url": "",
            "published_on": datetime.date(2022, 12, 30),
        },
    )
    sample.services.set([service])
    refresh_search_vectors(service_ids=[service.pk])
    return service


def load_demo_accounts() -> User:
    _account(STAFF, first_name="Site", last_name="Staff")
    return _account(CLIENT, first_name="Sam", last_name="Okafor")


def load_demo() -> Service:
    load_categories_and_skills()
    client = load_demo_accounts()
    service = load_seed_service()
    load_demo_jobs(client=client, freelancer_service=service)
    load_demo_saved_searches(client=client, freelancer=service.owner.user)
    # Rows written as fixtures are, not through the workflows: the counters and caches follow.
    recount_categories()
    taxonomy_changed()
    job_listings_changed()
    return service
