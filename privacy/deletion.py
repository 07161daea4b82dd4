"""Deleting an account, and with it everything that is only the member's: the one workflow
that reaches into every app, so it sits above them all."""

from django.db import transaction

from jobs.caching import job_listings_changed
from marketplace.pagecache import catalogue_changed
from services.counters import recount_categories
from services.models import Service, ServiceStatus


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the user with their profile, services, jobs and the rest, and take their
    published services out of the categories' counts."""
    _delete_counted(user, Service.objects.owned_by(user))
    job_listings_changed()


@transaction.atomic
def delete_profile(*, profile) -> None:
    """Delete a freelancer's profile (staff, in the admin) with its services and samples; the
    account stays, a client's."""
    _delete_counted(profile, Service.objects.filter(owner=profile))


def _delete_counted(row, services) -> None:
    published = services.filter(status=ServiceStatus.PUBLISHED)
    categories = set(published.values_list("category", flat=True))
    row.delete()
    recount_categories(categories)
    catalogue_changed()
