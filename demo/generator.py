"""Bulk generation of plausible freelancers, services, writing samples and reviews.

Fast enough for benchmarks (100,000 services on PostgreSQL well under two minutes): rows go in
with COPY (demo.bulk), search vectors are computed by set-based UPDATEs afterwards, never one
save() per row. The data is consistent as the site would make it: a freelancer's URL name
follows their name, and every date falls in order (member since, services, engagements,
reviews, all in the past).
"""

import random
import secrets
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from accounts.models import User
from demo.bulk import bulk_insert
from demo.seed import SKILLS_BY_CATEGORY
from engagements.models import Engagement, EngagementState
from languages.codes import spaced_codes
from languages.levels import Level
from marketplace.pagecache import catalogue_changed
from profiles.models import (
    Availability,
    EngagementKind,
    Profile,
    ProfileLanguage,
    Skill,
    WritingSample,
)
from ratings.aspects import ASPECTS
from ratings.scores import PRIOR_MEAN, damped_average, stored_average
from reviews.models import Review
from services.counters import recount_categories
from services.models import Category, Service, ServiceLanguagePair, ServiceStatus
from services.search import refresh_search_vectors

GENERATED_EMAIL_DOMAIN = "generated.example"
BATCH = 2_000
# Work units per service for its search vector: to_tsvector costs about as much as building
# and copying the service's other rows, so the progress bar weighs it so.
VECTOR_WEIGHT = 3
# Dates, in days before now: members joined long enough ago for all their history to follow.
MEMBER_SINCE_DAYS = (600, 2_500)
SERVICE_AFTER_JOINING_DAYS = 30
ENGAGEMENT_DAYS = (1, 540)  # completed this long ago; requested 12 days before that
VECTOR_CHUNK = 10_000

FIRST = (
    "Ava Liam Noah Mia Zoe Omar Lena Ravi Sofia Mateo Yuki Amara Jonas Priya Chen Lucia Diego "
    "Hana Tomas Ines Kwame Nadia Felix Aisha Marco Elif Sven Rosa Ivan Leila Arjun Maya"
).split()
LAST = (
    "Garcia Novak Okafor Tanaka Silva Kowalski Haddad Jensen Rossi Patel Nguyen Moreau Fischer "
    "Kim Alvarez Costa Mensah Ivanova Larsen Dubois Sato Ahmed Berg Romero Schmidt Walsh"
).split()
CITIES = [
    ("Lisbon", "Portugal"),
    ("Nairobi", "Kenya"),
    ("Toronto", "Canada"),
    ("Manila", "Philippines"),
    ("Berlin", "Germany"),
    ("Austin", "United States"),
    ("Bangalore", "India"),
    ("Buenos Aires", "Argentina"),
    ("Krakow", "Poland"),
    ("Lagos", "Nigeria"),
    ("Melbourne", "Australia"),
    ("Seoul", "South Korea"),
    ("Cape Town", "South Africa"),
]
VERBS = {
    "Programming & Development": ["build", "develop", "fix", "optimise", "test", "deploy"],
    "Design & Art": ["design", "illustrate", "redesign", "create", "retouch"],
    "Writing & Translation": ["write", "edit", "translate", "proofread", "ghostwrite"],
    "Sales & Marketing": ["grow", "run", "plan", "audit", "optimise"],
    "Admin Support": ["handle", "organise", "transcribe", "manage", "clean up"],
    "Engineering & Architecture": ["draft", "model", "review", "design", "calculate"],
    "Legal": ["draft", "review", "research", "advise on", "prepare"],
    "Finance & Management": ["prepare", "reconcile", "model", "plan", "manage"],
}
ADJECTIVES = [
    "clear",
    "fast",
    "reliable",
    "professional",
    "detailed",
    "affordable",
    "high-quality",
    "well-researched",
    "polished",
    "scalable",
    "friendly",
    "thorough",
]
AUDIENCES = [
    "startups",
    "small businesses",
    "nonprofits",
    "agencies",
    "online shops",
    "publishers",
    "research teams",
    "local businesses",
    "SaaS companies",
    "creators",
]
PARAGRAPHS = [
    "I have {years} years of experience helping {audience} with {topic}. Every project starts "
    "with a short call so that I understand your goals, your audience and your deadline.",
    "You get {adj} work, delivered on time, with two rounds of revisions included. I keep you "
    "updated at every step and answer messages within a working day.",
    "Recent clients include {audience} in {city} and across {country}. I am comfortable working "
    "to a brief or proposing a plan myself when you need a fresh perspective.",
    "My process: discovery, a first draft within days, your feedback, then the final delivery "
    "with everything you need to use the result straight away.",
    "Tools I use daily: {skills}. If your team already has a workflow, I am happy to fit in.",
    "Not sure what you need yet? Send a message with a few lines about the project and I will "
    "suggest a scope and a fair estimate.",
]
REVIEW_TEXTS = {
    5: [
        "Outstanding work, delivered early and exactly to the brief.",
        "A pleasure to work with: clear communication and excellent results.",
        "Exceeded expectations. Will hire again for our next project.",
    ],
    4: [
        "Very good work with a couple of small revisions needed.",
        "Solid result and good communication, slightly past the deadline.",
        "Helpful and professional; the result was what we asked for.",
    ],
    3: [
        "Decent work, but it took more back-and-forth than expected.",
        "Okay overall; some parts were great, others needed rework.",
    ],
    2: [
        "The result needed a lot of changes before we could use it.",
        "Communication was slow and the deadline slipped.",
    ],
    1: ["Did not deliver what was agreed.", "Unfortunately the work was not usable."],
}
RATING_WEIGHTS = [(5, 55), (4, 28), (3, 9), (2, 5), (1, 3)]


