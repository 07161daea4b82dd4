"""Deleting a service, which its owner may do only while nobody has hired them through it."""

from http import HTTPStatus

from django.db import transaction

from marketplace.pagecache import catalogue_changed
from marketplace.refusals import Refused
from services.counters import recount_categories
from services.models import Service, ServiceStatus


class ServiceHasHistory(Refused):
    """The service has reviews or engagements; deleting it would erase clients' records."""

    status_code = HTTPStatus.CONFLICT

    def __init__(self, history: list[str]):
        self.history = history
        super().__init__(
            f"This service has {', '.join(history)}, so it cannot be deleted. Pause it instead.",
            code="has_history",
        )


def history_of(service: Service) -> list[str]:
    """What deleting the service would erase for other people, in words ([] if nothing)."""
    history = []
    if service.reviews.exists():
        history.append("reviews")
    # Engagements belong to the hiring app; its reverse relation exists once it is installed.
    engagements = getattr(service, "engagements", None)
    if engagements is not None and engagements.exists():
        history.append("client engagements")
    proposals = getattr(service, "proposals", None)  # the jobs app's, likewise
    if proposals is not None and proposals.exists():
        history.append("proposals on clients' jobs")
    return history


@transaction.atomic
def delete_service(*, service: Service) -> None:
    """Delete a service nobody has engaged or reviewed; otherwise raise ServiceHasHistory.

    A reviewed service can be paused, never deleted: deleting it would erase verified reviews
    (and be a cheap way to shed bad ones).
    """
    locked = Service.objects.select_for_update().get(pk=service.pk)
    if history_of(locked):
        raise ServiceHasHistory(history_of(locked))
    remove_service(service=locked)


@transaction.atomic
def remove_service(*, service: Service) -> None:
    """Delete the service whatever its history (staff, in the admin), and take it out of its
    category's counts."""
    was_counted = service.status == ServiceStatus.PUBLISHED
    service.delete()
    if was_counted:
        recount_categories({service.category_id})
    catalogue_changed()
