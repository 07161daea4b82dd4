"""The milestone plan editor and each step of a milestone, one table-driven view for all
steps; and the download of delivered files."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagements.access import get_engagement_to_act_on
from marketplace.refusals import Refused
from messaging.models import Side
from payments import delivery, disputes, planning, refunds, settlement
from payments.access import get_milestone_for, get_milestone_to_act_on
from payments.forms import (
    AnswerForm,
    ChangesForm,
    ConfirmForm,
    DisputeForm,
    PlanFormSet,
    RefundProposalForm,
    SubmissionForm,
    plan_initial,
)
from payments.models import Milestone, MilestonePlan, ProposalStatus, SubmissionFile
from payments.views.common import answer_refusal

EITHER = (Side.CLIENT, Side.FREELANCER)


@dataclass(frozen=True)
class Step:
    """A step someone takes on a milestone: its page shows the milestone and the form."""

    label: str
    sides: tuple[str, ...]
    form: type
    run: Callable[[Milestone, object, dict], object]
    done: str
    explanation: str
    milestone_in_form: bool = False


def _open_proposal(milestone: Milestone):
    proposal = milestone.refund_proposals.filter(status=ProposalStatus.OPEN).first()
    if proposal is None:
        raise Http404("No refund proposal waits for an answer.")
    return proposal


def _open_dispute(milestone: Milestone):
    dispute = milestone.disputes.unresolved().first()
    if dispute is None:
        raise Http404("No dispute is open.")
    return dispute


STEPS = {
    "submit": Step(
        "Submit the work",
        (Side.FREELANCER,),
        SubmissionForm,
        lambda m, user, data: delivery.submit_work(
            milestone=m, by=user, message=data["message"], files=data["files"]
        ),
        "Work submitted: the client has been told.",
        "Deliver the milestone's work: the client then releases the payment or asks for changes.",
    ),
    "request-changes": Step(
        "Request changes",
        (Side.CLIENT,),
        ChangesForm,
        lambda m, user, data: delivery.request_changes(milestone=m, by=user, note=data["note"]),
        "Changes requested: the freelancer has been told.",
        "Send the work back with what should change. This uses one of the milestone's "
        "revision rounds.",
    ),
    "release": Step(
        "Release the payment",
        (Side.CLIENT,),
        ConfirmForm,
        lambda m, user, data: settlement.release(milestone=m, by=user),
        "Payment released to the freelancer.",
        "The whole amount goes to the freelancer, less the platform fee. This cannot be undone.",
    ),
    "refund": Step(
        "Propose a refund",
        EITHER,
        RefundProposalForm,
        lambda m, user, data: refunds.propose_refund(
            milestone=m, by=user, amount=data["amount"], reason=data["reason"]
        ),
        "Refund proposed: the other side has been told.",
        "Propose how much goes back to the client's card; the rest is released to the "
        "freelancer. It happens when the other side accepts.",
        milestone_in_form=True,
    ),
    "accept-refund": Step(
        "Accept the refund",
        EITHER,
        ConfirmForm,
        lambda m, user, data: refunds.accept_refund(proposal=_open_proposal(m), by=user),
        "Refund accepted: the milestone is settled.",
        "The proposed amount goes back to the client's card, and the rest to the freelancer.",
    ),
    "decline-refund": Step(
        "Decline the refund",
        EITHER,
        ConfirmForm,
        lambda m, user, data: refunds.decline_refund(proposal=_open_proposal(m), by=user),
        "Refund declined.",
        "The money stays in escrow.",
    ),
    "dispute": Step(
        "Open a dispute",
        EITHER,
        DisputeForm,
        lambda m, user, data: disputes.open_dispute(milestone=m, by=user, reason=data["reason"]),
        "Dispute opened: the other side and staff have been told.",
        "Staff decide how the amount is split after the other side has answered. While the "
        "dispute is open nothing is released or refunded.",
    ),
    "answer": Step(
        "Answer the dispute",
        EITHER,
        AnswerForm,
        lambda m, user, data: disputes.answer_dispute(
            dispute=_open_dispute(m), by=user, answer=data["answer"]
        ),
        "Answer sent: staff will decide.",
        "Say your side; staff read both before deciding.",
    ),
    "drop": Step(
        "Drop this milestone",
        EITHER,
        ConfirmForm,
        lambda m, user, data: planning.drop_milestone(milestone=m, by=user),
        "Milestone dropped.",
        "Nothing was paid for it; it leaves the plan.",
    ),
}


@login_required
def milestone_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("No such step.")
    spec = STEPS[step]
    milestone = get_milestone_to_act_on(request.user, pk)
    extra = {"milestone": milestone} if spec.milestone_in_form else {}
    posted = request.method == "POST"
    form = spec.form(request.POST if posted else None, request.FILES if posted else None, **extra)
    if posted:
        if form.is_valid():
            try:
                spec.run(milestone, request.user, form.cleaned_data)
            except Refused as refusal:
                form.add_error(None, refusal.message)
                return answer_refusal(_render_step(request, milestone, step, form), refusal)
            messages.success(request, spec.done)
            return redirect(milestone)
        return _render_step(request, milestone, step, form, status=400)
    return _render_step(request, milestone, step, form)


def _render_step(request, milestone, step, form, status=200) -> HttpResponse:
    spec = STEPS[step]
    context = {
        "milestone": milestone,
        "engagement": milestone.engagement,
        "step": step,
        "spec": spec,
        "form": form,
        "proposal": milestone.refund_proposals.filter(status=ProposalStatus.OPEN).first(),
        "dispute": milestone.disputes.unresolved().first(),
        "fee": planning.fee_preview(
            milestone.amount, milestone.currency, milestone.engagement.milestone_plan.fee_percent
        ),
    }
    return render(request, "payments/milestone_step.html", context, status=status)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose (or, until accepted, replace) the engagement's milestones."""
    engagement = get_engagement_to_act_on(request.user, pk)
    plan = MilestonePlan.objects.filter(engagement=engagement).first()
    if request.method == "POST":
        formset = PlanFormSet(request.POST, engagement=engagement)
        if formset.is_valid():
            try:
                planning.propose_plan(
                    engagement=engagement, by=request.user, milestones=formset.drafts()
                )
            except Refused as refusal:
                messages.error(request, refusal.message)
                return answer_refusal(_render_plan(request, engagement, plan, formset), refusal)
            messages.success(request, "Plan proposed: the other side has been asked to accept it.")
            return redirect(f"{engagement.get_absolute_url()}#milestones")
        return _render_plan(request, engagement, plan, formset, status=400)
    initial = plan_initial(engagement.milestones.all()) if plan else []
    formset = PlanFormSet(initial=initial, engagement=engagement)
    return _render_plan(request, engagement, plan, formset)


def _render_plan(request, engagement, plan, formset, status=200) -> HttpResponse:
    context = {
        "engagement": engagement,
        "plan": plan,
        "formset": formset,
        "why_not": planning.why_no_plan(engagement)
        or ("The plan is agreed: it no longer changes." if plan and plan.is_accepted else None),
        "fee_percent": plan.fee_percent
        if plan and plan.is_accepted
        else settings.PLATFORM_FEE_PERCENT,
    }
    return render(request, "payments/plan_edit.html", context, status=status)


@login_required
@require_POST
def plan_accept(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_to_act_on(request.user, pk)
    try:
        planning.accept_plan(engagement=engagement, by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Plan accepted.")
    return redirect(f"{engagement.get_absolute_url()}#milestones")


@login_required
def download_file(request: HttpRequest, pk: int) -> FileResponse:
    """A delivered file, for the two sides and staff only, always as a download."""
    delivered = get_object_or_404(SubmissionFile.objects.select_related("submission"), pk=pk)
    get_milestone_for(request.user, delivered.submission.milestone_id)  # 404 for others
    try:
        handle = delivered.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=delivered.name, content_type=delivered.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
