"""Deleting a freelancer's profile in the admin, and with it everything it counted in: the one
workflow here that reaches into several apps, so it sits above them. (A member's own account
deletion is an erasure: `accounts.erasure`.)"""

from django.db import transaction

from marketplace.pagecache import catalogue_changed
from services.counters import recount_categories
from services.models import Service, ServiceStatus


@transaction.atomic
def delete_profile(*, profile) -> None:
    """Delete a freelancer's profile (staff, in the admin) with its services and samples; the
    account stays, a client's."""
    published = Service.objects.filter(owner=profile, status=ServiceStatus.PUBLISHED)
    categories = set(published.values_list("category", flat=True))
    profile.delete()
    recount_categories(categories)
    catalogue_changed()
