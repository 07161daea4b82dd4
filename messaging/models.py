"""Private threads between a client and a freelancer: an engagement's, a job proposal's.

The models here are abstract: each app's row that carries a thread (an Engagement, a Proposal)
subclasses `Thread`, and its messages subclass `ThreadMessage`.
"""

from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone


class Side(models.TextChoices):
    CLIENT = "client", "client"
    FREELANCER = "freelancer", "freelancer"


class ThreadQuerySet(models.QuerySet):
    """Rows that carry a private thread between a client and a freelancer (see `Thread`).

    Subclasses name the path from a row to each side's user; the unread counts and "involving"
    follow from them, so engagements and proposals count unread messages by one rule.
    """

    client_lookup: str = "client"
    freelancer_lookup: str = "freelancer__user"

    def involving(self, user):
        """Rows where the user is the client or the freelancer."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(**{self.client_lookup: user}) | Q(**{self.freelancer_lookup: user}))

    def unread_messages(self, user) -> Count:
        """Count of the other side's messages newer than the user's last visit, per row
        (or in all the rows aggregated)."""
        unread_by_client = Q(**{self.client_lookup: user}) & (
            Q(client_last_read_at__isnull=True)
            | Q(messages__created_at__gt=F("client_last_read_at"))
        )
        unread_by_freelancer = Q(**{self.freelancer_lookup: user}) & (
            Q(freelancer_last_read_at__isnull=True)
            | Q(messages__created_at__gt=F("freelancer_last_read_at"))
        )
        return Count(
            "messages",
            filter=~Q(messages__sender=user) & (unread_by_client | unread_by_freelancer),
        )

    def with_unread_count(self, user):
        """Annotate `unread_count`: the other side's messages newer than the user's last visit.

        One aggregate over the joined messages, so an inbox of any length is one query.
        """
        return self.annotate(unread_count=self.unread_messages(user))


class Thread(models.Model):
    """A private thread between a client and a freelancer, with one read marker per side.

    Engagements and job proposals carry one. `messaging.threads` posts and marks read
    through what a subclass says here: who is on which side, and when the thread is closed.
    Subclasses have a `messages` relation to a `ThreadMessage` and a `ThreadQuerySet` manager.
    """

    # Read markers, one per participant: messages newer than these are unread.
    client_last_read_at = models.DateTimeField(null=True, blank=True)
    freelancer_last_read_at = models.DateTimeField(null=True, blank=True)

    # Fields set to the moment of each new message (an inbox's "newest activity first").
    touched_by_messages: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def client_user_id(self) -> int:
        raise NotImplementedError

    @property
    def freelancer_user_id(self) -> int:
        raise NotImplementedError

    def side_of(self, user) -> Side | None:
        """Which side the user is on, or None for everyone else (staff included)."""
        if not user.is_authenticated:
            return None
        if self.client_user_id == user.pk:
            return Side.CLIENT
        if self.freelancer_user_id == user.pk:
            return Side.FREELANCER
        return None

    def user_on(self, side: Side):
        """The account on that side of the thread."""
        raise NotImplementedError

    def name_of(self, side: Side) -> str:
        raise NotImplementedError

    def thread_topic(self) -> str:
        """What the thread is about, for the emails: a service's or a job's title."""
        raise NotImplementedError

    def thread_closed_reason(self) -> str | None:
        """Why nobody may write in the thread now, or None while it is open."""
        raise NotImplementedError


class ThreadMessage(models.Model):
    """One message in a private thread (see `Thread`); subclasses add the thread and sender."""

    body = models.TextField(max_length=5_000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]
