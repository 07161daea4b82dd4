"""The engagement workflow: who may move an engagement from which state to which.

    requested --accept (freelancer)--> accepted --deliver (freelancer)--> delivered
    requested --decline (freelancer)--> declined
    delivered --complete (client, or automatically 14 days after delivery)--> completed
    requested --cancel (client)--> cancelled;  accepted --cancel (either side)--> cancelled

Cancelling ends with delivery: once the work is delivered, the client completes it (and may
say what went wrong in a review) instead of walking away with the freelancer's work.

Each transition locks the engagement row (`SELECT ... FOR NO KEY UPDATE`) inside
`transaction.atomic` and re-checks the state on the locked row, so of two concurrent
transitions of one engagement exactly one wins; the other gets `ActionRefused`.

Engagements paid by milestones (an accepted plan of the payments app, reached through its
`milestone_plan` relation): the milestones carry delivery and payment, so "deliver" and
"complete" are not offered; the payments app completes the engagement through
`complete_paid_work()` when its last milestone is settled. Nor can such an engagement be
cancelled once a milestone was funded: its money is settled by release, refund or dispute.

Auto-completion: `complete_overdue()` completes every delivered engagement whose 14 days have
passed. It runs hourly from the `complete_overdue_engagements` management command (or a periodic
task); reading a page or the API never writes. The completion time recorded is the deadline
itself, not the time the job ran, so an hour's delay changes no date anyone sees.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from engagements import notifications
from engagements.exceptions import ActionRefused
from engagements.models import AUTO_COMPLETE_AFTER, Engagement, EngagementState, QuoteBasis
from marketplace.pagecache import catalogue_changed
from messaging.models import Side
from profiles.models import Profile

S = EngagementState


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # the button
    past: str  # "accepted", for messages
    target: EngagementState
    stamp: str  # the timestamp field set on arrival
    sources: dict[Side, frozenset[EngagementState]]


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "accept",
            "Accept",
            "accepted",
            S.ACCEPTED,
            "accepted_at",
            {Side.FREELANCER: frozenset({S.REQUESTED})},
        ),
        Transition(
            "decline",
            "Decline",
            "declined",
            S.DECLINED,
            "declined_at",
            {Side.FREELANCER: frozenset({S.REQUESTED})},
        ),
        Transition(
            "deliver",
            "Mark as delivered",
            "delivered",
            S.DELIVERED,
            "delivered_at",
            {Side.FREELANCER: frozenset({S.ACCEPTED})},
        ),
        Transition(
            "complete",
            "Confirm completion",
            "completed",
            S.COMPLETED,
            "completed_at",
            {Side.CLIENT: frozenset({S.DELIVERED})},
        ),
        Transition(
            "cancel",
            "Cancel",
            "cancelled",
            S.CANCELLED,
            "cancelled_at",
            {
                Side.CLIENT: frozenset({S.REQUESTED, S.ACCEPTED}),
                Side.FREELANCER: frozenset({S.ACCEPTED}),
            },
        ),
    ]
}


def available_transitions(*, engagement: Engagement, user) -> list[Transition]:
    """The transitions this user may make now, in workflow order (for the page's buttons)."""
    side = engagement.side_of(user)
    return [
        t
        for t in TRANSITIONS.values()
        if engagement.state in t.sources.get(side, ())
        and not _paid_by_milestones_refusal(engagement, t.action)
    ]


def _paid_by_milestones_refusal(engagement: Engagement, action: str) -> str | None:
    """Why an engagement paid by milestones does not take this step, if it does not. Reads
    its `milestone_plan` and `milestones` (the payments app's relations): select and prefetch
    them when listing many."""
    if action not in ("deliver", "complete", "cancel"):
        return None
    plan = getattr(engagement, "milestone_plan", None)
    if plan is None or plan.accepted_at is None:
        return None
    if action in ("deliver", "complete"):
        return (
            "This engagement is paid by milestones: it completes when its last milestone "
            "is released."
        )
    if action == "cancel" and any(m.funded_at for m in engagement.milestones.all()):
        return (
            "A milestone of this engagement was funded: settle it (release, refund or "
            "dispute) instead of cancelling."
        )
    return None


def complete_paid_work(*, engagement: Engagement) -> Engagement:
    """The paid work is settled (the last milestone of an engagement paid by milestones, or
    the last week of an ended hourly contract): the work is complete (and delivered, if it
    never was marked so), both sides are told, and reviews open as for any completed
    engagement. Does nothing to an engagement no longer open."""
    with transaction.atomic():
        locked = _lock(engagement.pk)
        if locked.state not in (S.ACCEPTED, S.DELIVERED):
            return locked
        now = timezone.now()
        _arrive(
            locked,
            TRANSITIONS["complete"],
            at=now,
            changes={"delivered_at": locked.delivered_at or now},
        )
        notifications.send_state_changed(engagement=locked, actor_side=None)
    return locked


def cancel_refunded_work(*, engagement: Engagement, side: Side) -> Engagement:
    """An order paid by one milestone is cancelled by `side` with the whole amount refunded
    (a late order, `orders.lateness`): the engagement is cancelled although it was funded,
    because nothing of its money goes to the freelancer. Inside the caller's transaction,
    which refunds the milestone."""
    locked = _lock(engagement.pk)
    if locked.state != S.ACCEPTED:
        raise ActionRefused(
            f"This engagement is {locked.get_state_display().lower()}, so it cannot be "
            "cancelled now.",
            code="wrong_state",
        )
    _arrive(locked, TRANSITIONS["cancel"], at=timezone.now(), changes={"cancelled_by": side})
    notifications.send_state_changed(engagement=locked, actor_side=side)
    return locked


def accept(
    *,
    engagement: Engagement,
    by,
    quoted_amount: Decimal | None = None,
    quote_basis: str = "",
) -> Engagement:
    """The freelancer takes the work on, optionally quoting a fixed price or an hourly rate."""
    if quoted_amount is not None and quoted_amount < 0:
        raise ActionRefused("A quote cannot be negative.", code="invalid")
    if quoted_amount is not None and quote_basis not in QuoteBasis.values:
        quote_basis = QuoteBasis.FIXED
    return _perform(
        "accept",
        engagement=engagement,
        by=by,
        changes={
            "quoted_amount": quoted_amount,
            "quote_basis": quote_basis if quoted_amount is not None else "",
        },
    )


def decline(*, engagement: Engagement, by) -> Engagement:
    return _perform("decline", engagement=engagement, by=by)


def deliver(*, engagement: Engagement, by) -> Engagement:
    return _perform("deliver", engagement=engagement, by=by)


def complete(*, engagement: Engagement, by) -> Engagement:
    return _perform("complete", engagement=engagement, by=by)


def cancel(*, engagement: Engagement, by) -> Engagement:
    return _perform("cancel", engagement=engagement, by=by)


def perform(action: str, *, engagement: Engagement, by, **options) -> Engagement:
    """Dispatch by action name (the page and the API name actions in their URLs)."""
    functions = {
        "accept": accept,
        "decline": decline,
        "deliver": deliver,
        "complete": complete,
        "cancel": cancel,
    }
    if action not in functions:
        raise ActionRefused(f"Unknown action “{action}”.", code="invalid")
    return functions[action](engagement=engagement, by=by, **options)


def complete_overdue(*, engagements=None, now: datetime | None = None) -> int:
    """Complete every delivered engagement past its deadline; returns how many were completed.

    `engagements` narrows the search (an inbox passes the reader's own); each one is then
    completed under its own row lock, so a client confirming at the same moment is harmless.
    """
    now = now or timezone.now()
    queryset = Engagement.objects.all() if engagements is None else engagements
    overdue_ids = list(queryset.overdue(now).order_by().values_list("pk", flat=True))
    completed = 0
    for pk in overdue_ids:
        with transaction.atomic():
            locked = _lock(pk)
            if not locked.is_overdue(now):
                continue
            _arrive(
                locked,
                TRANSITIONS["complete"],
                at=locked.delivered_at + AUTO_COMPLETE_AFTER,
                changes={"completed_automatically": True},
            )
            notifications.send_state_changed(engagement=locked, actor_side=None)
            completed += 1
    return completed


def refresh_completed_counts(*, profile_ids: Iterable[int]) -> None:
    """Recompute `Profile.completed_engagement_count` for these freelancers.

    The profile rows are locked first, so that the recount (a new statement, a new snapshot)
    sees completions committed by concurrent transactions instead of overwriting them.
    """
    profile_ids = sorted(set(profile_ids))
    if not profile_ids:
        return
    with transaction.atomic():
        list(
            Profile.objects.select_for_update(no_key=True)
            .filter(pk__in=profile_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        completed = (
            Engagement.objects.filter(freelancer=OuterRef("pk"), state=S.COMPLETED)
            .order_by()
            .values("freelancer")
            .annotate(n=Count("id"))
            .values("n")[:1]
        )
        Profile.objects.filter(pk__in=profile_ids).update(
            completed_engagement_count=Coalesce(Subquery(completed), 0)
        )
        catalogue_changed()  # profiles show the count; .update() sends no signal


def _perform(action: str, *, engagement: Engagement, by, changes: dict | None = None):
    transition = TRANSITIONS[action]
    with transaction.atomic():
        locked = _lock(engagement.pk)
        side = locked.side_of(by)
        if side is None:
            raise ActionRefused(
                "Only the client and the freelancer of this engagement can change it.",
                code="not_participant",
            )
        if side not in transition.sources:
            (allowed,) = transition.sources
            raise ActionRefused(
                f"Only the {allowed.label} can {transition.label.lower()} here.",
                code="wrong_side",
            )
        if locked.state not in transition.sources[side]:
            raise ActionRefused(
                f"This engagement is {locked.get_state_display().lower()}, so it cannot be "
                f"{transition.past} now.",
                code="wrong_state",
            )
        if reason := _paid_by_milestones_refusal(locked, action):
            raise ActionRefused(reason, code="wrong_state")
        if action == "cancel":
            changes = {**(changes or {}), "cancelled_by": side}
        _arrive(locked, transition, at=timezone.now(), changes=changes)
        notifications.send_state_changed(engagement=locked, actor_side=side)
    return locked


def _lock(pk: int) -> Engagement:
    # NO KEY UPDATE: strong enough to serialise transitions, yet it does not block a review
    # being inserted with a foreign key to this row.
    return (
        Engagement.objects.select_for_update(no_key=True, of=("self",))
        .select_related("service", "client", "freelancer__user")
        .get(pk=pk)
    )


def _arrive(locked: Engagement, transition: Transition, *, at: datetime, changes=None) -> None:
    changes = changes or {}
    locked.state = transition.target
    setattr(locked, transition.stamp, at)
    locked.last_activity_at = timezone.now()
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save(update_fields=["state", transition.stamp, "last_activity_at", *changes.keys()])
    if transition.target == S.COMPLETED:
        refresh_completed_counts(profile_ids=[locked.freelancer_id])
