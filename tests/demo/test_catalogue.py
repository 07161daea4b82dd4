"""The curated demo catalogue: believable, consistent and the same on every load."""

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from demo import catalogue, seed
from demo import hourly as demo_hourly
from demo import payments as demo_payments
from engagements.models import REVIEW_WINDOW, Engagement
from profiles.models import Profile
from ratings.aspects import ASPECTS, WRITING_CATEGORY_SLUG
from reviews.drift import find_drift
from reviews.models import Review
from services.models import Category, Service
from tests.demo import snapshot

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _load_in_a_fresh_sqlite_database(tmp_path) -> dict:
    """Migrate and load a new SQLite file in another process; return its rows."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "fresh-media"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo", "-v0"], env=env, check=True, cwd=ROOT)
    out = subprocess.run(
        [*manage, "shell", "-v0", "-c", "from tests.demo import snapshot; print(snapshot.dumps())"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_a_load_here_gives_the_same_rows_as_a_fresh_sqlite_load(demo, tmp_path):
    """On PostgreSQL this compares the two databases; on SQLite, two separate runs."""
    here = json.loads(snapshot.dumps())
    fresh = _load_in_a_fresh_sqlite_database(tmp_path)
    for table in snapshot.TABLES:
        assert here[table] == fresh[table], f"{table} differ ({connection.vendor} vs SQLite)"


def test_loading_again_changes_no_row(demo):
    before = snapshot.dumps()
    call_command("load_demo", verbosity=0)
    assert snapshot.dumps() == before


def test_there_are_forty_freelancers_or_more_over_every_category(demo):
    assert Profile.objects.count() >= 41  # the seed freelancer and at least 40 more
    for leaf in Category.objects.leaves():
        assert Service.objects.published().filter(category=leaf).exists(), leaf.name


def test_every_profile_slug_matches_its_name(demo):
    for profile in Profile.objects.all():
        assert profile.slug == slugify(profile.display_name), profile.display_name


def test_no_review_predates_its_author_its_freelancer_or_its_engagement(demo):
    reviews = Review.objects.of_freelancers().select_related(
        "author", "service__owner", "engagement"
    )
    assert reviews.count() >= 40
    for review in reviews:
        assert review.created_at > review.author.date_joined, review.text
        assert review.created_at.date() > review.service.owner.member_since, review.text
        assert review.created_at > review.engagement.completed_at, review.text
        assert review.engagement.requested_at > review.author.date_joined, review.text
        assert review.engagement.requested_at > review.service.created_at, review.text
        if review.responded_at:
            assert review.responded_at > review.created_at


def test_reviews_of_clients_appear_with_the_clients_reviews_and_one_waits(demo):
    of_clients = Review.objects.of_clients().select_related("engagement")
    published = [review for review in of_clients if review.published_at]
    assert len(published) >= 3
    for review in published:
        counterpart = Review.objects.of_freelancers().get(engagement=review.engagement)
        assert counterpart.published_at == review.published_at  # double-blind: together
        assert review.created_at > review.engagement.completed_at
    # Sam has a freelancer's review waiting for theirs: hidden from Sam and the public.
    waiting = of_clients.get(published_at__isnull=True)
    assert waiting.subject.email == seed.CLIENT.email
    assert not Review.objects.filter(engagement=waiting.engagement).exclude(pk=waiting.pk)
    assert waiting.engagement.completed_at + REVIEW_WINDOW > timezone.now()
    assert find_drift() == []


def test_reviews_are_written_by_hand_not_repeated(demo):
    texts = list(Review.objects.values_list("text", flat=True))
    assert len(set(texts)) == len(texts)
    assert set(Review.objects.values_list("rating", flat=True)) >= {3, 4, 5}
    assert not Review.objects.filter(author__username__startswith="client-").exists()


def test_rates_and_skills_agree_with_each_freelancers_services(demo):
    for profile in Profile.objects.exclude(slug=seed.FREELANCER.username):
        rates = [s.hourly_rate for s in profile.services.all() if s.hourly_rate is not None]
        assert min(rates) <= profile.hourly_rate <= max(rates), profile.display_name
        assert {s.currency for s in profile.services.all()} == {profile.currency}
        listed = set(profile.skills.all())
        for service in profile.services.all():
            assert set(service.skills.all()) <= listed, service.title


def test_writers_show_writing_samples(demo):
    writers = Profile.objects.filter(services__category__parent__slug="writing-translation")
    for profile in writers.distinct():
        assert profile.writing_samples.exists(), profile.display_name


def test_a_few_engagements_are_still_open(demo):
    open_ = Engagement.objects.filter(state__in=["requested", "accepted"])
    assert open_.count() >= 3
    assert open_.filter(client__email=seed.CLIENT.email).exists()


def test_the_seed_service_stays_as_the_seed_page_shows_it(demo):
    service = Service.objects.get(slug=seed.SEED_SERVICE_SLUG)
    assert (service.hourly_rate, service.starting_price) == (Decimal("15.00"), Decimal("25.00"))
    # Its engagements are the demo's escrow (paid by milestones) and its hourly contract (at
    # its $15/hr): neither is completed or reviewed, so the page shows what the seed shows.
    assert service.review_count == 0
    briefs = set(service.engagements.values_list("what", flat=True))
    assert briefs == {demo_payments.BRIEF, demo_hourly.BRIEF}
    assert not service.engagements.filter(state="completed").exists()


def test_every_card_has_a_picture_and_every_profile_an_avatar_with_alt_text(demo, client):
    pages = ["/", "/services/", "/services/?page=2", "/services/?q=writing"]
    pages += [c.get_absolute_url() for c in Category.objects.filter(parent__isnull=True)]
    cards = 0
    for url in pages:
        html = client.get(url).content.decode()
        for card in re.findall(r'<article class="card service-card">(.*?)</article>', html, re.S):
            # The freelancer's banner, or the service's own cover: decorative beside the title.
            picture = r'<div class="card__media">(<img [^>]*alt=""|<svg class="cover")'
            media = re.search(picture, card)
            assert media, f"a card on {url} has no picture"
            cards += 1
    assert cards >= 40
    for profile in Profile.objects.all():
        assert profile.avatar, profile.display_name
        html = client.get(profile.get_absolute_url()).content.decode()
        assert f'alt="Photo of {profile.display_name}"' in html


def test_catalogue_freelancers_upload_no_banner_so_their_cards_show_covers(demo):
    with_banner = Profile.objects.exclude(banner="").values_list("slug", flat=True)
    assert list(with_banner) == [seed.FREELANCER.username]


def test_the_catalogue_refuses_a_review_dated_before_its_client_joined(monkeypatch):
    real = catalogue.read_catalogue()
    first = real.freelancers[0]
    review = first["service"][0]["review"][0]
    early = {**review, "completed": real.clients[review["client"]]["joined"]}
    broken_service = {**first["service"][0], "review": [early]}
    broken = catalogue.Catalogue(
        clients=real.clients,
        freelancers=[{**first, "service": [broken_service]}],
        open_engagements=[],
    )
    monkeypatch.setattr(catalogue, "read_catalogue", lambda: broken)
    seed.load_categories_and_skills()
    with pytest.raises(catalogue.CatalogueError, match="reviews before joining"):
        catalogue.load_catalogue()


def test_writing_reviews_rate_every_writing_aspect(demo):
    writing = Review.objects.filter(service__category__parent__slug=WRITING_CATEGORY_SLUG)
    assert writing.exists()
    for aspect in ASPECTS:
        assert not writing.filter(**{f"{aspect.rating_field}__isnull": True}).exists()
    reviewed = Service.objects.filter(reviews__in=writing).distinct()
    assert all(service.deadlines_count == service.review_count for service in reviewed)


def test_the_catalogue_refuses_a_writing_review_without_its_sub_ratings(monkeypatch):
    real = catalogue.read_catalogue()
    writer = next(f for f in real.freelancers if f["service"][0]["category"] == "Articles & News")
    review = {**writer["service"][0]["review"][0]}
    review["sub_ratings"] = {"accuracy": 5, "brief": 9}
    broken_service = {**writer["service"][0], "review": [review]}
    broken = catalogue.Catalogue(
        clients=real.clients,
        freelancers=[{**writer, "service": [broken_service]}],
        open_engagements=[],
    )
    monkeypatch.setattr(catalogue, "read_catalogue", lambda: broken)
    seed.load_categories_and_skills()
    with pytest.raises(catalogue.CatalogueError) as refused:
        catalogue.load_catalogue()
    assert "rates brief outside 1 to 5" in str(refused.value)
    assert "does not rate deadlines (a writing category)" in str(refused.value)
