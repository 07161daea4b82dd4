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

    @property
    def public_name(self) -> str:
        """How reviews sign their author: "Sam O.", else the first name, else the username."""
        if self.first_name and self.last_name:
            return f"{self.first_name} {self.last_name[0]}."
        return self.first_name or self.username
