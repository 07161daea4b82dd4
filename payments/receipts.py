"""Receipts: numbered without gaps, written once, with a page and a PDF.

`issue()` runs inside the transaction of the movement it records and locks the one counter
row last (after everything else the movement locks), so receipts are numbered in the order
their movements commit, a movement that rolls back leaves no hole, and the lock is held only
for the moment between issuing and committing.
"""

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from ledger.models import Transaction
from money.formatting import format_money
from payments.models import Milestone, Payout, Receipt, ReceiptCounter, ReceiptKind

FONT = "DejaVuSans"
FONTS = Path(__file__).resolve().parent / "fonts"


def issue(
    *,
    kind: str,
    posted: Transaction,
    amount: Decimal,
    description: str,
    fee: Decimal = Decimal(0),
    milestone: Milestone | None = None,
    payout: Payout | None = None,
    engagement=None,
) -> Receipt:
    """The receipt of a movement (the same one again if the movement was posted before).

    It concerns a milestone's two sides, a payout's freelancer, or (for another escrowed item
    of an engagement, such as an hourly week) `engagement`'s two sides."""
    existing = Receipt.objects.filter(transaction=posted).first()
    if existing:
        return existing
    client = freelancer = None
    client_name = freelancer_name = ""
    if milestone is not None:
        engagement = milestone.engagement
    if engagement is not None:
        client, freelancer = engagement.client, engagement.freelancer.user
        client_name, freelancer_name = engagement.client_name(), engagement.freelancer.display_name
    if payout is not None:
        freelancer = payout.freelancer
        freelancer_name = payout.account_holder
    return Receipt.objects.create(
        number=_next_number(),
        kind=kind,
        transaction=posted,
        milestone=milestone,
        payout=payout,
        client=client if kind != ReceiptKind.PAYOUT else None,
        freelancer=freelancer,
        currency=posted.currency,
        amount=amount,
        fee=fee,
        description=description[:300],
        client_name=client_name,
        freelancer_name=freelancer_name,
    )


def _next_number() -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A receipt is issued inside its movement's transaction.")
    counter = _locked_counter()
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _locked_counter() -> ReceiptCounter:
    counter = ReceiptCounter.objects.select_for_update().filter(pk=1).first()
    if counter:
        return counter
    try:
        with transaction.atomic():
            ReceiptCounter.objects.create(pk=1)
    except IntegrityError:  # created a moment ago by a concurrent movement
        pass
    return ReceiptCounter.objects.select_for_update().get(pk=1)


def lines(receipt: Receipt) -> list[tuple[str, str]]:
    """What the receipt says, as (label, value) rows: the page and the PDF show the same."""
    money = lambda amount: format_money(amount, receipt.currency)  # noqa: E731
    rows = [
        ("Receipt", receipt.display_number),
        ("Date", receipt.issued_at.strftime("%d %B %Y, %H:%M UTC")),
        ("For", receipt.get_kind_display()),
        ("About", receipt.description),
    ]
    if receipt.client_name:
        rows.append(("Client", receipt.client_name))
    if receipt.freelancer_name:
        rows.append(("Freelancer", receipt.freelancer_name))
    if receipt.kind == ReceiptKind.RELEASE:
        rows += [
            ("Released", money(receipt.amount)),
            ("Platform fee", money(receipt.fee)),
            ("To the freelancer's balance", money(receipt.net)),
        ]
    else:
        rows.append(("Amount", money(receipt.amount)))
    return rows


def render_pdf(receipt: Receipt) -> bytes:
    """The receipt as a one-page PDF (fpdf2: pure Python), in DejaVu Sans, vendored beside
    this module: its glyphs cover the Latin, Greek and Cyrillic scripts and every currency
    sign the site offers, where the PDF core fonts knew Latin-1 only and wrote "?" for the
    rest of a name."""
    from fpdf import FPDF  # only the PDF view needs it

    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_title(f"{settings.SITE_NAME} receipt {receipt.display_number}")
    pdf.set_author(settings.SITE_NAME)
    pdf.set_creation_date(receipt.issued_at)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 12, settings.SITE_NAME, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 12)
    pdf.cell(0, 8, "Receipt", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for label, value in lines(receipt):
        pdf.set_font(FONT, "B", 11)
        pdf.cell(60, 8, label)
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(0, 8, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, f"{settings.SITE_URL}{receipt.get_absolute_url()}")
    return bytes(pdf.output())
