"""Creating and editing a service: the row, its skills, its slug history and search text."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from marketplace.pagecache import catalogue_changed
from marketplace.slugs import unique_slug
from profiles.languages import native_languages_text
from profiles.models import Profile, Skill
from services.counters import recount_categories
from services.models import (
    Category,
    Service,
    ServiceLanguagePair,
    ServiceRedirect,
    ServiceStatus,
)
from services.tasks import refresh_search_vectors

SLUG_MAX_LENGTH = 140
# What the freelancer edits (with the skills); reputation, status and search text have their
# own workflows.
EDITABLE_FIELDS = (
    "title",
    "category",
    "description",
    "hourly_rate",
    "starting_price",
    "currency",
    "engagement",
    "per_word_rate",
    "minimum_charge",
    "words_per_day",
)
# Two people saving the same title at once can both pick the same free slug; retry a little.
_SLUG_ATTEMPTS = 3


def _refresh_search_text(service: Service) -> None:
    # After the commit, by a worker: the vector joins skills and categories, a few ms per row.
    refresh_search_vectors.delay_on_commit([service.pk])


def _set_language_pairs(service: Service, keys: list[str] | None) -> bool:
    """Store the pairs ("de:en") the service covers (None: keep them); whether they changed."""
    if keys is None:
        return False
    wanted = {tuple(key.split(":", 1)) for key in keys}
    stored = set(service.language_pairs.values_list("source", "target"))
    if wanted == stored:
        return False
    service.language_pairs.exclude(
        pk__in=[
            pk
            for pk, source, target in service.language_pairs.values_list("pk", "source", "target")
            if (source, target) in wanted
        ]
    ).delete()
    # With the service's "best rated" keys, which reviews.reputation keeps after.
    ServiceLanguagePair.objects.bulk_create(
        ServiceLanguagePair(
            service=service,
            source=source,
            target=target,
            rating_score=service.rating_score,
            review_count=service.review_count,
        )
        for source, target in sorted(wanted - stored)
    )
    service.language_pair_keys = " ".join(f"{source}:{target}" for source, target in sorted(wanted))
    service.save(update_fields=["language_pair_keys"])
    return True


def _save_with_unique_slug(service: Service, **save_kwargs) -> None:
    for attempt in range(_SLUG_ATTEMPTS):
        service.slug = unique_slug(
            service.title,
            Service.objects.exclude(pk=service.pk),
            max_length=SLUG_MAX_LENGTH,
        )
        try:
            with transaction.atomic():
                service.save(**save_kwargs)
            return
        except IntegrityError:
            if attempt == _SLUG_ATTEMPTS - 1:
                raise


@transaction.atomic
def create_service(
    *,
    owner: Profile,
    title: str,
    category: Category,
    description: str,
    hourly_rate: Decimal | None,
    starting_price: Decimal | None,
    currency: str,
    engagement: str,
    skill_names: list[str],
    per_word_rate: Decimal | None = None,
    minimum_charge: Decimal | None = None,
    words_per_day: int | None = None,
    language_pairs: list[str] | None = None,
) -> Service:
    """A new draft service with a unique slug from its title; its search text follows."""
    # The owner's row lock: a native language added or removed meanwhile (profiles.languages)
    # waits, and then rewrites this service's copy of them too.
    Profile.objects.select_for_update().filter(pk=owner.pk).first()
    service = Service(
        owner=owner,
        owner_native_languages=native_languages_text(owner),
        title=title,
        category=category,
        description=description,
        hourly_rate=hourly_rate,
        starting_price=starting_price,
        currency=currency,
        engagement=engagement,
        per_word_rate=per_word_rate,
        minimum_charge=minimum_charge,
        words_per_day=words_per_day,
    )
    _save_with_unique_slug(service)
    service.skills.set(Skill.objects.from_names(skill_names))
    _set_language_pairs(service, language_pairs)
    # Staff may add a service already published (the admin); a draft counts nowhere yet.
    if service.status == ServiceStatus.PUBLISHED:
        recount_categories({service.category_id})
    _refresh_search_text(service)
    catalogue_changed()
    return service


@transaction.atomic
def edit_service(
    *,
    service: Service,
    title: str,
    category: Category,
    description: str,
    hourly_rate: Decimal | None,
    starting_price: Decimal | None,
    currency: str,
    engagement: str,
    skill_names: list[str],
    per_word_rate: Decimal | None = None,
    minimum_charge: Decimal | None = None,
    words_per_day: int | None = None,
    language_pairs: list[str] | None = None,
) -> Service:
    """Save the service's details, skills and language pairs (None: as they are), and keep
    its search text current.

    The slug stays as it is unless the new title slugifies differently; then the service
    gets a new slug and the old one is kept as a ServiceRedirect, so shared links still work.
    """
    stored = Service.objects.select_for_update().get(pk=service.pk)
    stored_skills = set(stored.skills.values_list("pk", flat=True))
    service.title = title
    service.category = category
    service.description = description
    service.hourly_rate = hourly_rate
    service.starting_price = starting_price
    service.currency = currency
    service.engagement = engagement
    service.per_word_rate = per_word_rate
    service.minimum_charge = minimum_charge
    service.words_per_day = words_per_day
    # Only these columns: reputation and the search vector are written by their own modules.
    fields = [*EDITABLE_FIELDS, "updated_at"]
    if slugify(title) == slugify(stored.title):
        service.slug = stored.slug
        service.save(update_fields=fields)
    else:
        _save_with_unique_slug(service, update_fields=[*fields, "slug"])
        if service.slug != stored.slug:
            # A rename back reclaims its old address; otherwise the latest holder of an
            # address is the one it redirects to.
            ServiceRedirect.objects.filter(old_slug=service.slug).delete()
            ServiceRedirect.objects.update_or_create(
                old_slug=stored.slug, defaults={"service": service}
            )
    skills = Skill.objects.from_names(skill_names)
    service.skills.set(skills)
    # New pairs copy the locked row's reputation: the caller's copy may predate a review, and
    # a review published now waits for this transaction.
    service.rating_score, service.review_count = stored.rating_score, stored.review_count
    pairs_changed = _set_language_pairs(service, language_pairs)
    # A published service counts in its category, in all, per skill and per language pair: a
    # move recounts the category it really left (the locked row's), a change of skills or
    # pairs its own.
    moved = stored.category_id != service.category_id
    if stored.status == ServiceStatus.PUBLISHED and (
        moved or pairs_changed or stored_skills != {skill.pk for skill in skills}
    ):
        recount_categories({stored.category_id, service.category_id})
    _refresh_search_text(service)
    catalogue_changed()
    return service
