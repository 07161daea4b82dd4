"""Searches people save, and what their email alerts have already told them.

An alert lists what was published after the search was saved (or resumed) and was not listed
before: `SentMatch` records every item sent for a search, and its unique constraints make
"never the same item twice" a rule of the database, not only of the code (saved_searches.alerting).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from saved_searches import queries

NAME_MAX_LENGTH = 80
# Each search costs a query per alert run: a person's list stays short enough to manage.
MAX_SAVED_SEARCHES = 20


class SearchKind(models.TextChoices):
    SERVICES = queries.SERVICES.value, queries.SERVICES.label
    JOBS = queries.JOBS.value, queries.JOBS.label


class Frequency(models.TextChoices):
    INSTANT = "instant", "As soon as there is something new"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


# How long after one alert the next one is due. "Instant" is every run of the alert task.
INTERVALS = {
    Frequency.INSTANT: timedelta(0),
    Frequency.DAILY: timedelta(days=1),
    Frequency.WEEKLY: timedelta(days=7),
}


class SavedSearchQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()

    def active(self):
        return self.filter(paused_at__isnull=True)

    def due(self, now: datetime):
        """Searches whose next alert is due by `now`, unless paused."""
        return self.active().filter(next_alert_at__lte=now)


class SavedSearch(models.Model):
    """A search (its kind and its page's parameters) that emails its owner what is new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    kind = models.CharField(max_length=10, choices=SearchKind)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    # The results page's parameters, as saved_searches.queries.normalised_query wrote them.
    query = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.DAILY)
    created_at = models.DateTimeField(default=timezone.now)
    # Items published at or before this moment are never sent (saving, or resuming, is "now").
    alerts_since = models.DateTimeField(default=timezone.now)
    next_alert_at = models.DateTimeField(default=timezone.now)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    # Set while alerts are paused (from the dashboard, or the email's unsubscribe link).
    paused_at = models.DateTimeField(null=True, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "saved searches"
        indexes = [
            # The alert task's question: which active searches are due?
            models.Index(
                fields=["next_alert_at"],
                condition=Q(paused_at__isnull=True),
                name="saved_search_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SearchKind.values), name="saved_search_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="saved_search_frequency_known"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="saved_search_has_a_name"),
            # The same search saved twice (a double-submitted form) would alert each new
            # item once per copy. The query is in canonical form (queries.normalised_query).
            models.UniqueConstraint(
                fields=["user", "kind", "query"], name="saved_search_once_per_user"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Its results, run now."""
        return queries.results_url(self.search_kind, self.query)

    @property
    def search_kind(self) -> queries.SearchKind:
        return queries.KINDS[self.kind]

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def schedule_after(self, moment: datetime) -> datetime:
        """When the next alert is due, if the last one was (or would have been) at `moment`."""
        return moment + INTERVALS[Frequency(self.frequency)]

    def unsubscribe_token(self) -> str:
        """The same for every email of the search: its link works until the search is gone."""
        return _unsubscribe_signer(self.pk).sign(str(self.pk))

    def accepts_unsubscribe_token(self, token: str) -> bool:
        """True if `token` was made by `unsubscribe_token()` of this very search."""
        try:
            return _unsubscribe_signer(self.pk).unsign(token) == str(self.pk)
        except signing.BadSignature:
            return False

    def unsubscribe_url(self) -> str:
        return reverse(
            "saved_searches:unsubscribe",
            kwargs={"pk": self.pk, "token": self.unsubscribe_token()},
        )


def _unsubscribe_signer(pk: int) -> signing.Signer:
    # The salt names the search: a link signed for one search cannot unsubscribe another.
    return signing.Signer(salt=f"saved_searches.unsubscribe:{pk}")


def _unsubscribe_all_signer(user_id: int) -> signing.Signer:
    # Another salt: a search's link is never a person's "stop everything" link, nor the reverse.
    return signing.Signer(salt=f"saved_searches.unsubscribe-all:{user_id}")


def unsubscribe_all_url(user_id: int) -> str:
    """The link that pauses every alert of a person: the emails' List-Unsubscribe header."""
    token = _unsubscribe_all_signer(user_id).sign(str(user_id))
    return reverse("saved_searches:unsubscribe_all", kwargs={"user_id": user_id, "token": token})


def accepts_unsubscribe_all_token(user_id: int, token: str) -> bool:
    try:
        return _unsubscribe_all_signer(user_id).unsign(token) == str(user_id)
    except signing.BadSignature:
        return False


class SentMatch(models.Model):
    """A service or job that an alert of this search has listed: never listed again."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="sent_matches"
    )
    service = models.ForeignKey(
        "services.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    job = models.ForeignKey(
        "jobs.JobPost", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "sent matches"
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, job__isnull=True)
                | Q(service__isnull=True, job__isnull=False),
                name="sent_match_service_or_job",
            ),
            models.UniqueConstraint(
                fields=["saved_search", "service"],
                condition=Q(service__isnull=False),
                name="sent_match_service_once",
            ),
            models.UniqueConstraint(
                fields=["saved_search", "job"],
                condition=Q(job__isnull=False),
                name="sent_match_job_once",
            ),
        ]

    def __str__(self):
        return f"{self.service or self.job} → {self.saved_search}"
