"""Publishing and pausing a service: what decides whether clients can find it."""

from django.db import transaction
from django.utils import timezone

from services.models import Service, ServiceStatus


@transaction.atomic
def publish_service(*, service: Service) -> Service:
    """List the service in search, categories and the freelancer's profile.

    The first publication is dated: saved-search alerts announce a service once, as new, and
    a service paused and published again is not new.
    """
    service.status = ServiceStatus.PUBLISHED
    if service.published_at is None:
        service.published_at = timezone.now()
    service.save(update_fields=["status", "published_at", "updated_at"])
    return service


@transaction.atomic
def pause_service(*, service: Service) -> Service:
    """Hide the service from everyone but its owner; its address and reviews are kept."""
    service.status = ServiceStatus.PAUSED
    service.save(update_fields=["status", "updated_at"])
    return service
