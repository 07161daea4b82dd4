"""Emails name their recipient and often the other side: an erasure deletes every stored email
to the person, and every email already sent that names them. (An unsent email to someone else
that names them goes out as written, then is pruned with the others after a week.)"""

from django.db.models import Q

from marketplace.personal_data import eraser
from outbox.models import OutgoingEmail


@eraser("emails", order=0)
def erase_emails(user) -> list:
    """Runs first, while the account and profile still carry the email address and names."""
    profile = getattr(user, "profile", None)
    names = [user.email, user.get_full_name(), profile.display_name if profile else ""]
    mentions = Q()
    for name in filter(None, names):
        mentions |= Q(subject__icontains=name) | Q(body__icontains=name) | Q(html__icontains=name)
    OutgoingEmail.objects.filter(mentions, sent_at__isnull=False).delete()
    # `to` is a JSON list; matching it in Python works the same on SQLite and PostgreSQL.
    addressed = [
        pk
        for pk, to in OutgoingEmail.objects.values_list("pk", "to").iterator()
        if any(user.email.lower() in address.lower() for address in to)
    ]
    OutgoingEmail.objects.filter(pk__in=addressed).delete()
    return []
