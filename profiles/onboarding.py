"""Becoming a freelancer: a user with an account gets a public profile."""

from django.contrib.auth.models import AbstractUser
from django.db import IntegrityError, transaction

from marketplace.pagecache import catalogue_changed
from marketplace.slugs import unique_slug
from profiles.models import Profile


def display_name_for(user: AbstractUser) -> str:
    """The user's full name, or a readable form of the username ("elena-marsh" → "Elena Marsh")."""
    full_name = user.get_full_name().strip()
    if full_name:
        return full_name[:100]
    return user.username.replace("-", " ").replace("_", " ").strip().title()[:100] or "Freelancer"


def become_freelancer(*, user: AbstractUser) -> Profile:
    """The user's profile, created on first call with a unique slug taken from the username.

    Safe to call twice (a double-clicked button): the second call returns the first profile.
    """
    existing = Profile.objects.of(user)
    if existing:
        return existing
    try:
        with transaction.atomic():
            profile = Profile.objects.create(
                user=user,
                slug=unique_slug(user.username, Profile.objects.all(), max_length=150),
                display_name=display_name_for(user),
            )
    except IntegrityError:
        # A concurrent request created it (one profile per user) or took the slug first.
        existing = Profile.objects.of(user)
        if existing is None:
            raise
        return existing
    catalogue_changed()
    # The cached reverse relation would otherwise still say "not a freelancer".
    user.profile = profile
    return profile
