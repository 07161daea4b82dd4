"""The demo marketplace's curated catalogue, from the hand-written files in data/catalogue/.

Freelancers (with services, writing samples and the reviews their services received), named
clients and a few open engagements. Every date is fixed in the files and every picture is drawn
from the person's name (demo.pictures), so a load gives the same rows on SQLite and PostgreSQL,
run after run; everything is keyed by email or slug, so loading again changes nothing.
"""

import datetime
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from demo import pictures, seed
from engagements.models import REVIEW_WINDOW, Engagement, EngagementState, QuoteBasis
from engagements.transitions import refresh_completed_counts
from languages.levels import Level
from languages.names import code_for
from profiles.languages import native_languages_text
from profiles.models import LanguagePair, Profile, ProfileLanguage, Skill, WritingSample
from ratings.aspects import ASPECTS, SUB_RATING_MAX, SUB_RATING_MIN
from reviews.models import Review, ReviewDirection
from reviews.reputation import refresh_client_reputation, refresh_reputation
from services.counters import recount_categories
from services.models import Category, Service, ServiceLanguagePair, ServiceStatus
from services.search import refresh_search_vectors

CATALOGUE_DIR = Path(__file__).parent / "data" / "catalogue"
EMAIL_DOMAIN = "catalogue.example"
UTC = datetime.UTC

# How a completed engagement unfolds before the date the files give as `completed`.
REQUESTED_BEFORE = datetime.timedelta(days=16)
ACCEPTED_BEFORE = datetime.timedelta(days=15)
DELIVERED_BEFORE = datetime.timedelta(days=2)
REVIEWED_AFTER = datetime.timedelta(days=1)
# When a catalogue review has the freelancer's review of the client too, the freelancer wrote
# it a day after the client: the moment both were published (double-blind).
CLIENT_REVIEWED_AFTER = datetime.timedelta(days=2)
RESPONDED_AFTER = datetime.timedelta(days=2)
# A freelancer lists their services in the first weeks after joining.
SERVICE_LISTED_AFTER = datetime.timedelta(days=3)
# The seed page's own date: its freelancer joined and published that day.
SEED_DAY = datetime.date(2022, 12, 30)


class CatalogueError(ValueError):
    """The files contradict themselves (a review before its author joined, an unknown client)."""


@dataclass(frozen=True)
class Catalogue:
    clients: dict[str, dict]
    freelancers: list[dict]
    open_engagements: list[dict]
    awaiting_reviews: list[dict] = field(default_factory=list)


def read_catalogue() -> Catalogue:
    clients_file = tomllib.loads((CATALOGUE_DIR / "clients.toml").read_text())
    freelancers = []
    for path in sorted(CATALOGUE_DIR.glob("*.toml")):
        if path.name != "clients.toml":
            freelancers.extend(tomllib.loads(path.read_text())["freelancer"])
    return Catalogue(
        clients=clients_file["client"],
        freelancers=freelancers,
        open_engagements=clients_file.get("open", []),
        awaiting_reviews=clients_file.get("awaiting_review", []),
    )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=UTC)


def slug_of(freelancer: dict) -> str:
    return slugify(freelancer["name"])


def _user(*, email: str, username: str, first: str, last: str, joined: datetime.date) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": username, "first_name": first, "last_name": last}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    User.objects.filter(pk=user.pk).update(
        username=username, first_name=first, last_name=last, date_joined=_at(joined, 9)
    )
    user.refresh_from_db()
    return user


def _store(name: str, content: bytes) -> str:
    """Write the file under exactly `name`, replacing any older copy, so the row never changes."""
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(content))
    return name


