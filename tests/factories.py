from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from engagements.models import Engagement, EngagementState, Message
from engagements.transitions import refresh_completed_counts
from jobs.caching import job_listings_changed
from marketplace.pagecache import catalogue_changed, taxonomy_changed
from profiles.languages import native_languages_text
from profiles.models import Profile, Skill, WritingSample
from reviews.models import Review, ReviewDirection, ReviewReport
from services.counters import recount_categories
from services.models import Category, Service, ServiceStatus


class WrittenAsByWorkflow(factory.django.DjangoModelFactory):
    """A row as its workflow leaves it: what public pages show is written, so the caches the
    workflow would make stale are stale (tests of the invalidation itself go through the
    workflows, not factories)."""

    class Meta:
        abstract = True

    stale = staticmethod(catalogue_changed)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            cls.stale()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class SkillFactory(WrittenAsByWorkflow):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    stale = staticmethod(taxonomy_changed)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda s: slugify(s.name))


class CategoryFactory(WrittenAsByWorkflow):
    class Meta:
        model = Category

    stale = staticmethod(taxonomy_changed)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda c: slugify(c.name))


class LeafCategoryFactory(CategoryFactory):
    parent = factory.SubFactory(CategoryFactory)


class ProfileFactory(WrittenAsByWorkflow):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    slug = factory.LazyAttribute(lambda p: p.user.username)
    display_name = factory.Faker("name")
    headline = "Writer and editor"
    hourly_rate = Decimal("30.00")


class ServiceFactory(WrittenAsByWorkflow):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    owner = factory.SubFactory(ProfileFactory)
    title = factory.Sequence(lambda n: f"I will write article number {n}")
    slug = factory.LazyAttribute(lambda s: slugify(s.title))
    category = factory.SubFactory(LeafCategoryFactory)
    description = "Clear, well-researched articles.\n\nDelivered on time."
    hourly_rate = Decimal("20.00")
    starting_price = Decimal("50.00")
    status = ServiceStatus.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda s: timezone.now() if s.status == ServiceStatus.PUBLISHED else None
    )
    # As create_service copies them; a new owner has none yet.
    owner_native_languages = factory.LazyAttribute(
        lambda s: native_languages_text(s.owner) if s.owner.pk else ""
    )

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)

    @factory.post_generation
    def counted(self, create, extracted, **kwargs):
        """A published service counts in its category, as publishing it would have made it
        (tests of the counting itself go through the workflows)."""
        if create and self.status == ServiceStatus.PUBLISHED:
            recount_categories({self.category_id})


class WritingSampleFactory(WrittenAsByWorkflow):
    class Meta:
        model = WritingSample

    profile = factory.SubFactory(ProfileFactory)
    title = factory.Sequence(lambda n: f"Sample {n}")
    slug = factory.LazyAttribute(lambda s: slugify(s.title))
    body = "First paragraph.\n\nSecond paragraph."


class ReviewFactory(WrittenAsByWorkflow):
    class Meta:
        model = Review

    service = factory.SubFactory(ServiceFactory)
    author = factory.SubFactory(UserFactory)
    # Every review belongs to a completed engagement of its author on its service.
    engagement = factory.SubFactory(
        "tests.factories.CompletedEngagementFactory",
        service=factory.SelfAttribute("..service"),
        client=factory.SelfAttribute("..author"),
    )
    subject = factory.LazyAttribute(lambda r: r.engagement.freelancer.user)
    work_completed_on = factory.LazyAttribute(lambda r: r.engagement.completed_at.date())
    rating = 5
    text = "Great work, delivered early."
    # Published, as if both sides had reviewed (or the window had closed); pass
    # published_at=None for a pending (double-blind) review.
    published_at = factory.LazyFunction(timezone.now)


class ClientReviewFactory(WrittenAsByWorkflow):
    """A freelancer's published review of the client of a completed engagement."""

    class Meta:
        model = Review

    engagement = factory.SubFactory("tests.factories.CompletedEngagementFactory")
    direction = ReviewDirection.OF_CLIENT
    service = None
    author = factory.LazyAttribute(lambda r: r.engagement.freelancer.user)
    subject = factory.LazyAttribute(lambda r: r.engagement.client)
    work_completed_on = factory.LazyAttribute(lambda r: r.engagement.completed_at.date())
    rating = 4
    text = "A clear brief, quick answers and paid on time."
    published_at = factory.LazyFunction(timezone.now)


class EngagementFactory(factory.django.DjangoModelFactory):
    """A quote request on a service (state "requested"), its freelancer the service's owner."""

    class Meta:
        model = Engagement

    client = factory.SubFactory(UserFactory)
    service = factory.SubFactory(ServiceFactory)
    freelancer = factory.SelfAttribute("service.owner")
    what = "A 1,000-word article about local elections."
    budget = Decimal("200.00")


class CompletedEngagementFactory(EngagementFactory):
    class Meta:
        skip_postgeneration_save = True

    state = EngagementState.COMPLETED
    accepted_at = factory.LazyFunction(timezone.now)
    delivered_at = factory.LazyFunction(timezone.now)
    completed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def count_completion(self, create, extracted, **kwargs):
        # As the workflow does: the freelancer's stored count includes this engagement.
        if create:
            refresh_completed_counts(profile_ids=[self.freelancer_id])
            self.freelancer.refresh_from_db(fields=["completed_engagement_count"])


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    engagement = factory.SubFactory(EngagementFactory)
    sender = factory.SelfAttribute("engagement.client")
    body = "Hello, is next week possible?"


class ReviewReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewReport

    review = factory.SubFactory(ReviewFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "This is not about the work."


class JobPostFactory(WrittenAsByWorkflow):
    """An open, public job with a fixed budget."""

    class Meta:
        model = "jobs.JobPost"
        skip_postgeneration_save = True

    stale = staticmethod(job_listings_changed)

    client = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Articles about topic {n}")
    brief = "Five articles of 800 words about local elections, for a regional paper."
    category = factory.SubFactory(LeafCategoryFactory)
    budget_basis = "fixed"
    budget_amount = Decimal("500.00")
    status = "open"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted proposal on a job, under one of the freelancer's published services."""

    class Meta:
        model = "jobs.Proposal"

    job = factory.SubFactory(JobPostFactory)
    service = factory.SubFactory(ServiceFactory)
    freelancer = factory.SelfAttribute("service.owner")
    cover_letter = "I have covered three elections for regional papers and can start Monday."
    price = Decimal("450.00")
    basis = "fixed"
    duration_days = 10


class ProposalMessageFactory(factory.django.DjangoModelFactory):
    """A message in a proposal's thread, from the freelancer unless `sender` says otherwise."""

    class Meta:
        model = "jobs.ProposalMessage"

    proposal = factory.SubFactory(ProposalFactory)
    sender = factory.SelfAttribute("proposal.freelancer.user")
    body = "Could you tell me more about the readers?"
