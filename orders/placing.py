"""Buying a package in one step: the server prices the choice from the stored package and
add-ons (never from the browser), then places the order: an engagement accepted at once,
one milestone of the whole price agreed by both sides, and a copy of what was bought. The
client then funds the milestone into escrow (`payments.funding`), and answers the questions.

Placing is idempotent per client and request key (the page's hidden key, the API's
`Idempotency-Key`): the same key again, even twenty times at once, is the same order, because
the key is unique per client in the database and the losers of the race read the winner's.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from engagements.models import Engagement, EngagementState, QuoteBasis
from orders import notifications
from orders.exceptions import OrderRefused
from orders.models import REQUEST_KEY_MAX_LENGTH, Order, OrderAddOn
from payments.planning import MilestoneDraft, agree_single_payment
from services.models import PackageTier, Service, ServiceAddOn, ServicePackage


@dataclass(frozen=True)
class OrderQuote:
    """What a choice costs and takes, computed on the server."""

    service: Service
    package: ServicePackage
    add_ons: tuple[ServiceAddOn, ...]

    @property
    def total(self) -> Decimal:
        return self.package.price + sum((a.price for a in self.add_ons), Decimal(0))

    @property
    def delivery_days(self) -> int:
        return self.package.delivery_days + sum(a.extra_days for a in self.add_ons)

    def delivery_date(self, start: date | None = None) -> date:
        """The due date if the requirements were answered on `start` (today)."""
        return (start or timezone.localdate()) + timedelta(days=self.delivery_days)


def quote(*, service: Service, tier: int, add_on_ids: list[int]) -> OrderQuote:
    """Price a package of this service with some of its add-ons; refused for a tier it does
    not offer or an add-on of another service."""
    if tier not in PackageTier.values:
        raise OrderRefused("Choose one of the service's packages.", code="invalid")
    package = ServicePackage.objects.filter(service=service, tier=tier).first()
    if package is None:
        raise OrderRefused("This service does not offer that package.", code="not_offered")
    wanted = set(add_on_ids)
    add_ons = tuple(ServiceAddOn.objects.filter(service=service, pk__in=wanted))
    if len(add_ons) != len(wanted):
        raise OrderRefused("Choose add-ons this service offers.", code="not_offered")
    return OrderQuote(service=service, package=package, add_ons=add_ons)


def place_order(
    *, service: Service, client, tier: int, add_on_ids: list[int], request_key: str
) -> Order:
    """Place the order (or return the one already placed with this key); the client pays
    it next. Refused for one's own or an unpublished service."""
    if not request_key or len(request_key) > REQUEST_KEY_MAX_LENGTH:
        raise OrderRefused("The order's key is missing or too long.", code="invalid")
    if service.is_owned_by(client):
        raise OrderRefused("You cannot order your own service.", code="own_service")
    if not service.is_published:
        raise OrderRefused("This service is not taking orders.", code="unavailable")
    existing = _placed(client, request_key)
    if existing is not None:
        return _same_order(existing, tier, add_on_ids)
    priced = quote(service=service, tier=tier, add_on_ids=add_on_ids)
    try:
        with transaction.atomic():
            order = _create(priced, client, request_key)
    except IntegrityError:
        # Another request with this key won the race: its order is this one.
        existing = _placed(client, request_key)
        if existing is None:
            raise
        return _same_order(existing, tier, add_on_ids)
    return order


def _create(priced: OrderQuote, client, request_key: str) -> Order:
    service, package = priced.service, priced.package
    now = timezone.now()
    lines = [package.name, *(f"+ {add_on.name}" for add_on in priced.add_ons)]
    # Accepted at once: the package is the freelancer's offer and buying it the client's
    # acceptance, so no "accepted your request" email goes out for it.
    engagement = Engagement.objects.create(
        client=client,
        service=service,
        freelancer=service.owner,
        what=f"Order of the {package.get_tier_display()} package: " + "\n".join(lines),
        currency=service.currency,
        budget=priced.total,
        quoted_amount=priced.total,
        quote_basis=QuoteBasis.FIXED,
        state=EngagementState.ACCEPTED,
        requested_at=now,
        accepted_at=now,
        last_activity_at=now,
    )
    milestone = agree_single_payment(
        engagement=engagement,
        draft=MilestoneDraft(
            title=f"{package.get_tier_display()}: {package.name}"[:120],
            amount=priced.total,
            deliverables="\n".join([package.description, *lines[1:]]),
            revisions_allowed=package.revisions,
        ),
        auto_release_days=settings.ORDER_AUTO_ACCEPT_DAYS,
        # No delivery before the client's answers, which start the clock.
        awaiting_client_brief=True,
    )
    order = Order.objects.create(
        engagement=engagement,
        milestone=milestone,
        service=service,
        client=client,
        request_key=request_key,
        tier=package.tier,
        package_name=package.name,
        package_description=package.description,
        package_price=package.price,
        revisions=package.revisions,
        word_count=package.word_count,
        delivery_days=priced.delivery_days,
        total=priced.total,
        currency=service.currency,
        placed_at=now,
    )
    OrderAddOn.objects.bulk_create(
        OrderAddOn(order=order, name=a.name, price=a.price, extra_days=a.extra_days)
        for a in priced.add_ons
    )
    notifications.placed(order=order)
    return order


def _placed(client, request_key: str) -> Order | None:
    return Order.objects.filter(client=client, request_key=request_key).first()


def _same_order(order: Order, tier: int, add_on_ids: list[int]) -> Order:
    """The key's order, if it is the same choice; a key reused for another is refused."""
    bought = sorted(order.add_ons.values_list("name", flat=True))
    wanted = sorted(
        ServiceAddOn.objects.filter(service_id=order.service_id, pk__in=add_on_ids).values_list(
            "name", flat=True
        )
    )
    if order.tier != tier or bought != wanted:
        raise OrderRefused(
            "This order key was used for another order: start again.", code="key_reused"
        )
    return order
