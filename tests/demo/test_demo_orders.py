"""The demo sells a dozen services in packages and has orders in every state, in books that
reconcile, with the seed service's "Starting at" unchanged."""

import pytest
from django.core.management import call_command

from demo import seed
from orders.models import Order, OrderStatus
from payments.reconciliation import reconcile
from services.models import Service

pytestmark = pytest.mark.django_db


def test_the_demo_has_packages_and_orders_in_every_state(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_API_BASE = ""  # no Stripe at all
    call_command("load_demo", verbosity=0)
    sold = Service.objects.filter(package_price_from__isnull=False).select_related("category")
    assert sold.count() == 12
    assert sold.order_by().values("category__parent").distinct().count() >= 4
    assert any(s.packages.filter(word_count__isnull=False).exists() for s in sold)
    seed_service = Service.objects.get(slug=seed.SEED_SERVICE_SLUG)
    assert seed_service.package_price_from is None
    assert seed_service.shown_starting_price == seed_service.starting_price
    statuses = {order.status for order in Order.objects.select_related("milestone")}
    assert statuses >= {
        OrderStatus.AWAITING_PAYMENT,
        OrderStatus.AWAITING_REQUIREMENTS,
        OrderStatus.IN_PROGRESS,
        OrderStatus.DELIVERED,
        OrderStatus.REVISION,
        OrderStatus.COMPLETED,
        OrderStatus.CANCELLED,
    }
    assert any(order.is_late() for order in Order.objects.select_related("milestone"))
    assert reconcile(with_stripe=False) == []
    orders = Order.objects.count()
    call_command("load_demo", verbosity=0)
    assert Order.objects.count() == orders