def _pictures(profile: Profile) -> None:
    """An avatar, and no banner: like most freelancers, the catalogue's upload none, so their
    cards show each service's generated cover (services.covers)."""
    stem = f"demo/{profile.slug}"
    names = {"avatar": f"avatars/{stem}.png", "avatar_thumbnail": f"avatars/{stem}-small.png"}
    present = all(
        getattr(profile, field).name == name and default_storage.exists(name)
        for field, name in names.items()
    )
    if present and not profile.banner:
        return
    large, small = pictures.avatar(profile.display_name)
    profile.avatar.name = _store(names["avatar"], large)
    profile.avatar_thumbnail.name = _store(names["avatar_thumbnail"], small)
    profile.banner.name = ""
    Profile.objects.filter(pk=profile.pk).update(
        avatar=profile.avatar.name, avatar_thumbnail=profile.avatar_thumbnail.name, banner=""
    )


def _skills(names: Iterable[str]) -> list[Skill]:
    return Skill.objects.from_names(sorted(set(names)))


def _about(freelancer: dict) -> str:
    languages = freelancer["languages"]
    spoken = (
        languages[0] if len(languages) == 1 else ", ".join(languages[:-1]) + " and " + languages[-1]
    )
    return f"{freelancer['bio'].strip()}\n\nLanguages: {spoken}."


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _languages(profile: Profile, freelancer: dict) -> None:
    """The first of `languages` is native, the others C1 (CLDR names ISO 639-1 languages
    only: one without a two-letter code, such as Filipino, is left out); then `pairs`."""
    codes = [code for code in map(code_for, freelancer.get("languages", [])) if code]
    profile.languages.exclude(language__in=codes).delete()
    for index, code in enumerate(codes):
        ProfileLanguage.objects.update_or_create(
            profile=profile,
            language=code,
            defaults={"level": Level.NATIVE if index == 0 else Level.C1},
        )
    pairs = [(pair["source"], pair["target"]) for pair in freelancer.get("pairs", [])]
    profile.language_pairs.exclude(
        pk__in=[
            pair.pk for pair in profile.language_pairs.all() if (pair.source, pair.target) in pairs
        ]
    ).delete()
    for pair in freelancer.get("pairs", []):
        LanguagePair.objects.update_or_create(
            profile=profile,
            source=pair["source"],
            target=pair["target"],
            defaults={"subjects": pair.get("subjects", [])},
        )


def _service_pairs(service: Service, keys: list[str]) -> None:
    """The service's pair rows, as services.editing keeps them (the counts follow at the end
    of the load)."""
    service.language_pairs.all().delete()
    ServiceLanguagePair.objects.bulk_create(
        ServiceLanguagePair(service=service, source=source, target=target)
        for source, target in (key.split(":") for key in sorted(keys))
    )


def _check(catalogue: Catalogue, categories: dict[str, Category]) -> None:
    """Refuse files whose dates or references could not be true, saying what is wrong."""
    problems = []
    slugs = [slug_of(f) for f in catalogue.freelancers]
    if len(set(slugs)) != len(slugs):
        problems.append("two freelancers share a name")
    for freelancer in catalogue.freelancers:
        name = freelancer["name"]
        if freelancer.get("slug", slug_of(freelancer)) != slug_of(freelancer):
            problems.append(f"{name}: slug does not match the name")
        rates = [Decimal(s["hourly_rate"]) for s in freelancer["service"] if "hourly_rate" in s]
        if rates and not min(rates) <= Decimal(freelancer["rate"]) <= max(rates):
            problems.append(f"{name}: rate outside their services' rates")
        offered = {f"{pair['source']}:{pair['target']}" for pair in freelancer.get("pairs", [])}
        for service in freelancer["service"]:
            if service["category"] not in categories:
                problems.append(f"{name}: unknown category {service['category']}")
            problems.extend(
                f"{name}: {key} is not one of their pairs"
                for key in service.get("pairs", [])
                if key not in offered
            )
            for review in service.get("review", []):
                client = catalogue.clients.get(review["client"])
                requested = review["completed"] - REQUESTED_BEFORE
                if client is None:
                    problems.append(f"{name}: unknown client {review['client']}")
                elif requested <= client["joined"]:
                    problems.append(f"{name}: {review['client']} reviews before joining")
                if requested <= freelancer["member_since"] + SERVICE_LISTED_AFTER * 2:
                    problems.append(f"{name}: reviewed before their service was listed")
                category = categories.get(service["category"])
                problems.extend(
                    f"{name}: {review['client']}'s review {problem}"
                    for problem in _sub_rating_problems(
                        review.get("sub_ratings", {}),
                        required=bool(category and category.asks_sub_ratings),
                    )
                )
    if problems:
        raise CatalogueError("; ".join(problems))


