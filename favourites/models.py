from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from jobs.models import JobPost, JobStatus
from profiles.models import Profile
from services.models import Service, ServiceStatus


class Kind(models.TextChoices):
    """What a favourite points at; the value names its field on `Favourite`."""

    SERVICE = "service", "Service"
    PROFILE = "profile", "Freelancer"
    JOB = "job", "Job"


# The model each kind points at: what `kind_of` tells a target by.
TARGET_MODELS: dict[str, type[models.Model]] = {
    Kind.SERVICE: Service,
    Kind.PROFILE: Profile,
    Kind.JOB: JobPost,
}


def kind_of(target: models.Model) -> Kind:
    for kind, model in TARGET_MODELS.items():
        if isinstance(target, model):
            return Kind(kind)
    raise TypeError(f"{type(target).__name__} cannot be a favourite")


class SavedIds:
    """The ids a user has saved, by kind: what every toggle on one page asks about."""

    def __init__(self, rows=()):
        self.ids: dict[str, set[int]] = {kind: set() for kind in Kind.values}
        for kind, target_id in rows:
            self.ids[kind].add(target_id)

    def __contains__(self, target: models.Model) -> bool:
        return target.pk in self.ids[kind_of(target)]


class FavouriteQuerySet(models.QuerySet):
    def of(self, user) -> "FavouriteQuerySet":
        return self.filter(user=user) if user.is_authenticated else self.none()

    def saved_ids(self, user) -> SavedIds:
        """Everything the user saved, as ids by kind, in one query (none when anonymous)."""
        if not user.is_authenticated:
            return SavedIds()
        rows = self.filter(user=user).values_list("service_id", "profile_id", "job_id")
        return SavedIds(
            (kind, target_id)
            for row in rows
            for kind, target_id in zip(Kind.values, row, strict=True)
            if target_id is not None
        )

    def for_list(self) -> "FavouriteQuerySet":
        """What the favourites page and the API show of each target."""
        return self.select_related(
            "service__owner", "service__category", "profile", "job__category"
        ).defer(
            "service__search_vector",
            "service__description",
            "service__owner__about",
            "profile__about",
            "job__search_vector",
            "job__brief",
        )


class Favourite(models.Model):
    """One thing a user saved to their private list: a service, a freelancer or a job.

    One model with three nullable foreign keys rather than a model per kind or a generic
    relation: the list is one query in the order things were saved, each key is a real
    foreign key (a deleted service takes its favourites with it, the database checks every
    id), and the database guarantees exactly one target per row and one row per user and
    target. Nobody but the user ever reads these rows: there is no count anywhere, and no
    page an anonymous visitor gets shows them, so saving never touches the page cache.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    profile = models.ForeignKey(
        Profile, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    job = models.ForeignKey(
        JobPost, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FavouriteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Exactly one target: a row with none (or two) would be a favourite of nothing.
            models.CheckConstraint(
                condition=(
                    Q(service__isnull=False, profile__isnull=True, job__isnull=True)
                    | Q(service__isnull=True, profile__isnull=False, job__isnull=True)
                    | Q(service__isnull=True, profile__isnull=True, job__isnull=False)
                ),
                name="favourite_has_exactly_one_target",
            ),
            # Saving twice (two tabs, a retried request) finds the first row, never a second.
            models.UniqueConstraint(
                fields=["user", "service"],
                condition=Q(service__isnull=False),
                name="favourite_service_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "profile"],
                condition=Q(profile__isnull=False),
                name="favourite_profile_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "job"],
                condition=Q(job__isnull=False),
                name="favourite_job_once_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} saved {self.target}"

    @property
    def kind(self) -> Kind:
        return next(Kind(kind) for kind in Kind.values if getattr(self, f"{kind}_id"))

    @property
    def target(self) -> models.Model:
        return getattr(self, self.kind.value)

    @property
    def title(self) -> str:
        target = self.target
        return target.display_name if self.kind == Kind.PROFILE else target.title

    @property
    def is_available(self) -> bool:
        """Whether the target can still be opened by the user: a paused service or a closed
        job stays on the list, marked, until it comes back or the user removes it. (An open
        invite-only job was visible to the user when they saved it: invitations stay.)"""
        if self.kind == Kind.SERVICE:
            return self.service.status == ServiceStatus.PUBLISHED
        if self.kind == Kind.JOB:
            return self.job.status == JobStatus.OPEN
        return True

    def get_toggle_url(self) -> str:
        return reverse("favourites:toggle", kwargs={"kind": self.kind, "pk": self.target.pk})
