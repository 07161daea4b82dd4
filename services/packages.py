"""Selling a service in one step: its packages (up to three tiers), add-ons and requirement
questions. Each change locks the service row, so two tabs adding the tenth add-on at once
cannot make eleven, and refreshes what the service's cards show ("Starting at" the cheapest
package, the fastest delivery) in the same transaction.
"""

from http import HTTPStatus

from django.db import transaction
from django.db.models import Min

from marketplace.pagecache import catalogue_changed
from marketplace.refusals import Refused
from services import package_limits as limits
from services.models import (
    PackageTier,
    RequirementQuestion,
    Service,
    ServiceAddOn,
    ServicePackage,
)


class OfferRefused(Refused):
    """A change to a service's packages, add-ons or questions that breaks a limit
    (`too_many`: 409)."""

    statuses = {"too_many": HTTPStatus.CONFLICT}


def save_package(*, service: Service, tier: int, **fields) -> ServicePackage:
    """Create or replace the service's package of this tier."""
    with transaction.atomic():
        locked = _lock(service)
        package, _ = ServicePackage.objects.update_or_create(
            service=locked, tier=PackageTier(tier), defaults=fields
        )
        _refresh_summary(locked)
    return package


def delete_package(*, package: ServicePackage) -> None:
    with transaction.atomic():
        locked = _lock(package.service)
        package.delete()
        _refresh_summary(locked)


def save_add_on(*, service: Service, add_on: ServiceAddOn | None = None, **fields) -> ServiceAddOn:
    """Add an add-on (at most MAX_ADD_ONS) or change one."""
    with transaction.atomic():
        locked = _lock(service)
        if add_on is None:
            if locked.add_ons.count() >= limits.MAX_ADD_ONS:
                raise OfferRefused(
                    f"A service offers at most {limits.MAX_ADD_ONS} add-ons.", code="too_many"
                )
            add_on = ServiceAddOn(service=locked)
        for name, value in fields.items():
            setattr(add_on, name, value)
        add_on.save()
        catalogue_changed()
    return add_on


def delete_add_on(*, add_on: ServiceAddOn) -> None:
    with transaction.atomic():
        _lock(add_on.service)
        add_on.delete()
        catalogue_changed()


def save_question(
    *, service: Service, question: RequirementQuestion | None = None, **fields
) -> RequirementQuestion:
    """Add a requirement question (at most MAX_QUESTIONS) or change one."""
    with transaction.atomic():
        locked = _lock(service)
        if question is None:
            if locked.questions.count() >= limits.MAX_QUESTIONS:
                raise OfferRefused(
                    f"A service asks at most {limits.MAX_QUESTIONS} questions.", code="too_many"
                )
            question = RequirementQuestion(service=locked)
        for name, value in fields.items():
            setattr(question, name, value)
        question.full_clean(exclude=["service"])
        question.save()
        catalogue_changed()
    return question


def delete_question(*, question: RequirementQuestion) -> None:
    with transaction.atomic():
        _lock(question.service)
        question.delete()
        catalogue_changed()


def _lock(service: Service) -> Service:
    return Service.objects.select_for_update(of=("self",)).only("pk").get(pk=service.pk)


def _refresh_summary(service: Service) -> None:
    summary = ServicePackage.objects.filter(service_id=service.pk).aggregate(
        price_from=Min("price"), fastest=Min("delivery_days")
    )
    Service.objects.filter(pk=service.pk).update(
        package_price_from=summary["price_from"], fastest_delivery_days=summary["fastest"]
    )
    catalogue_changed()
