"""Saving a search, changing it, and pausing or resuming its alerts."""

from datetime import datetime
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from marketplace.refusals import Refused
from saved_searches.models import MAX_SAVED_SEARCHES, Frequency, SavedSearch
from saved_searches.queries import Query


class SavedSearchRefused(Refused):
    """`too_many`: the user already keeps MAX_SAVED_SEARCHES searches; `duplicate`: the user
    saved this very search already (`existing` is that one)."""

    statuses = {"too_many": HTTPStatus.CONFLICT, "duplicate": HTTPStatus.CONFLICT}

    def __init__(self, message: str, *, code: str, existing: "SavedSearch | None" = None):
        super().__init__(message, code=code)
        self.existing = existing


@transaction.atomic
def save_search(
    *, user, kind: str, query: Query, name: str, frequency: str = Frequency.DAILY
) -> SavedSearch:
    """Keep the search; its alerts list what is published from now on."""
    # The user's row is the lock that keeps two concurrent saves from passing the limit, or
    # from both saving one search (the constraint is the guarantee, this the friendly answer).
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = SavedSearch.objects.filter(user=user, kind=kind, query=query).first()
    if existing is not None:
        raise SavedSearchRefused(
            f"You saved this search already, as “{existing.name}”.",
            code="duplicate",
            existing=existing,
        )
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchRefused(
            f"You keep {MAX_SAVED_SEARCHES} saved searches already: delete one to save another.",
            code="too_many",
        )
    now = timezone.now()
    search = SavedSearch(
        user=user,
        kind=kind,
        query=query,
        name=name,
        frequency=frequency,
        created_at=now,
        alerts_since=now,
    )
    search.next_alert_at = search.schedule_after(now)
    search.save()
    return search


@transaction.atomic
def change_saved_search(
    *, search: SavedSearch, name: str | None = None, frequency: str | None = None
) -> SavedSearch:
    """Rename it or change how often it alerts (counted from its last alert)."""
    if name is not None:
        search.name = name
    if frequency is not None and frequency != search.frequency:
        search.frequency = frequency
        search.next_alert_at = search.schedule_after(search.last_alert_at or search.alerts_since)
    search.save(update_fields=["name", "frequency", "next_alert_at"])
    return search


@transaction.atomic
def pause_alerts(*, search: SavedSearch, now: datetime | None = None) -> SavedSearch:
    """No more emails for this search (the email's unsubscribe link does this too)."""
    if search.paused_at is None:
        search.paused_at = now or timezone.now()
        search.save(update_fields=["paused_at"])
    return search


@transaction.atomic
def resume_alerts(*, search: SavedSearch) -> SavedSearch:
    """Alerts again, for what is published from now on: nothing that came out meanwhile."""
    if search.paused_at is not None:
        now = timezone.now()
        search.paused_at = None
        search.alerts_since = now
        search.next_alert_at = search.schedule_after(now)
        search.save(update_fields=["paused_at", "alerts_since", "next_alert_at"])
    return search
