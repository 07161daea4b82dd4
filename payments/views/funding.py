"""The card form: funding a milestone with Stripe.js, and the page the browser returns to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from marketplace.refusals import Refused
from payments import funding, processor
from payments.access import get_milestone_to_act_on
from payments.exceptions import ProcessorUnavailable
from payments.models import Milestone, Payment, PaymentStatus
from payments.views.common import answer_refusal


@login_required
def fund(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the card form. POST (by the form's script, once Stripe.js saved the card): charge
    it, then go back to the milestone, or authenticate the card (3-D Secure)."""
    milestone = get_milestone_to_act_on(request.user, pk)
    if request.method == "POST":
        payment = get_object_or_404(
            Payment, pk=request.POST.get("payment") or 0, milestone=milestone
        )
        try:
            payment = funding.charge_card(
                payment=payment,
                setup_intent_id=request.POST.get("setup_intent", ""),
                by=request.user,
            )
        except Refused as refusal:
            return _card_form(request, milestone, error=refusal)
        if payment.status == PaymentStatus.REQUIRES_ACTION:
            return _card_form(request, milestone, authenticate=payment)
        return _after(request, milestone, payment)
    return _card_form(request, milestone)


@login_required
def fund_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the browser lands after 3-D Secure: the payment is read from Stripe."""
    milestone = get_milestone_to_act_on(request.user, pk)
    payment = get_object_or_404(
        Payment, milestone=milestone, payment_intent_id=request.GET.get("payment_intent", "")
    )
    try:
        payment = funding.record_payment(payment.payment_intent_id) or payment
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(milestone)
    return _after(request, milestone, payment)


def _after(request: HttpRequest, milestone: Milestone, payment: Payment) -> HttpResponse:
    if payment.status == PaymentStatus.SUCCEEDED:
        messages.success(request, "Paid: the money is held in escrow until you release it.")
    elif payment.status == PaymentStatus.FAILED:
        messages.error(request, payment.last_error or "The payment did not go through.")
    else:
        messages.info(request, "The payment is being processed; this page will say when it is.")
    return redirect(milestone)


def _card_form(
    request: HttpRequest,
    milestone: Milestone,
    *,
    error: Refused | None = None,
    authenticate: Payment | None = None,
) -> HttpResponse:
    context = {
        "milestone": milestone,
        "engagement": milestone.engagement,
        "test_mode": processor.is_test_mode(),
        "test_card": processor.TEST_CARD,
        "stripe_js": processor.stripe_js_url(),
        "error": error.message if error else "",
        "return_url": reverse("payments:fund_return", kwargs={"pk": milestone.pk}),
    }
    status_refusal = error
    try:
        if authenticate is not None:
            intent = processor.retrieve_payment_intent(authenticate.payment_intent_id)
            context.update(authenticate=authenticate, payment_secret=intent.client_secret)
            context["publishable_key"] = processor.publishable_key()
        else:
            context["card_form"] = form = funding.start_funding(
                milestone=milestone, by=request.user
            )
            context["publishable_key"] = form.publishable_key
    except Refused as refusal:
        context["error"] = refusal.message
        context["unavailable"] = isinstance(refusal, ProcessorUnavailable)
        status_refusal = refusal
    response = render(request, "payments/fund.html", context)
    # Stripe.js's origin, for this page only (settings.CONTENT_SECURITY_POLICY is the rest).
    response._csp_update = processor.content_security_policy()
    return answer_refusal(response, status_refusal) if status_refusal else response
