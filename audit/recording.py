"""The one call that writes the audit trail: `record(actor=..., action=..., target=...)`.

Every security event, staff decision and (with payments) money movement, dispute decision and
payout status change calls it in the same transaction as the change it records, so a change
that rolls back leaves no entry, and an entry never lacks its change:

    from audit.models import Action
    from audit.recording import record

    record(actor=request.user, action=Action.REVIEW_HIDDEN, target=review,
           subject=review.author, request=request, data={"reason": reason})

An app with actions of its own adds them to `audit.models.Action`.
"""

from typing import Any

from auditlog.cid import get_cid
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from audit.addresses import client_address
from audit.models import Action, Event


def record(
    *,
    actor: models.Model | AnonymousUser | None,
    action: Action | str,
    target: models.Model | None = None,
    subject: models.Model | None = None,
    request: HttpRequest | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Append one entry to the trail and return it.

    `actor` did it (None or anonymous: the site itself, or someone not signed in); `target` is
    what it was done to (the actor's own account when omitted); `subject` is the account the
    entry concerns, shown on that person's activity page (the target when it is a user, else
    the actor). `request` gives the address. `data` holds details: ids, amounts, reasons; no
    names or email addresses (an erased account's trail must not keep them).
    """
    if actor is not None and not actor.is_authenticated:
        actor = None
    target = target if target is not None else (subject or actor)
    if target is None:
        raise ValueError("An audit entry needs a target, a subject or an actor.")
    if subject is None:
        subject = target if isinstance(target, get_user_model()) else actor
    return Event.objects.create(
        # auditlog's own kind of entry; ours is `action_name`.
        action=Event.Action.ACCESS,
        action_name=Action(action),
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        object_id=target.pk if isinstance(target.pk, int) else None,
        actor=actor,
        subject=subject,
        remote_addr=client_address(request) if request is not None else None,
        additional_data=data or None,
        cid=get_cid(),
    )