def _sub_rating_problems(sub_ratings: dict, *, required: bool) -> list[str]:
    """What is wrong with a review's `sub_ratings` table (as the review form would refuse)."""
    keys = [aspect.key for aspect in ASPECTS]
    problems = [f"rates an unknown aspect {key}" for key in sub_ratings if key not in keys]
    problems += [
        f"rates {key} outside {SUB_RATING_MIN} to {SUB_RATING_MAX}"
        for key, stars in sub_ratings.items()
        if not (isinstance(stars, int) and SUB_RATING_MIN <= stars <= SUB_RATING_MAX)
    ]
    if required:
        problems += [
            f"does not rate {key} (a writing category)" for key in keys if key not in sub_ratings
        ]
    return problems


@transaction.atomic
def load_catalogue() -> dict[str, int]:
    """Create or update every row the files describe; return how many of each there are."""
    catalogue = read_catalogue()
    categories = {c.name: c for c in Category.objects.select_related("parent")}
    _check(catalogue, categories)

    clients = {
        key: _user(
            email=f"{slugify(c['first_name'])}.{slugify(c['last_name'])}@{EMAIL_DOMAIN}",
            username=slugify(f"{c['first_name']} {c['last_name']}"),
            first=c["first_name"],
            last=c["last_name"],
            joined=c["joined"],
        )
        for key, c in catalogue.clients.items()
    }
    clients["sam"] = User.objects.get(email=seed.CLIENT.email)

    service_ids, profile_ids = [], []
    services_of: dict[str, list[Service]] = {}
    counts = {"freelancers": 0, "services": 0, "samples": 0, "reviews": 0}
    for freelancer in catalogue.freelancers:
        slug = slug_of(freelancer)
        first, _, last = freelancer["name"].partition(" ")
        user = _user(
            email=f"{slug}@{EMAIL_DOMAIN}",
            username=slug,
            first=first,
            last=last,
            joined=freelancer["member_since"],
        )
        profile, _ = Profile.objects.update_or_create(
            user=user,
            defaults={
                "slug": slug,
                "display_name": freelancer["name"],
                "headline": freelancer["headline"],
                "about": _about(freelancer),
                "location": freelancer["location"],
                "country": freelancer["country"],
                "hourly_rate": Decimal(freelancer["rate"]),
                "currency": freelancer["currency"],
                "availability": freelancer["availability"],
                "engagement_preference": freelancer["engagement"],
                "member_since": freelancer["member_since"],
            },
        )
        joined = _at(freelancer["member_since"], 9)
        _pictures(profile)
        _languages(profile, freelancer)
        native_languages = native_languages_text(profile)

        services = []
        all_skills = list(freelancer["skills"])
        for index, entry in enumerate(freelancer["service"]):
            listed = joined + SERVICE_LISTED_AFTER * (index + 1)
            service, _ = Service.objects.update_or_create(
                slug=slugify(entry["title"]),
                defaults={
                    "owner": profile,
                    "title": entry["title"],
                    "category": categories[entry["category"]],
                    "description": entry["description"].strip(),
                    "hourly_rate": Decimal(entry["hourly_rate"]),
                    "starting_price": Decimal(entry["starting_price"]),
                    "currency": freelancer["currency"],
                    "engagement": entry["engagement"],
                    "status": ServiceStatus.PUBLISHED,
                    "per_word_rate": _amount(entry.get("per_word_rate")),
                    "minimum_charge": _amount(entry.get("minimum_charge")),
                    "words_per_day": entry.get("words_per_day"),
                    "language_pair_keys": " ".join(sorted(entry.get("pairs", []))),
                    "owner_native_languages": native_languages,
                },
            )
            _service_pairs(service, entry.get("pairs", []))
            Service.objects.filter(pk=service.pk).update(
                created_at=listed, updated_at=listed, published_at=listed
            )
            service.skills.set(_skills(entry["skills"]))
            all_skills.extend(entry["skills"])
            services.append(service)
            counts["reviews"] += _load_reviews(service, entry.get("review", []), clients)
        profile.skills.set(_skills(all_skills))
        Profile.objects.filter(pk=profile.pk).update(created_at=joined, updated_at=joined)

        for sample in freelancer.get("sample", []):
            written, _ = WritingSample.objects.update_or_create(
                profile=profile,
                slug=slugify(sample["title"]),
                defaults={
                    "title": sample["title"],
                    "body": sample["body"].strip(),
                    "original_url": "",
                    "published_on": sample["published_on"],
                },
            )
            stamp = _at(sample["published_on"], 12)
            WritingSample.objects.filter(pk=written.pk).update(created_at=stamp, updated_at=stamp)
            written.services.set(services[:1])
            counts["samples"] += 1

        services_of[slug] = services
        service_ids += [s.pk for s in services]
        profile_ids.append(profile.pk)
        counts["freelancers"] += 1
        counts["services"] += len(services)

    for entry in catalogue.open_engagements:
        _load_open_engagement(entry, services_of, clients)
    for entry in catalogue.awaiting_reviews:
        _load_awaiting_review(entry, services_of, clients)
        counts["reviews"] += 1

    refresh_reputation(service_ids=service_ids)
    refresh_client_reputation(user_ids=[client.pk for client in clients.values()])
    refresh_completed_counts(profile_ids=profile_ids)
    refresh_search_vectors(service_ids=service_ids)
    recount_categories()
    _fix_seed_dates()
    counts["clients"] = len(clients)
    return counts


