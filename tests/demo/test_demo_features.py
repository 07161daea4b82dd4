"""The demo shows every part of the marketplace in use, with no Stripe at all, the same on
every load: escrow milestones in every state, an hourly contract's weeks, a dozen services
sold in packages with orders in every state, open jobs with proposals, favourites and saved
searches; all in books that reconcile, with the seed service's "Starting at" unchanged.

One load serves the module (tests/demo/conftest.py); each test reads it.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import seed
from demo.jobs import DEMO_JOBS
from favourites.models import Favourite
from jobs.models import JobPost, Proposal
from ledger.models import Transaction
from orders.models import Order, OrderStatus
from payments import balances
from payments.models import Milestone, Payment, Payout
from payments.reconciliation import reconcile
from saved_searches.models import SavedSearch
from services.models import Service
from timesheets.models import Contract, Week
from timesheets.reconciliation import weeks_with_escrow

pytestmark = pytest.mark.django_db


def test_milestones_are_in_every_state_and_the_books_reconcile(demo, client):
    # The demo engagement's milestones (each demo order has one more).
    demo_engagement = Milestone.objects.filter(order__isnull=True)
    assert sorted(demo_engagement.values_list("state", flat=True)) == [
        "disputed",
        "funded",
        "proposed",
        "refunded",
        "released",
        "submitted",
    ]
    assert set(Payment.objects.values_list("processor", flat=True)) == {"demo"}
    (usd,) = balances.balances_of(Payout.objects.get().freelancer)
    # $300 released less the 10 % fee, $100 of it paid out; three milestones in escrow. The
    # demo's hourly week paid to the freelancer adds $213.75 less its fee ($192.37); its
    # weeks in dispute (19.75 h, $296.25) and in review (10.75 h, $161.25) are pending too.
    assert (usd.available, usd.paid_out, usd.pending) == (
        Decimal("362.37"),
        Decimal("100.00"),
        Decimal("900.00") + Decimal("296.25") + Decimal("161.25"),
    )
    assert reconcile() == []
    assert client.login(email=seed.FREELANCER.email, password=seed.FREELANCER.password)
    assert "$362.37" in client.get(reverse("payments:earnings")).content.decode()


def test_an_hourly_contract_has_paid_disputed_and_reviewed_weeks(demo, client):
    contract = Contract.objects.get()
    assert contract.is_started and contract.has_card
    assert sorted(Week.objects.values_list("state", flat=True)) == [
        "disputed",
        "in_review",
        "released",
    ]
    assert weeks_with_escrow() == []
    assert client.login(email=seed.CLIENT.email, password=seed.CLIENT.password)
    text = client.get(contract.get_absolute_url()).content.decode()
    assert "In review" in text and "In dispute" in text and "Paid" in text


def test_packages_are_sold_with_orders_in_every_state(demo):
    sold = Service.objects.filter(package_price_from__isnull=False).select_related("category")
    assert sold.count() == 12
    assert sold.order_by().values("category__parent").distinct().count() >= 4
    assert any(s.packages.filter(word_count__isnull=False).exists() for s in sold)
    seed_service = Service.objects.get(slug=seed.SEED_SERVICE_SLUG)
    assert seed_service.package_price_from is None
    assert seed_service.shown_starting_price == seed_service.starting_price
    orders = Order.objects.select_related("milestone")
    assert {order.status for order in orders} >= {
        OrderStatus.AWAITING_PAYMENT,
        OrderStatus.AWAITING_REQUIREMENTS,
        OrderStatus.IN_PROGRESS,
        OrderStatus.DELIVERED,
        OrderStatus.REVISION,
        OrderStatus.COMPLETED,
        OrderStatus.CANCELLED,
    }
    assert any(order.is_late() for order in orders)
    assert reconcile(with_stripe=False) == []


def test_a_dozen_jobs_are_open_across_categories_some_with_proposals(demo, client):
    jobs = JobPost.objects.listed()
    assert jobs.count() == len(DEMO_JOBS) == 12
    assert jobs.values("category__parent").distinct().count() >= 6
    assert Proposal.objects.filter(freelancer__slug=seed.FREELANCER.username).count() == 2
    assert all(job.skills.exists() for job in jobs)
    page = client.get(reverse("jobs:list"), {"q": "explainers"}).content.decode()
    assert "Weekly explainers on world affairs" in page


def test_the_demo_accounts_have_favourites_on_their_page(demo, client):
    kinds = {
        (f.user.email, f.kind.value)
        for f in Favourite.objects.select_related("user", "service", "profile", "job")
    }
    assert kinds == {
        (seed.CLIENT.email, "service"),
        (seed.CLIENT.email, "profile"),
        (seed.FREELANCER.email, "job"),
    }
    assert Favourite.objects.count() == 7
    assert client.login(email=seed.CLIENT.email, password=seed.CLIENT.password)
    html = client.get(reverse("favourites:list")).content.decode()
    assert "Services" in html and "Freelancers" in html


def test_the_demo_client_has_saved_searches_that_run(demo, client):
    searches = SavedSearch.objects.filter(user__email=seed.CLIENT.email)
    assert searches.count() == 2
    client.force_login(searches[0].user)
    page = client.get(reverse("saved_searches:list")).content.decode()
    for search in searches:
        assert search.name in page
        assert client.get(search.get_absolute_url()).status_code == 200
    assert SavedSearch.objects.filter(kind="jobs", user__email=seed.FREELANCER.email).exists()


def _features() -> dict:
    """What loading the demo again must leave as it is (test_catalogue.py compares the
    catalogue's rows themselves)."""
    return {
        "movements": Transaction.objects.count(),
        "orders": [
            (order.pk, order.status)
            for order in Order.objects.select_related("milestone").order_by("pk")
        ],
        "favourites": set(
            Favourite.objects.values_list(
                "user__email", "service__slug", "profile__slug", "job__title"
            )
        ),
        "jobs": [
            {k: v for k, v in row.items() if k != "updated_at"}
            for row in JobPost.objects.order_by("pk").values()
        ],
        "proposals": list(Proposal.objects.order_by("pk").values("pk", "job", "price", "status")),
        "saved searches": list(SavedSearch.objects.order_by("pk").values()),
    }


def test_loading_again_changes_no_movement_order_job_favourite_or_saved_search(demo):
    before = _features()
    call_command("load_demo", verbosity=0)
    assert _features() == before
