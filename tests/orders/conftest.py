"""The orders tests' world: Elena's news service sold in packages, Sam the client, and the
payments tests' local Stripe."""

import uuid

import pytest

from orders import placing
from services.models import PackageTier
from tests.packages_world import add_packages
from tests.payments.conftest import fund, stripe, stripe_server  # noqa: F401 (fixtures)


@pytest.fixture
def add_ons(service):
    return add_packages(service)


@pytest.fixture
def packaged(service, add_ons):
    return service


@pytest.fixture
def place(packaged, hiring_client):
    """Sam orders a package (Standard with express delivery unless told otherwise)."""

    def order(tier=PackageTier.STANDARD, add_on_ids=None, key=None):
        return placing.place_order(
            service=packaged,
            client=hiring_client,
            tier=tier,
            add_on_ids=add_on_ids if add_on_ids is not None else [],
            request_key=key or uuid.uuid4().hex,
        )

    return order


@pytest.fixture
def paid_order(stripe, place, hiring_client):  # noqa: F811
    order = place()
    fund(stripe, order.milestone, hiring_client)
    order.refresh_from_db()
    order.milestone.refresh_from_db()
    return order
