"""The demo shows an hourly contract with a few weeks: paid, disputed, in review, and this
week's timesheet open; all in books that reconcile, with no Stripe at all."""

import pytest
from django.core.management import call_command

from demo import seed
from ledger.models import Transaction
from payments.reconciliation import reconcile
from timesheets.models import Contract, Week
from timesheets.reconciliation import weeks_with_escrow

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_hourly_contract_with_paid_disputed_and_reviewed_weeks(client, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_API_BASE = ""
    call_command("load_demo", verbosity=0)
    contract = Contract.objects.get()
    assert contract.is_started and contract.has_card
    assert sorted(Week.objects.values_list("state", flat=True)) == [
        "disputed",
        "in_review",
        "released",
    ]
    assert reconcile() == [] and weeks_with_escrow() == []
    assert client.login(email=seed.CLIENT.email, password=seed.CLIENT.password)
    text = client.get(contract.get_absolute_url()).content.decode()
    assert "In review" in text and "In dispute" in text and "Paid" in text
    moves = Transaction.objects.count()
    call_command("load_demo", verbosity=0)
    assert Transaction.objects.count() == moves
