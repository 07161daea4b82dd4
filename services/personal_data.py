"""A freelancer's services in their data export and their erasure."""

from marketplace.pagecache import catalogue_changed
from marketplace.personal_data import ExportPart, eraser, exporter
from services.deletion import delete_service, history_of
from services.models import Service
from services.publishing import pause_service

SERVICE_FIELDS = [
    "title",
    "slug",
    "category__name",
    "description",
    "hourly_rate",
    "starting_price",
    "currency",
    "engagement",
    "status",
    "created_at",
    "published_at",
]


@exporter("services")
def export_services(user) -> ExportPart:
    return ExportPart(
        records=list(Service.objects.filter(owner__user=user).values(*SERVICE_FIELDS))
    )


@eraser("services", order=20)
def erase_services(user) -> list:
    """Services nobody hired through go; the others stay for their clients, hidden and
    without their description."""
    for service in Service.objects.filter(owner__user=user):
        if history_of(service):
            pause_service(service=service)
            Service.objects.filter(pk=service.pk).update(description="")
        else:
            delete_service(service=service)
    # Public pages name the person (reviews they wrote, their profile): none cached before the
    # erasure may be served after it. Erasures empty rows with update(), which no signal sees.
    catalogue_changed()
    return []
