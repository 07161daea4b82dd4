from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person with an account: a client, a freelancer (has a Profile), or staff.

    Email is the sign-in identifier; the username doubles as the public profile slug.
    """

    email = models.EmailField("email address", unique=True)

    REQUIRED_FIELDS = ["email"]

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def is_freelancer(self) -> bool:
        return hasattr(self, "profile")
