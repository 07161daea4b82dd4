"""Usernames for people who sign up with an email address only.

The username doubles as the public profile slug (/freelancers/<username>/), so it is a slug,
unique among usernames and among profile slugs, and it never shows the whole email address.
"""

from django.utils.text import slugify

from accounts.models import User
from profiles.models import Profile

USERNAME_BASE_LENGTH = 30


def unique_username_for(email: str) -> str:
    """ "Elena.Marsh+work@example.com" → "elena-marsh-work" (or "-2", "-3" ... when taken)."""
    local_part = email.rsplit("@", 1)[0]
    for separator in "._+":
        local_part = local_part.replace(separator, "-")
    base = slugify(local_part)[:USERNAME_BASE_LENGTH].strip("-") or "member"
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    taken |= set(Profile.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
