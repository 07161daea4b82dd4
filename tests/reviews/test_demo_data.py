import pytest
from django.core.management import call_command
from django.db.models import F

from demo import generator, seed
from demo import hourly as demo_hourly
from demo import payments as demo_payments
from engagements.models import Engagement
from reviews.drift import find_drift
from reviews.models import Review
from services.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", population=0, generate=40, seed=3, verbosity=0)


def test_generated_reviews_follow_completed_engagements_and_leave_no_drift(demo):
    # The curated catalogue's reviews have their own dates (tests/demo/test_catalogue.py).
    generated = {"author__email__endswith": f"@{generator.GENERATED_EMAIL_DOMAIN}"}
    reviews = Review.objects.filter(**generated).select_related("engagement")
    assert reviews.exists()
    for review in reviews:
        engagement = review.engagement
        assert engagement.state == "completed"
        assert engagement.client_id == review.author_id
        assert engagement.service_id == review.service_id
        assert engagement.freelancer_id == review.service.owner_id
        assert review.work_completed_on == engagement.completed_at.date()
    assert not reviews.exclude(created_at=F("engagement__completed_at")).exists()
    assert (
        Engagement.objects.filter(
            client__email__endswith=generated["author__email__endswith"]
        ).count()
        == reviews.count()
    )
    assert find_drift() == []


def test_the_seed_service_keeps_no_reviews_and_no_engagements(demo):
    seed_service = Service.objects.get(slug=seed.SEED_SERVICE_SLUG)
    assert seed_service.review_count == 0 and not seed_service.reviews.exists()
    # Its engagements are the demo's escrow and hourly contract, neither completed.
    briefs = set(seed_service.engagements.values_list("what", flat=True))
    assert briefs == {demo_payments.BRIEF, demo_hourly.BRIEF}
    assert seed_service.owner.completed_engagement_count == 0
