"""Editing a profile and its writing samples: the rows, their skills and their links."""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from marketplace.pagecache import catalogue_changed
from marketplace.slugs import unique_slug
from profiles.models import Profile, ProfileRedirect, Skill, WritingSample

SLUG_MAX_LENGTH = Profile._meta.get_field("slug").max_length


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    display_name: str,
    headline: str,
    about: str,
    location: str,
    country: str,
    hourly_rate: Decimal | None,
    currency: str,
    availability: str,
    engagement_preference: str,
    skill_names: list[str],
) -> Profile:
    """Save the profile's public details and replace its skills (new names become skills).

    The address follows the name: a profile whose slug was not made from this name (a
    sign-up's first slug comes from the email address) gets a new slug from it, and the old
    one is kept as a ProfileRedirect, so that shared links still work. Compared with the slug,
    not the stored name: a model form has already set the new name on `profile`.
    """
    old_slug = profile.slug
    if not _made_from(old_slug, display_name):
        profile.slug = unique_slug(
            display_name, Profile.objects.exclude(pk=profile.pk), max_length=SLUG_MAX_LENGTH
        )
    profile.display_name = display_name
    profile.headline = headline
    profile.about = about
    profile.location = location
    profile.country = country
    profile.hourly_rate = hourly_rate
    profile.currency = currency
    profile.availability = availability
    profile.engagement_preference = engagement_preference
    # Only these columns: the reputation figures are written by reviews.reputation.
    profile.save(
        update_fields=[
            "slug",
            "display_name",
            "headline",
            "about",
            "location",
            "country",
            "hourly_rate",
            "currency",
            "availability",
            "engagement_preference",
            "updated_at",
        ]
    )
    profile.skills.set(Skill.objects.from_names(skill_names))
    if profile.slug != old_slug:
        # The new slug may have been someone's old one: it now names this profile.
        ProfileRedirect.objects.filter(old_slug=profile.slug).delete()
        ProfileRedirect.objects.update_or_create(old_slug=old_slug, defaults={"profile": profile})
    catalogue_changed()
    return profile


def _made_from(slug: str, name: str) -> bool:
    """Whether `slug` is `name` slugified, with or without the number that told it apart."""
    base = slugify(name)[:SLUG_MAX_LENGTH].strip("-") or "item"
    return re.fullmatch(rf"{re.escape(base)}(-\d+)?", slug) is not None


def _own_services(profile: Profile, services: Iterable) -> list:
    """Only the author's services can show their samples, whatever the caller passed."""
    ids = [service.pk for service in services]
    return list(profile.services.filter(pk__in=ids))


@transaction.atomic
def create_writing_sample(
    *,
    profile: Profile,
    title: str,
    body: str,
    original_url: str = "",
    published_on: datetime.date | None = None,
    services: Iterable = (),
) -> WritingSample:
    """A new sample with a slug unique among the author's samples, shown on `services`."""
    sample = WritingSample.objects.create(
        profile=profile,
        title=title,
        slug=unique_slug(title, profile.writing_samples.all(), max_length=200),
        body=body,
        original_url=original_url,
        published_on=published_on,
    )
    sample.services.set(_own_services(profile, services))
    catalogue_changed()
    return sample


@transaction.atomic
def edit_writing_sample(
    *,
    sample: WritingSample,
    title: str,
    body: str,
    original_url: str = "",
    published_on: datetime.date | None = None,
    services: Iterable = (),
) -> WritingSample:
    """Save the sample's text and links; its slug (and so its URL) never changes."""
    sample.title = title
    sample.body = body
    sample.original_url = original_url
    sample.published_on = published_on
    sample.save(update_fields=["title", "body", "original_url", "published_on", "updated_at"])
    sample.services.set(_own_services(sample.profile, services))
    catalogue_changed()
    return sample


@transaction.atomic
def delete_writing_sample(*, sample: WritingSample) -> None:
    sample.delete()
    catalogue_changed()