# Generated freelancers' native languages, and the pairs generated translation services cover.
LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ja", "zh"]


def _pairs(rng: random.Random) -> list[tuple[str, str]]:
    """One to three directions, mostly into English, as translation marketplaces see."""
    pairs = set()
    for _ in range(rng.randint(1, 3)):
        source, target = rng.sample(LANGUAGES, 2)
        if rng.random() < 0.6 and source != "en":
            target = "en"
        pairs.add((source, target))
    return sorted(pairs)


def _batched(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    # Log-uniform: many modest rates, a few expensive specialists.
    value = low * (high / low) ** rng.random()
    return Decimal(round(value)).quantize(Decimal("1.00"))


def _word_rate(rng: random.Random) -> Decimal:
    return Decimal(0.03 * (0.25 / 0.03) ** rng.random()).quantize(Decimal("0.001"))


def _rating(rng: random.Random) -> int:
    return rng.choices([r for r, _ in RATING_WEIGHTS], weights=[w for _, w in RATING_WEIGHTS])[0]


def _sub_ratings(rng: random.Random, rating: int) -> dict[str, int]:
    """Stars per writing aspect, each near the overall rating (clients rate them together)."""
    return {aspect.key: max(1, min(5, rating + rng.choice([-1, 0, 0, 0, 1]))) for aspect in ASPECTS}


def _reputation(ratings: list[int], sub_ratings: Sequence[dict[str, int]] = ()) -> dict:
    """The stored reputation fields for these ratings (and each review's sub-ratings, empty
    where not rated), as reviews.reputation computes them."""
    aspects = {}
    for aspect in ASPECTS:
        stars = [rated[aspect.key] for rated in sub_ratings if aspect.key in rated]
        aspects[aspect.count_field] = len(stars)
        aspects[aspect.average_field] = stored_average(sum(stars), len(stars))
    if not ratings:
        return {"review_count": 0, "rating_average": None, "rating_score": PRIOR_MEAN, **aspects}
    return {
        "review_count": len(ratings),
        "rating_average": stored_average(sum(ratings), len(ratings)),
        "rating_score": damped_average(sum(ratings), len(ratings)),
        **aspects,
    }


def generate(*, services: int, seed: int | None = None, progress: bool = True) -> dict[str, int]:
    """Add `services` published services with their freelancers, samples, clients and reviews.

    Ratings are drawn first so that the stored reputation goes in with the rows (no UPDATE
    pass); search vectors are computed set-based at the end. Returns rows created per kind.
    """
    rng = random.Random(seed)
    run = secrets.token_hex(3)
    leaves = list(Category.objects.leaves().select_related("parent"))
    if not leaves:
        raise ValueError("Load the category tree first (manage.py load_demo).")
    skills_by_name = {skill.name: skill for skill in Skill.objects.all()}
    skills_by_top = {
        top: [skills_by_name[name] for name in names if name in skills_by_name]
        for top, names in SKILLS_BY_CATEGORY.items()
    }
    freelancer_count = max(1, services // 4)
    client_count = max(1, services // 20)
    password = make_password(None)
    now = timezone.now()

    # Draw every service's ratings and skill counts up front: owners' totals are known before
    # any insert, and so is the size of every phase, for a progress bar that ends at the end.
    review_counts = rng.choices([0, 1, 2, 3, 5], weights=[35, 25, 20, 12, 8], k=services)
    ratings = [[_rating(rng) for _ in range(n)] for n in review_counts]
    categories = [rng.choice(leaves) for _ in range(services)]
    # Reviews of writing services rate the writing aspects too, as the review form requires.
    sub_ratings = [
        [_sub_ratings(rng, rating) if category.asks_sub_ratings else {} for rating in ratings[i]]
        for i, category in enumerate(categories)
    ]
    ratings_by_owner: list[list[int]] = [[] for _ in range(freelancer_count)]
    sub_ratings_by_owner: list[list[dict[str, int]]] = [[] for _ in range(freelancer_count)]
    for i, service_ratings in enumerate(ratings):
        ratings_by_owner[i % freelancer_count] += service_ratings
        sub_ratings_by_owner[i % freelancer_count] += sub_ratings[i]
    skill_counts = [rng.randint(2, 6) for _ in range(services)]
    reviews_total = sum(review_counts)
    bar = tqdm(
        total=(freelancer_count + client_count)  # users
        + freelancer_count * 2  # profiles, writing samples
        + services  # services
        + sum(skill_counts)  # their skills
        + reviews_total * 2  # engagements, reviews
        + services * VECTOR_WEIGHT,  # search vectors
        unit=" rows",
        unit_scale=True,
        disable=not progress,
        desc="Generating",
    )

    with transaction.atomic():
        _skip_foreign_key_checks()
        # One name per freelancer, used for the display name and the URL name alike.
        names = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(freelancer_count)]
        joined = [
            now - timedelta(days=rng.randint(*MEMBER_SINCE_DAYS)) for _ in range(freelancer_count)
        ]
        users = [
            User(
                username=f"{slugify(f'{first} {last}')}-{run}{i}",
                email=f"freelancer-{run}-{i}@{GENERATED_EMAIL_DOMAIN}",
                password=password,
                date_joined=since,
            )
            for i, ((first, last), since) in enumerate(zip(names, joined, strict=True))
        ]
        users += [
            User(
                username=f"client-{run}{i}",
                email=f"client-{run}-{i}@{GENERATED_EMAIL_DOMAIN}",
                password=password,
                date_joined=now - timedelta(days=rng.randint(*MEMBER_SINCE_DAYS)),
            )
            for i in range(client_count)
        ]
        for chunk in _batched(users):
            bulk_insert(chunk)
            bar.update(len(chunk))
        freelancer_users = users[:freelancer_count]
        client_ids = [user.pk for user in users[freelancer_count:]]

        profiles = []
        for user, owner_ratings, owner_sub_ratings, (first, last), since in zip(
            freelancer_users, ratings_by_owner, sub_ratings_by_owner, names, joined, strict=True
        ):
            city, country = rng.choice(CITIES)
            top = rng.choice(list(SKILLS_BY_CATEGORY))
            reputation = _reputation(owner_ratings, owner_sub_ratings)
            del reputation["rating_score"]
            reputation["completed_engagement_count"] = len(owner_ratings)
            profiles.append(
                Profile(
                    user=user,
                    slug=user.username,
                    display_name=f"{first} {last}",
                    headline=f"{rng.choice(ADJECTIVES).capitalize()} {top.split(' & ')[0].lower()} "
                    f"specialist for {rng.choice(AUDIENCES)}",
                    about=" ".join(rng.sample(PARAGRAPHS, 3)).format(
                        years=rng.randint(2, 20),
                        audience=rng.choice(AUDIENCES),
                        topic=top.lower(),
                        adj=rng.choice(ADJECTIVES),
                        city=city,
                        country=country,
                        skills=", ".join(s.name for s in skills_by_top[top][:4]),
                    ),
                    location=city,
                    country=country,
                    hourly_rate=_money(rng, 8, 180),
                    availability=rng.choice(Availability.values),
                    engagement_preference=rng.choice(EngagementKind.values),
                    member_since=since.date(),
                    created_at=since,
                    updated_at=since,
                    **reputation,
                )
            )
        for chunk in _batched(profiles):
            bulk_insert(chunk)
            bar.update(len(chunk))

        service_rows, service_skills, service_pairs = [], [], []
        bar_services = 0
        for i in range(services):
            owner = profiles[i % len(profiles)]
            category = categories[i]
            top = category.parent.name
            verb = rng.choice(VERBS[top])
            pool = skills_by_top[top] or list(skills_by_name.values())
            chosen = rng.sample(pool, k=min(len(pool), skill_counts[i]))
            title = (
                f"I will {verb} {rng.choice(ADJECTIVES)} {category.name.lower()} "
                f"for {rng.choice(AUDIENCES)}"
            )
            city, country = rng.choice(CITIES)
            description = "\n\n".join(rng.sample(PARAGRAPHS, rng.randint(2, 4))).format(
                years=rng.randint(2, 20),
                audience=rng.choice(AUDIENCES),
                topic=category.name.lower(),
                adj=rng.choice(ADJECTIVES),
                city=city,
                country=country,
                skills=", ".join(skill.name for skill in chosen),
            )
            priced = rng.random()
            # Translation services cover language pairs and price by the word; a few writers
            # elsewhere price by the word too.
            pairs = _pairs(rng) if category.name == "Translation" else []
            per_word = pairs or rng.random() < 0.05
            # Listed within a month of joining: before any engagement (see ENGAGEMENT_DAYS).
            created = owner.created_at + timedelta(
                days=rng.randint(0, SERVICE_AFTER_JOINING_DAYS), hours=rng.randint(0, 23)
            )
            service_rows.append(
                Service(
                    owner=owner,
                    title=title[:120],
                    slug=f"{slugify(title)[:110]}-{run}{i}",
                    category=category,
                    description=description,
                    hourly_rate=_money(rng, 8, 180) if priced < 0.8 else None,
                    starting_price=_money(rng, 15, 3000) if priced > 0.3 else None,
                    engagement=rng.choice(EngagementKind.values),
                    per_word_rate=_word_rate(rng) if per_word else None,
                    words_per_day=rng.choice([1500, 2000, 2500, 3000]) if per_word else None,
                    language_pair_keys=" ".join(f"{s}:{t}" for s, t in pairs),
                    status=ServiceStatus.PUBLISHED,
                    created_at=created,
                    updated_at=created,
                    published_at=created,
                    **_reputation(ratings[i], sub_ratings[i]),
                )
            )
            service_skills.append(chosen)
            service_pairs.append(pairs)
            if len(service_rows) % BATCH == 0 or i == services - 1:
                bar.update(len(service_rows) - bar_services)
                bar_services = len(service_rows)
        # Drawn after the services' own draws, where they always were: the same seed still
        # makes the same data.
        spoken = [
            ProfileLanguage(profile=profile, language=rng.choice(LANGUAGES), level=Level.NATIVE)
            for profile in profiles
        ]
        native_of = {language.profile_id: spaced_codes([language.language]) for language in spoken}
        for service in service_rows:
            service.owner_native_languages = native_of[service.owner_id]
        service_ids = []
        for chunk in _batched(service_rows):
            bulk_insert(chunk)
            service_ids += [s.pk for s in chunk]
        through = Service.skills.through
        links = [
            through(service_id=service_id, skill_id=skill.pk)
            for service_id, skills in zip(service_ids, service_skills, strict=True)
            for skill in skills
        ]
        for chunk in _batched(links, BATCH * 4):
            bulk_insert(chunk)
            bar.update(len(chunk))
        pair_rows = [
            ServiceLanguagePair(
                service_id=service.pk,
                source=source,
                target=target,
                rating_score=service.rating_score,
                review_count=service.review_count,
            )
            for service, pairs in zip(service_rows, service_pairs, strict=True)
            for source, target in pairs
        ]
        for rows in (pair_rows, spoken):
            for chunk in _batched(rows):
                bulk_insert(chunk)

        samples = []
        for profile in profiles:
            title = f"{rng.choice(ADJECTIVES).capitalize()} notes on {rng.choice(AUDIENCES)}"
            samples.append(
                WritingSample(
                    profile=profile,
                    title=title,
                    slug=slugify(title)[:200],
                    body="\n\n".join(rng.sample(PARAGRAPHS, 4)).format(
                        years=rng.randint(2, 20),
                        audience=rng.choice(AUDIENCES),
                        topic="the work",
                        adj=rng.choice(ADJECTIVES),
                        city=profile.location,
                        country=profile.country,
                        skills="research, drafting and editing",
                    ),
                    created_at=profile.created_at,
                    updated_at=profile.created_at,
                )
            )
        for chunk in _batched(samples):
            bulk_insert(chunk)
            bar.update(len(chunk))

        # As on the site, every review follows a completed engagement of its own.
        engagements, review_ratings = [], []
        for service, service_ratings, service_sub_ratings in zip(
            service_rows, ratings, sub_ratings, strict=True
        ):
            for rating, rated_aspects in zip(service_ratings, service_sub_ratings, strict=True):
                completed_at = now - timedelta(
                    days=rng.randint(*ENGAGEMENT_DAYS), hours=rng.randint(0, 23)
                )
                engagements.append(
                    Engagement(
                        client_id=rng.choice(client_ids),
                        service_id=service.pk,
                        freelancer_id=service.owner_id,
                        what=f"I need help with {service.category.name.lower()}.",
                        currency=service.currency,
                        state=EngagementState.COMPLETED,
                        requested_at=completed_at - timedelta(days=12),
                        accepted_at=completed_at - timedelta(days=11),
                        delivered_at=completed_at - timedelta(days=1),
                        completed_at=completed_at,
                        last_activity_at=completed_at,
                    )
                )
                review_ratings.append((rating, rated_aspects))
        for chunk in _batched(engagements):
            bulk_insert(chunk)
            bar.update(len(chunk))
        user_of_profile = {profile.pk: profile.user_id for profile in profiles}
        # Generated reviews are published, as if both sides had reviewed (the bulk data has no
        # reviews of clients; the catalogue shows those).
        reviews = [
            Review(
                engagement_id=engagement.pk,
                service_id=engagement.service_id,
                author_id=engagement.client_id,
                subject_id=user_of_profile[engagement.freelancer_id],
                rating=rating,
                **{aspect.rating_field: rated_aspects.get(aspect.key) for aspect in ASPECTS},
                text=rng.choice(REVIEW_TEXTS[rating]),
                work_completed_on=engagement.completed_at.date(),
                created_at=engagement.completed_at,
                updated_at=engagement.completed_at,
                published_at=engagement.completed_at,
            )
            for engagement, (rating, rated_aspects) in zip(engagements, review_ratings, strict=True)
        ]
        for chunk in _batched(reviews):
            bulk_insert(chunk)
            bar.update(len(chunk))

    _refresh_search_vectors(service_ids, on_done=lambda n: bar.update(n * VECTOR_WEIGHT))
    # Bulk inserts go round the workflows: the categories' stored counts follow here, at once.
    recount_categories()
    catalogue_changed()
    bar.close()
    return {
        "users": len(users),
        "profiles": len(profiles),
        "services": len(service_ids),
        "writing_samples": len(samples),
        "engagements": len(engagements),
        "reviews": len(reviews),
    }


def _refresh_search_vectors(
    service_ids: list[int], *, on_done: Callable[[int], object], workers: int = 2
) -> None:
    """Compute the new services' search vectors, in parallel on PostgreSQL for big batches.

    to_tsvector costs a fraction of a millisecond per service and one UPDATE runs on one core;
    committed rows can be split across connections, in chunks small enough for the progress
    bar (`on_done(services)`) to move. Inside an outer transaction (tests) the rows are not
    visible to other connections, so it stays on this one.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block or len(service_ids) < 10_000:
        refresh_search_vectors(service_ids=service_ids)
        on_done(len(service_ids))
        return

    def work(chunk: list[int]) -> None:
        try:
            refresh_search_vectors(service_ids=chunk)
        finally:
            connection.close()
        on_done(len(chunk))

    size = VECTOR_CHUNK
    chunks = [service_ids[start : start + size] for start in range(0, len(service_ids), size)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(work, chunks))


def _skip_foreign_key_checks() -> None:
    """Let this transaction skip re-checking foreign keys, where the database allows it.

    Every row generated here points at rows just created or read in this transaction, and
    PostgreSQL's deferred checks of those references cost a fifth of a 100,000-service run
    (as pg_restore's --disable-triggers does for the same reason). Needs a superuser; with a
    plain role the checks simply run as usual.
    """
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        pass
