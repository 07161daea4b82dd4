"""Publishing and pausing a service: what decides whether clients can find it."""

from django.db import transaction

from services.models import Service, ServiceStatus


@transaction.atomic
def publish_service(*, service: Service) -> Service:
    """List the service in search, categories and the freelancer's profile."""
    service.status = ServiceStatus.PUBLISHED
    service.save(update_fields=["status", "updated_at"])
    return service


@transaction.atomic
def pause_service(*, service: Service) -> Service:
    """Hide the service from everyone but its owner; its address and reviews are kept."""
    service.status = ServiceStatus.PAUSED
    service.save(update_fields=["status", "updated_at"])
    return service
