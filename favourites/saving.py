"""Saving and removing favourites: the rules the pages and the API share.

Who may save what: any signed-in user saves published services and freelancers; jobs are for
freelancers (a client has no use for other clients' jobs), and only jobs they may find.
Saving is idempotent (a second save finds the first row) and so is removing.
"""

from http import HTTPStatus

from django.db import IntegrityError, models, transaction
from django.http import Http404

from favourites.models import Favourite, Kind, kind_of
from jobs.models import JobPost
from marketplace.refusals import Refused
from profiles.models import Profile
from services.models import Service


class FavouriteRefused(Refused):
    """`not_freelancer`: only freelancers save jobs."""

    statuses = {"not_freelancer": HTTPStatus.FORBIDDEN}


def savable_targets(user, kind: str) -> models.QuerySet:
    """What the user may save of one kind; anything else looks like nothing (a 404)."""
    if kind == Kind.SERVICE:
        return Service.objects.published()
    if kind == Kind.PROFILE:
        return Profile.objects.all()
    if kind == Kind.JOB:
        return JobPost.objects.findable_by(user)
    raise Http404("No such kind of favourite.")


def get_savable_target(user, kind: str, **lookup) -> models.Model:
    """The target to save (by `pk=`, or `slug=` for services and freelancers), or Http404
    when it does not exist or the user may not see it."""
    targets = savable_targets(user, kind)
    try:
        return targets.get(**lookup)
    except targets.model.DoesNotExist as exc:
        raise Http404(f"No such {Kind(kind).label.lower()}.") from exc


def check_may_save(user, kind: str) -> None:
    if kind == Kind.JOB and Profile.objects.of(user) is None:
        raise FavouriteRefused(
            "Only freelancers save jobs: set up a freelancer profile first.",
            code="not_freelancer",
        )


# Rounds of "find it, or create it" against concurrent saves and removals of one favourite.
_SAVE_ATTEMPTS = 3


def save_favourite(*, user, target: models.Model) -> tuple[Favourite, bool]:
    """The user's favourite of `target`, and whether it is new (False when already saved).

    A concurrent save's row wins the unique constraint and this finds it; a removal at the
    same moment (a double click) may delete that row before it is read, and then this saves
    it again. Either way the caller gets a row that existed when this returned.
    """
    kind = kind_of(target)
    check_may_save(user, kind)
    lookup = {"user": user, kind.value: target}
    for _ in range(_SAVE_ATTEMPTS - 1):
        try:
            # A savepoint: a lost race leaves the caller's transaction usable.
            with transaction.atomic():
                return Favourite.objects.get_or_create(**lookup)
        except IntegrityError:
            continue  # neither its own row nor the winner's: removed meanwhile
    with transaction.atomic():
        return Favourite.objects.get_or_create(**lookup)


def remove_favourite(*, user, kind: str, pk: int) -> bool:
    """Remove the user's favourite of one target, whatever its state now (a paused service
    can still be removed); False when there was none."""
    if kind not in Kind.values:
        raise Http404("No such kind of favourite.")
    deleted, _ = Favourite.objects.filter(user=user, **{f"{kind}_id": pk}).delete()
    return bool(deleted)
