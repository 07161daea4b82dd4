import hashlib

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from marketplace.personal_data import FORMER_MEMBER
from uploads.storage import private_storage


class User(AbstractUser):
    """A person with an account: a client, a freelancer (has a Profile), or staff.

    Email is the sign-in identifier; the username doubles as the public profile slug.
    """

    email = models.EmailField("email address", unique=True)
    # Set when the person deleted their account: the row stays, emptied of them, because
    # reviews, engagements and the audit trail others rely on point at it (accounts/erasure.py).
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    REQUIRED_FIELDS = ["email"]

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def is_freelancer(self) -> bool:
        return hasattr(self, "profile")

    @property
    def shown_name(self) -> str:
        """How the other side of an engagement or job names them: the full name, else the
        username; "Former member" once the account is deleted."""
        if self.erased_at:
            return FORMER_MEMBER
        return self.get_full_name() or self.username

    @property
    def first_name_shown(self) -> str:
        """The first name (else the username) where a page shows only that."""
        if self.erased_at:
            return FORMER_MEMBER
        return self.first_name or self.username

    @property
    def public_name(self) -> str:
        """How reviews sign their author: "Sam O.", else the first name, else the username;
        "Former member" once the account is deleted."""
        if self.erased_at:
            return FORMER_MEMBER
        if self.first_name and self.last_name:
            return f"{self.first_name} {self.last_name[0]}."
        return self.first_name or self.username


class ApiTokenQuerySet(models.QuerySet):
    def for_key(self, key: str) -> "ApiTokenQuerySet":
        return self.filter(key_digest=ApiToken.digest(key))


class ApiToken(models.Model):
    """A named key for the REST API (`Authorization: Token <key>`); a user may hold several.

    Only a digest of the key is stored: the key is shown once, when it is made
    (accounts/tokens.py), and cannot be read back from the database.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    # The key's first characters, so that a person can tell their tokens apart.
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest(key: str) -> str:
        # Keys are 160 random bits: a fast hash is enough, no salt or stretching needed.
        return hashlib.sha256(key.encode()).hexdigest()


def _export_path(export: "DataExport", filename: str) -> str:
    return f"exports/{export.user_id}/{filename}"


class DataExportQuerySet(models.QuerySet):
    def expired(self, now=None) -> "DataExportQuerySet":
        return self.filter(expires_at__lt=now or timezone.now())

    def downloadable(self, now=None) -> "DataExportQuerySet":
        return self.filter(expires_at__gte=now or timezone.now()).exclude(file="")


class DataExport(models.Model):
    """A zip of everything the site holds about a person, built by a task, kept a day."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    requested_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    file = models.FileField(upload_to=_export_path, storage=private_storage, blank=True)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Data export #{self.pk} of user #{self.user_id}"

    @property
    def is_ready(self) -> bool:
        return bool(self.file)

    @property
    def has_expired(self) -> bool:
        return self.expires_at < timezone.now()


# Role changes (staff, superuser, active, groups, permissions), by any path: the admin, a
# shell, createsuperuser. Entries land in the audit trail (audit.Event) as "role changed".
auditlog.register(
    User,
    include_fields=["is_staff", "is_superuser", "is_active"],
    m2m_fields={"groups", "user_permissions"},
)
