"""Staff screens: deciding disputes, and the payout queue (CSV for the bank, then paid or
failed)."""

import io

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from marketplace.refusals import Refused
from payments import disputes, payouts, planning, staff_queue
from payments.forms import DisputeResolutionForm, PayoutDecisionForm
from payments.models import Dispute, Payout
from payments.views.common import answer_refusal, staff_only

_DISPUTES = Dispute.objects.select_related(
    "milestone__engagement__service",
    "milestone__engagement__client",
    "milestone__engagement__freelancer__user",
    "milestone__engagement__milestone_plan",
)


@staff_only
def dispute_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "payments/staff_disputes.html",
        {
            "open_disputes": _DISPUTES.unresolved().order_by("answer_due_at"),
            "other_disputes": staff_queue.other_open_disputes(),
            "decided": _DISPUTES.filter(resolved_at__isnull=False).order_by("-resolved_at")[:20],
            "now": timezone.now(),
        },
    )


@staff_only
def dispute_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = get_object_or_404(_DISPUTES, pk=pk)
    milestone = dispute.milestone
    form = DisputeResolutionForm(request.POST or None, milestone=milestone)
    if request.method == "POST":
        if not form.is_valid():
            return _render_dispute(request, dispute, form, status=400)
        try:
            disputes.resolve_dispute(
                dispute=dispute,
                by=request.user,
                refund_amount=form.cleaned_data["refund_amount"],
                note=form.cleaned_data["note"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return answer_refusal(_render_dispute(request, dispute, form), refusal)
        messages.success(request, "Dispute decided: both sides have been told.")
        return redirect("payments:dispute_list")
    return _render_dispute(request, dispute, form)


def _render_dispute(request, dispute, form, status=200) -> HttpResponse:
    milestone = dispute.milestone
    context = {
        "dispute": dispute,
        "milestone": milestone,
        "engagement": milestone.engagement,
        "submissions": milestone.submissions.prefetch_related("files"),
        "form": form,
        "fee_percent": milestone.engagement.milestone_plan.fee_percent,
        "full_fee": planning.fee_preview(
            milestone.amount, milestone.currency, milestone.engagement.milestone_plan.fee_percent
        ),
    }
    return render(request, "payments/staff_dispute.html", context, status=status)


@staff_only
def payout_queue(request: HttpRequest) -> HttpResponse:
    queue = Payout.objects.requested().select_related("freelancer").order_by("requested_at")
    recent = Payout.objects.exclude(status="requested").select_related("freelancer")[:20]
    return render(
        request,
        "payments/staff_payouts.html",
        {"queue": queue, "recent": recent, "form": PayoutDecisionForm()},
    )


@staff_only
def payout_csv(request: HttpRequest) -> HttpResponse:
    stream = io.StringIO()
    payouts.write_requested_csv(stream)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="payouts-{stamp}.csv"'
    return response


@staff_only
@require_POST
def payout_decide(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    payout = get_object_or_404(Payout, pk=pk)
    form = PayoutDecisionForm(request.POST)
    reference = form.cleaned_data["reference"] if form.is_valid() else ""
    try:
        if outcome == "paid":
            payouts.mark_paid(payout=payout, by=request.user, reference=reference)
        else:
            payouts.mark_failed(payout=payout, by=request.user, reason=reference)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Payout #{payout.pk} marked {outcome}.")
    return redirect("payments:payout_queue")
