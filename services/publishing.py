"""Publishing and pausing a service: what decides whether clients can find it."""

from django.db import transaction
from django.utils import timezone

from marketplace.pagecache import catalogue_changed
from services.counters import recount_categories
from services.models import Service, ServiceStatus


@transaction.atomic
def publish_service(*, service: Service) -> Service:
    """List the service in search, categories and the freelancer's profile.

    The first publication is dated: saved-search alerts announce a service once, as new, and
    a service paused and published again is not new.
    """
    return _set_status(service, ServiceStatus.PUBLISHED)


@transaction.atomic
def pause_service(*, service: Service) -> Service:
    """Hide the service from everyone but its owner; its address and reviews are kept."""
    return _set_status(service, ServiceStatus.PAUSED)


def _set_status(service: Service, status: ServiceStatus) -> Service:
    # The stored row, locked: whether the status really changes decides the recount, whatever
    # this copy was loaded with.
    stored = Service.objects.select_for_update().only("status", "category").get(pk=service.pk)
    service.status = status
    fields = ["status", "updated_at"]
    if status == ServiceStatus.PUBLISHED and service.published_at is None:
        service.published_at = timezone.now()
        fields.append("published_at")
    service.save(update_fields=fields)
    if stored.status != status:
        recount_categories({stored.category_id})
    catalogue_changed()
    return service
