"""The alert run: one email per person, listing what is new for each of their due searches.

"New" for a search is an item published after the search was saved (or its alerts resumed)
that its query matches today and that no alert of this search has listed yet. Each person's
searches are handled in one transaction that locks them (rows another run holds are skipped,
not waited for), records every listed item as a `SentMatch`, moves each search's next alert
on and queues the email in the outbox: two runs at once never send one item twice, and a run
that fails half-way sends nothing and records nothing.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from jobs.filters import JobFilter
from jobs.models import JobPost
from outbox.models import OutgoingEmail
from saved_searches import queries
from saved_searches.models import SavedSearch, SearchKind, SentMatch, unsubscribe_all_url
from services.models import Service

logger = logging.getLogger(__name__)

# Items listed per search in one email; the rest are counted, with a link to all results.
SHOWN_PER_SEARCH = 10
# Items recorded (and counted) per search per run: what piles up beyond waits for next time.
MAX_MATCHES_PER_RUN = 200


@dataclass
class Section:
    """One search's part of an email."""

    search: SavedSearch
    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def send_due_alerts(*, now: datetime | None = None) -> int:
    """Email everyone whose searches are due and have news; the number of emails queued."""
    now = now or timezone.now()
    user_ids = list(
        SavedSearch.objects.due(now)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(1 for user_id in user_ids if alert_user(user_id=user_id, now=now))


@transaction.atomic
def alert_user(*, user_id: int, now: datetime) -> bool:
    """Handle one person's due searches; True if an email was queued."""
    searches = list(
        SavedSearch.objects.due(now)
        .filter(user_id=user_id)
        .select_related("user")
        # Another run holding these rows is alerting this person right now: leave them to it.
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("name", "pk")
    )
    if not searches:
        return False
    sections, sent = [], []
    for search in searches:
        ids = _new_match_ids(search)
        if ids:
            sections.append(Section(search, _items(search, ids[:SHOWN_PER_SEARCH]), len(ids)))
            field = "service_id" if search.kind == SearchKind.SERVICES else "job_id"
            sent.extend(SentMatch(saved_search=search, sent_at=now, **{field: pk}) for pk in ids)
            search.last_alert_at = now
        search.next_alert_at = _next_alert_after(search, now)
    SentMatch.objects.bulk_create(sent)
    SavedSearch.objects.bulk_update(searches, ["next_alert_at", "last_alert_at"])
    if sections:
        _queue_email(searches[0].user, sections)
    return bool(sections)


def _new_match_ids(search: SavedSearch) -> list[int]:
    """Ids of the new items the search's query matches, newest first."""
    kind = search.search_kind
    filter_class = queries.ServiceAlertFilter if kind is queries.SERVICES else JobFilter
    params = queries.as_query_dict(search.query)
    params["sort"] = "newest"  # the order the email lists them in, and no relevance window
    filterset = filter_class(params, queryset=_unsent_new_items(search))
    if not filterset.is_valid():
        # A category or skill it names is gone: the search matches nothing until it is saved anew.
        logger.info("Saved search %s no longer reads: %s", search.pk, filterset.errors)
        return []
    return list(filterset.qs.values_list("pk", flat=True)[:MAX_MATCHES_PER_RUN])


def _unsent_new_items(search: SavedSearch) -> QuerySet:
    already_sent = SentMatch.objects.filter(saved_search=search)
    if search.kind == SearchKind.SERVICES:
        return (
            Service.objects.published()
            .filter(published_at__gt=search.alerts_since)
            .exclude(owner__user_id=search.user_id)
            .exclude(pk__in=already_sent.filter(service__isnull=False).values("service_id"))
        )
    return (
        JobPost.objects.listed()
        .filter(published_at__gt=search.alerts_since)
        .exclude(client_id=search.user_id)
        .exclude(pk__in=already_sent.filter(job__isnull=False).values("job_id"))
    )


def _items(search: SavedSearch, ids: list[int]) -> list:
    if search.kind == SearchKind.SERVICES:
        found = Service.objects.for_cards().in_bulk(ids)
    else:
        found = JobPost.objects.select_related("category").defer("search_vector").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _next_alert_after(search: SavedSearch, now: datetime) -> datetime:
    """The next due time on the search's own rhythm (a daily alert keeps its hour)."""
    due = search.schedule_after(search.next_alert_at)
    if due <= now:
        interval = due - search.next_alert_at
        if not interval:
            return now
        missed = (now - due) // interval + 1
        due += interval * missed
    return due


def _queue_email(user, sections: list[Section]) -> None:
    # One-click unsubscribe (RFC 8058) for mail clients: the one search the email is about,
    # or all of the person's alerts when it lists several.
    if len(sections) == 1:
        unsubscribe = sections[0].search.unsubscribe_url()
    else:
        unsubscribe = unsubscribe_all_url(user.pk)
    context = {
        "recipient": user,
        "sections": sections,
        "count": sum(section.total for section in sections),
        "site_url": settings.SITE_URL,
        "manage_url": settings.SITE_URL + reverse("saved_searches:list"),
        "unsubscribe_all_url": settings.SITE_URL + unsubscribe_all_url(user.pk),
        "SITE_NAME": settings.SITE_NAME,
    }
    subject = render_to_string("saved_searches/email/alert_subject.txt", context)
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("saved_searches/email/alert.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{settings.SITE_URL}{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    email.attach_alternative(
        render_to_string("saved_searches/email/alert.html", context), "text/html"
    )
    OutgoingEmail.objects.queue(email)
