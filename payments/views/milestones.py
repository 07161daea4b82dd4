"""The milestone plan editor and each step of a milestone, one table-driven view for all
steps; and the download of delivered files."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagements.access import get_engagement_to_act_on
from marketplace.refusals import Refused
from payments import planning
from payments.access import get_milestone_for, get_milestone_to_act_on
from payments.forms import PlanFormSet, plan_initial
from payments.models import MilestonePlan, ProposalStatus, SubmissionFile
from payments.steps import STEPS
from payments.views.common import answer_refusal


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
