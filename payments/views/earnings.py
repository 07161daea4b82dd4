"""The freelancer's earnings: pending, available and paid out per currency, the movements
behind them, payout requests and where payouts go."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from marketplace.refusals import Refused
from payments import balances, payouts
from payments.forms import PayoutDetailsForm, PayoutRequestForm
from payments.models import Payout, PayoutDetails
from payments.views.common import answer_refusal, money_destination

MOVEMENTS_PER_PAGE = 25


@login_required
def earnings(request: HttpRequest) -> HttpResponse:
    return _render_earnings(request)


def _render_earnings(request, payout_form=None, status=200) -> HttpResponse:
    user = request.user
    money = balances.balances_of(user)
    page = Paginator(balances.movements_of(user), MOVEMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "balances": money,
        "page": page,
        "payouts": Payout.objects.filter(freelancer=user).prefetch_related("receipts")[:20],
        "details": PayoutDetails.objects.filter(user=user).first(),
        "payout_form": payout_form
        or PayoutRequestForm(currencies=[b.currency for b in money if b.available > 0]),
        "can_request": any(b.available > 0 for b in money),
    }
    return render(request, "payments/earnings.html", context, status=status)


@money_destination
@require_POST
def request_payout(request: HttpRequest) -> HttpResponse:
    form = PayoutRequestForm(request.POST)
    if not form.is_valid():
        return _render_earnings(request, payout_form=form, status=400)
    try:
        payouts.request_payout(
            freelancer=request.user,
            currency=form.cleaned_data["currency"],
            amount=form.cleaned_data["amount"],
        )
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return answer_refusal(_render_earnings(request, payout_form=form), refusal)
    messages.success(request, "Payout requested: staff pay requests within a few working days.")
    return redirect("payments:earnings")


@money_destination
def payout_details(request: HttpRequest) -> HttpResponse:
    details = PayoutDetails.objects.filter(user=request.user).first()
    form = PayoutDetailsForm(request.POST or None, instance=details)
    if request.method == "POST":
        if form.is_valid():
            payouts.save_payout_details(user=request.user, **form.cleaned_data)
            messages.success(request, "Payout details saved.")
            return redirect("payments:earnings")
        return render(request, "payments/payout_details.html", {"form": form}, status=400)
    return render(request, "payments/payout_details.html", {"form": form})