def _fix_seed_dates() -> None:
    """The demo accounts and the seed service get fixed dates too, like everything else."""
    for account, day in (
        (seed.FREELANCER, SEED_DAY),
        (seed.CLIENT, datetime.date(2024, 1, 2)),
        (seed.STAFF, datetime.date(2022, 6, 1)),
    ):
        User.objects.filter(email=account.email).update(date_joined=_at(day, 9))
    stamp = _at(SEED_DAY, 12)
    Profile.objects.filter(user__email=seed.FREELANCER.email).update(
        created_at=stamp, updated_at=stamp
    )
    Service.objects.filter(slug=seed.SEED_SERVICE_SLUG).update(
        created_at=stamp, updated_at=stamp, published_at=stamp
    )
    WritingSample.objects.filter(profile__user__email=seed.FREELANCER.email).update(
        created_at=stamp, updated_at=stamp
    )


def _load_reviews(service: Service, reviews: list[dict], clients: dict[str, User]) -> int:
    for entry in reviews:
        completed = _at(entry["completed"], 16)
        requested = completed - REQUESTED_BEFORE
        engagement, _ = Engagement.objects.update_or_create(
            service=service,
            client=clients[entry["client"]],
            requested_at=requested,
            defaults={
                "freelancer": service.owner,
                "what": f"Work on “{service.title}”, as agreed in messages.",
                "currency": service.currency,
                "quoted_amount": service.starting_price,
                "quote_basis": QuoteBasis.FIXED,
                "state": EngagementState.COMPLETED,
                "accepted_at": completed - ACCEPTED_BEFORE,
                "delivered_at": completed - DELIVERED_BEFORE,
                "completed_at": completed,
                "last_activity_at": completed,
            },
        )
        reviewed = completed + REVIEWED_AFTER
        of_client = entry.get("client_review")
        # Double-blind: both reviews appear when the second is in; a lone one when the review
        # window closes (the periodic task publishes it, if that is still to come).
        published = completed + (CLIENT_REVIEWED_AFTER if of_client else REVIEW_WINDOW)
        published = published if published <= timezone.now() else None
        response = entry.get("response", "")
        review, _ = Review.objects.update_or_create(
            engagement=engagement,
            direction=ReviewDirection.OF_FREELANCER,
            defaults={
                "service": service,
                "author": engagement.client,
                "subject": service.owner.user,
                "rating": entry["rating"],
                **{
                    aspect.rating_field: entry.get("sub_ratings", {}).get(aspect.key)
                    for aspect in ASPECTS
                },
                "text": entry["text"].strip(),
                "work_completed_on": entry["completed"],
                "published_at": published,
                "response": response,
                "responded_at": completed + RESPONDED_AFTER if response else None,
            },
        )
        changed = completed + RESPONDED_AFTER if response else reviewed
        Review.objects.filter(pk=review.pk).update(created_at=reviewed, updated_at=changed)
        if of_client:
            _load_review_of_client(engagement, of_client, at=completed + CLIENT_REVIEWED_AFTER)
    return len(reviews)


