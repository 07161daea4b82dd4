"""A receipt's page and PDF, for the people it concerns and staff."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from payments import receipts
from payments.models import Receipt


def _receipt_for(request: HttpRequest, number: int) -> Receipt:
    return get_object_or_404(Receipt.objects.readable_by(request.user), number=number)


@login_required
def receipt(request: HttpRequest, number: int) -> HttpResponse:
    found = _receipt_for(request, number)
    return render(
        request, "payments/receipt.html", {"receipt": found, "lines": receipts.lines(found)}
    )


@login_required
def receipt_pdf(request: HttpRequest, number: int) -> HttpResponse:
    found = _receipt_for(request, number)
    response = HttpResponse(receipts.render_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{found.display_number}.pdf"'
    return response
