"""A service sold in packages, for the packages and orders tests: Elena's news service with
three tiers (word counts: it is a writing service), two add-ons and three questions."""

from decimal import Decimal

from services import packages
from services.models import PackageTier, QuestionKind


def add_packages(service):
    packages.save_package(
        service=service,
        tier=PackageTier.BASIC,
        name="500-word article",
        description="One article, researched and edited.",
        price=Decimal("50.00"),
        delivery_days=3,
        revisions=1,
        word_count=500,
    )
    packages.save_package(
        service=service,
        tier=PackageTier.STANDARD,
        name="1,000-word article",
        description="A longer article with two interviews.",
        price=Decimal("90.00"),
        delivery_days=5,
        revisions=2,
        word_count=1000,
    )
    packages.save_package(
        service=service,
        tier=PackageTier.PREMIUM,
        name="2,000-word feature",
        description="A feature with sources and photos.",
        price=Decimal("160.00"),
        delivery_days=7,
        revisions=3,
        word_count=2000,
    )
    express = packages.save_add_on(
        service=service, name="Delivery in 24 hours", price=Decimal("20.00"), extra_days=0
    )
    proofreading = packages.save_add_on(
        service=service,
        name="Proofreading by a second editor",
        price=Decimal("15.00"),
        extra_days=1,
    )
    packages.save_question(
        service=service, text="What is the topic?", kind=QuestionKind.TEXT, required=True
    )
    packages.save_question(
        service=service,
        text="Which tone?",
        kind=QuestionKind.CHOICE,
        options="Formal\nFriendly",
        required=True,
    )
    packages.save_question(
        service=service, text="Your brand guide", kind=QuestionKind.FILE, required=False
    )
    service.refresh_from_db()
    return {"express": express, "proofreading": proofreading}