def _load_review_of_client(
    engagement: Engagement, entry: dict, *, at: datetime.datetime, published: bool = True
) -> Review:
    review, _ = Review.objects.update_or_create(
        engagement=engagement,
        direction=ReviewDirection.OF_CLIENT,
        defaults={
            "service": None,
            "author": engagement.freelancer.user,
            "subject": engagement.client,
            "rating": entry["rating"],
            "text": entry["text"].strip(),
            "work_completed_on": timezone.localdate(engagement.completed_at),
            "published_at": at if published else None,
        },
    )
    Review.objects.filter(pk=review.pk).update(created_at=at, updated_at=at)
    return review


def _load_awaiting_review(
    entry: dict, services_of: dict[str, list[Service]], clients: dict[str, User]
) -> None:
    """A recent completed engagement whose freelancer has reviewed the client, who has not:
    the freelancer's review waits, hidden (double-blind). Dated from today, at fixed hours, so
    that its window is open whenever the demo is loaded."""
    service = services_of[entry["freelancer"]][entry["service"] - 1]
    today = timezone.localdate()
    completed = _at(today - datetime.timedelta(days=entry["completed_days_ago"]), 16)
    engagement, _ = Engagement.objects.update_or_create(
        service=service,
        client=clients[entry["client"]],
        what=entry["what"],
        defaults={
            "freelancer": service.owner,
            "currency": service.currency,
            "budget": Decimal(entry["budget"]),
            "quoted_amount": Decimal(entry["budget"]),
            "quote_basis": QuoteBasis.FIXED,
            "state": EngagementState.COMPLETED,
            "requested_at": completed - REQUESTED_BEFORE,
            "accepted_at": completed - ACCEPTED_BEFORE,
            "delivered_at": completed - DELIVERED_BEFORE,
            "completed_at": completed,
            "last_activity_at": completed + REVIEWED_AFTER,
        },
    )
    _load_review_of_client(
        engagement, entry["freelancer_review"], at=completed + REVIEWED_AFTER, published=False
    )


def _load_open_engagement(
    entry: dict, services_of: dict[str, list[Service]], clients: dict[str, User]
) -> None:
    service = services_of[entry["freelancer"]][entry["service"] - 1]
    requested = _at(entry["requested"], 10)
    accepted = entry["state"] == EngagementState.ACCEPTED
    Engagement.objects.update_or_create(
        service=service,
        client=clients[entry["client"]],
        requested_at=requested,
        defaults={
            "freelancer": service.owner,
            "what": entry["what"],
            "budget": Decimal(entry["budget"]),
            "currency": service.currency,
            "state": entry["state"],
            "quoted_amount": Decimal(entry["quoted_amount"]) if accepted else None,
            "quote_basis": QuoteBasis.FIXED if accepted else "",
            "accepted_at": requested + datetime.timedelta(days=1) if accepted else None,
            "last_activity_at": requested + datetime.timedelta(days=1 if accepted else 0),
        },
    )
