"""The demo's packages and orders: a dozen catalogue services across categories sell
packages (writing ones with word counts), add-ons and questions, and the demo client has an
order of each kind of state: waiting for payment, waiting for the answers, in progress,
delivered, revision requested, completed, late, and cancelled with a full refund.

Payments are demo payments (`Processor.DEMO`, never at Stripe) and every step goes through
the same workflows as the pages. The engagements' dates are fixed afterwards, like the
catalogue's, so that two loads give the same rows; loading again changes nothing.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo import seed
from engagements.models import Engagement
from orders import lateness, placing, requirements
from orders.models import Order
from orders.requirements import Answer
from payments import delivery, funding, settlement
from services import packages
from services.models import PackageTier, QuestionKind, Service
from services.package_limits import MAX_PACKAGE_REVISIONS

PLACED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
SERVICES = 12
TIERS = (
    (PackageTier.BASIC, "Essential", Decimal("1"), 3, 1, 500),
    (PackageTier.STANDARD, "Complete", Decimal("1.8"), 5, 2, 1000),
    (PackageTier.PREMIUM, "Premium", Decimal("3.2"), 7, 3, 2000),
)
# The demo client's orders: (key, the state they are left in).
ORDERS = [
    "awaiting_payment",
    "awaiting_requirements",
    "in_progress",
    "delivered",
    "revision",
    "completed",
    "late",
    "cancelled",
]


def _writing(service: Service) -> bool:
    return service.category.asks_sub_ratings


def _offer(service: Service) -> None:
    base = service.starting_price or service.hourly_rate or Decimal("40")
    writing = _writing(service)
    for tier, name, factor, days, revisions, words in TIERS:
        packages.save_package(
            service=service,
            tier=tier,
            name=f"{words:,} words" if writing else name,
            description=f"{name}: {service.title[:200]}",
            price=(base * factor).quantize(Decimal("1")),
            delivery_days=days,
            revisions=min(revisions, MAX_PACKAGE_REVISIONS),
            word_count=words if writing else None,
        )
    packages.save_add_on(
        service=service, name="Delivery in 24 hours", price=Decimal("20"), extra_days=0
    )
    packages.save_add_on(
        service=service,
        name="Proofreading by a second editor" if writing else "An extra round of changes",
        price=Decimal("15"),
        extra_days=1,
    )
    packages.save_question(service=service, text="What is it about, and who reads it?")
    packages.save_question(
        service=service,
        text="Which tone?",
        kind=QuestionKind.CHOICE,
        options="Formal\nFriendly\nPlayful",
    )


def load_demo_orders() -> int:
    """Load the demo's packages and orders; returns how many orders were created."""
    client = User.objects.get(email=seed.CLIENT.email)
    if Order.objects.filter(client=client, request_key__startswith="demo-").exists():
        return 0
    chosen = list(
        Service.objects.published()
        .exclude(slug=seed.SEED_SERVICE_SLUG)
        .exclude(owner__user=client)
        .exclude(owner__user__email=seed.FREELANCER.email)  # the demo escrow's balances stay
        .filter(starting_price__isnull=False)
        .select_related("category__parent", "owner__user")
        .order_by("category__parent__position", "category__position", "slug")
    )
    # Across categories: in turn from each top-level category.
    groups: dict[int, list[Service]] = {}
    for service in chosen:
        groups.setdefault(service.category.parent_id or service.category_id, []).append(service)
    spread = []
    while any(groups.values()):
        for group in groups.values():
            if group:
                spread.append(group.pop(0))
    chosen = spread[:SERVICES]
    with transaction.atomic():
        for service in chosen:
            _offer(service)
        for index, state in enumerate(ORDERS):
            _order(chosen[index % len(chosen)], client, state, index)
    return len(ORDERS)


def _order(service: Service, client, state: str, index: int) -> Order:
    freelancer = service.owner.user
    order = placing.place_order(
        service=service,
        client=client,
        tier=PackageTier.STANDARD,
        add_on_ids=list(service.add_ons.values_list("pk", flat=True)[:1]),
        request_key=f"demo-{state}",
    )
    if state != "awaiting_payment":
        funding.record_demo_payment(milestone=order.milestone)
    if state not in ("awaiting_payment", "awaiting_requirements"):
        questions = list(service.questions.all())
        order = requirements.submit_requirements(
            order=Order.objects.get(pk=order.pk),
            by=client,
            answers=[
                Answer(questions[0], text="A feature for our readers, who know the subject."),
                Answer(questions[1], text="Friendly"),
            ],
        )
    milestone = order.milestone
    if state in ("delivered", "revision", "completed"):
        delivery.submit_work(
            milestone=milestone, by=freelancer, message="The work is attached below.", files=[]
        )
    if state == "revision":
        delivery.request_changes(milestone=milestone, by=client, note="A shorter opening, please.")
    if state == "completed":
        settlement.release(milestone=milestone, by=client)
    placed = PLACED_AT + timedelta(hours=index)
    if state in ("late", "cancelled"):
        Order.objects.filter(pk=order.pk).update(due_at=timezone.now() - timedelta(days=1))
        lateness.mark_late_orders()
    if state == "cancelled":
        lateness.cancel_late_order(order=Order.objects.get(pk=order.pk), by=client)
    _fix_dates(order, placed)
    return order


def _fix_dates(order: Order, placed: datetime) -> None:
    """The engagement's dates, fixed like the catalogue's (the money moves and the order's
    clock are dated at the load, so an order in progress is not already late)."""
    engagement = Engagement.objects.get(pk=order.engagement_id)
    finished = placed + timedelta(days=4)
    Engagement.objects.filter(pk=engagement.pk).update(
        requested_at=placed,
        accepted_at=placed,
        last_activity_at=placed,
        delivered_at=finished if engagement.delivered_at else None,
        completed_at=finished if engagement.completed_at else None,
        cancelled_at=finished if engagement.cancelled_at else None,
    )
