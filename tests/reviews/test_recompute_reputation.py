from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from demo.generator import _reputation as generator_reputation
from profiles.models import Profile
from reviews.drift import find_drift
from reviews.reputation import refresh_reputation
from reviews.tasks import recompute_reputation
from services.models import Service
from tests.factories import ReviewFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_service():
    service = ServiceFactory()
    ReviewFactory(service=service, rating=5)
    ReviewFactory(service=service, rating=2)
    ReviewFactory(service=service, rating=1, is_hidden=True)
    refresh_reputation(service_ids=[service.pk])
    return service


def test_no_drift_is_reported_when_everything_matches(reviewed_service, capsys):
    call_command("recompute_reputation", "--check")
    assert "No drift" in capsys.readouterr().out


def test_check_prints_what_differs_and_fails_without_fixing(reviewed_service, capsys):
    Service.objects.filter(pk=reviewed_service.pk).update(review_count=7, rating_average=1)
    Profile.objects.filter(pk=reviewed_service.owner_id).update(completed_engagement_count=9)
    with pytest.raises(CommandError) as failed:
        call_command("recompute_reputation", "--check")
    assert failed.value.returncode == 1
    out = capsys.readouterr().out
    assert f"service {reviewed_service.pk} ({reviewed_service.title}): review_count 7 -> 2" in out
    assert "rating_average 1.00 -> 3.50" in out
    assert "completed_engagement_count 9 -> 3" in out
    reviewed_service.refresh_from_db()
    assert reviewed_service.review_count == 7  # --check changes nothing


def test_without_check_it_recomputes_the_drifted_rows(reviewed_service, capsys):
    Service.objects.filter(pk=reviewed_service.pk).update(rating_score=4.9)
    Profile.objects.filter(pk=reviewed_service.owner_id).update(review_count=0)
    call_command("recompute_reputation")
    assert "recomputed" in capsys.readouterr().out
    assert find_drift() == []
    reviewed_service.refresh_from_db()
    assert reviewed_service.rating_score == pytest.approx((5 * 3.5 + 7) / 7)


def test_an_average_ending_in_a_half_is_rounded_up_by_the_workflow_and_the_generator():
    # 37 / 8 = 4.625: SQL's ROUND gave 4.63 while the demo generator stored 4.62.
    service = ServiceFactory()
    for rating in [5, 5, 5, 5, 5, 4, 4, 4]:
        ReviewFactory(service=service, rating=rating)
    refresh_reputation(service_ids=[service.pk])
    service.refresh_from_db()
    assert service.rating_average == Decimal("4.63")
    assert generator_reputation([5, 5, 5, 5, 5, 4, 4, 4])["rating_average"] == Decimal("4.63")
    assert find_drift() == []


@pytest.mark.postgres
def test_freshly_generated_demo_data_passes_the_check(capsys):
    call_command("load_demo", population=0, generate=2000, seed=1, verbosity=0)
    call_command("recompute_reputation", "--check")
    assert "No drift" in capsys.readouterr().out


def test_the_nightly_task_fixes_drift_too(reviewed_service):
    Service.objects.filter(pk=reviewed_service.pk).update(review_count=7)
    assert recompute_reputation.delay().get() == 1
    assert find_drift() == []
    assert recompute_reputation.delay().get() == 0
