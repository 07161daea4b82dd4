from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from demo import generator, seed
from profiles.languages import native_languages_text
from profiles.models import Profile, WritingSample
from reviews.models import Review
from services.models import Category, Service

pytestmark = pytest.mark.django_db

SEED_SKILLS = [
    "Article Writing",
    "Journalism",
    "Journalistic Writing",
    "Magazine Articles",
    "News Writing",
    "Newspaper",
]


@pytest.fixture
def seed_service():
    return seed.load_demo()


def test_the_seed_service_reproduces_the_seed_page(seed_service):
    service = Service.objects.select_related("category__parent", "owner").get(pk=seed_service.pk)
    assert service.title == "Putin and Xi meet against backdrop?"
    assert (service.category.parent.name, service.category.name) == (
        "Writing & Translation",
        "Articles & News",
    )
    assert service.hourly_rate == Decimal("15.00")
    assert service.starting_price == Decimal("25.00")
    assert service.currency == "USD"
    assert service.get_engagement_display() == "Ongoing"
    assert service.is_published
    assert sorted(service.skills.values_list("name", flat=True)) == SEED_SKILLS
    assert service.description.startswith("MOSCOW, Russia. (CNN) -- Russian President")
    assert service.description.endswith("shifted accordingly, experts say.")
    assert service.description.count("\n\n") == 12  # thirteen paragraphs, as on the page
    assert not service.reviews.exists() and service.review_count == 0


def test_the_seed_freelancer_has_a_banner_resume_rate_and_sample(seed_service):
    profile = seed_service.owner
    assert profile.hourly_rate == Decimal("15.00")
    assert profile.get_engagement_preference_display() == "Ongoing"
    assert profile.banner.name and profile.banner.storage.exists(profile.banner.name)
    with profile.resume.open("rb") as resume:
        assert resume.read(5) == b"%PDF-"
    assert profile.about == seed_service.description
    sample = WritingSample.objects.get(profile=profile)
    assert sample.title == seed_service.title and sample.body == seed_service.description
    assert list(sample.services.all()) == [seed_service]


def test_the_category_tree_has_every_top_level_category_with_children(seed_service):
    tops = list(Category.objects.top_level().values_list("name", flat=True))
    assert tops == list(seed.CATEGORY_TREE)
    assert all(Category.objects.get(name=name).children.count() >= 4 for name in tops)


def test_loading_twice_changes_nothing():
    call_command("load_demo", population=5, verbosity=0)
    counts = [m.objects.count() for m in (User, Profile, Service, WritingSample, Review, Category)]
    call_command("load_demo", population=5, verbosity=0)
    assert [
        m.objects.count() for m in (User, Profile, Service, WritingSample, Review, Category)
    ] == counts


def test_demo_accounts_can_sign_in(client):
    call_command("load_demo", population=0, verbosity=0)
    for account in seed.DEMO_ACCOUNTS:
        assert client.login(username=account.email, password=account.password), account.email
    assert User.objects.get(email=seed.STAFF.email).is_staff


def test_the_generator_adds_the_number_of_services_asked_for():
    call_command("load_demo", population=0, verbosity=0)
    before = Service.objects.count()
    call_command("load_demo", generate=40, seed=1, verbosity=0)
    generated = Service.objects.filter(
        owner__user__email__endswith=f"@{generator.GENERATED_EMAIL_DOMAIN}"
    )
    assert Service.objects.count() == before + 40
    assert generated.filter(status="published").count() == 40
    assert not generated.filter(hourly_rate__isnull=True, starting_price__isnull=True).exists()
    assert WritingSample.objects.count() > 1 and Review.objects.exists()
    assert all(s.skills.exists() for s in generated[:10])
    # Demo and generated services carry their owner's native languages, as the site's
    # workflows keep them, for the native-language filter.
    for service in Service.objects.select_related("owner"):
        assert service.owner_native_languages == native_languages_text(service.owner)
    assert generated.exclude(owner_native_languages="").count() == 40


def _planner_statistics_of_services() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'services_service'")
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone()[0]:
                return 0
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'services_service'")
        return cursor.fetchone()[0]


def test_generating_leaves_the_planner_statistics_of_the_new_rows():
    # A benchmark database is fresh: without them the planner guesses (issue 28: 106 ms
    # instead of 1 ms for a category's first page).
    call_command("load_demo", generate=20, seed=4, verbosity=0)
    assert _planner_statistics_of_services() > 0


def test_generated_reputation_matches_the_reviews():
    call_command("load_demo", population=0, generate=30, seed=2, verbosity=0)
    for service in Service.objects.filter(review_count__gt=0):
        ratings = list(service.reviews.values_list("rating", flat=True))
        assert service.review_count == len(ratings)
        assert float(service.rating_average) == pytest.approx(sum(ratings) / len(ratings), abs=0.01)


def test_generated_freelancers_urls_follow_their_names_and_their_dates_fall_in_order():
    call_command("load_demo", population=0, generate=30, seed=3, verbosity=0)
    today = timezone.localdate()
    generated = Profile.objects.filter(user__email__endswith="@generated.example")
    assert generated.exists()
    for profile in generated:
        assert profile.slug.startswith(slugify(profile.display_name) + "-")
        assert profile.member_since < today
    for review in Review.objects.of_freelancers().select_related("engagement", "service__owner"):
        engagement, owner = review.engagement, review.service.owner
        assert owner.member_since <= review.service.created_at.date()
        assert review.service.created_at < engagement.requested_at < engagement.completed_at
        assert engagement.completed_at <= review.created_at < timezone.now()
