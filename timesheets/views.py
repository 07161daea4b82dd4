"""The hourly pages: the contract's timesheet (terms, card, this week's entries, past weeks),
an entry's edit form, the card form, a week's page with its dispute, and staff's decision.

Each view fetches with the access rules (`timesheets.access`), validates with the page's
form, delegates to the workflow and redirects; a refusal re-renders with its status."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from marketplace.refusals import Refused
from payments import processor
from payments.exceptions import ProcessorUnavailable
from payments.models import Receipt
from payments.views.common import answer_refusal, staff_only
from timesheets import access, calendar, cards, charging, entries, review, terms
from timesheets.forms import DisputeForm, ResolveForm, TermsForm, TimeEntryForm
from timesheets.models import REVIEW_WINDOW, Contract, TermsStatus, Week, WeekState


def _entry_form(contract: Contract | None, data=None, initial=None) -> TimeEntryForm | None:
    if contract is None:
        return None
    now_monday = calendar.week_start(contract.time_zone)
    today = calendar.local_today(contract.time_zone)
    return TimeEntryForm(
        data, week_start=now_monday, today=today, initial=initial or {"date": today}
    )


def _page(request: HttpRequest, engagement, *, refusal: Refused | None = None, **forms):
    contract = access.contract_of(engagement)
    side = engagement.side_of(request.user)
    context = {
        "engagement": engagement,
        "contract": contract,
        "side": side,
        "refusal": refusal,
        "hourly_problem": terms.why_not_hourly(engagement),
    }
    if contract is not None:
        monday = calendar.week_start(contract.time_zone)
        week = contract.weeks.filter(starts_on=monday).first()
        context.update(
            open_terms=contract.terms.filter(status=TermsStatus.OPEN).first(),
            terms_now=contract.terms_for(monday),
            terms_next=contract.terms_for(monday + timedelta(days=7)),
            this_week=week,
            this_monday=monday,
            this_sunday=monday + timedelta(days=6),
            this_week_entries=list(week.entries.all()) if week else [],
            past_weeks=list(contract.weeks.exclude(starts_on=monday)),
            no_time_reason=entries.why_no_time(contract),
            failed_weeks=[w for w in contract.weeks.all() if w.state == WeekState.CHARGE_FAILED],
        )
    context["terms_form"] = forms.get("terms_form") or TermsForm(
        zone_fixed=bool(contract and contract.is_started),
        initial={"hourly_rate": engagement.quoted_amount, "weekly_limit": 10},
    )
    context["entry_form"] = forms.get("entry_form") or _entry_form(contract)
    response = render(request, "timesheets/contract.html", context)
    return answer_refusal(response, refusal) if refusal else response


@login_required
def contract(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = access.get_engagement(request.user, pk)
    if access.contract_of(engagement) is None and terms.why_not_hourly(engagement):
        raise Http404("This engagement is not hourly.")
    return _page(request, engagement)


@login_required
@require_POST
def propose_terms(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = access.get_engagement_to_act_on(request.user, pk)
    contract = access.contract_of(engagement)
    form = TermsForm(request.POST, zone_fixed=bool(contract and contract.is_started))
    if not form.is_valid():
        return _invalid(_page(request, engagement, terms_form=form))
    try:
        terms.propose_terms(engagement=engagement, by=request.user, **form.cleaned_data)
    except Refused as refusal:
        return _page(request, engagement, refusal=refusal, terms_form=form)
    messages.success(request, "Terms proposed: the other side is asked to agree.")
    return redirect("timesheets:contract", pk=pk)


def _invalid(response: HttpResponse) -> HttpResponse:
    """A form page re-rendered with its field errors: 400."""
    response.status_code = 400
    return response


@login_required
@require_POST
def decide_terms(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    engagement = access.get_engagement_to_act_on(request.user, pk)
    workflow = {"accept": terms.accept_terms, "decline": terms.decline_terms}.get(decision)
    if workflow is None:
        raise Http404
    try:
        terms_id = int(request.POST.get("terms") or 0) or None
    except ValueError:
        terms_id = -1  # not a proposal's id: refused as a changed proposal
    try:
        decided = workflow(engagement=engagement, by=request.user, terms_id=terms_id)
    except Refused as refusal:
        return _page(request, engagement, refusal=refusal)
    if decided.effective_from:
        messages.success(request, f"Terms agreed: they apply from {decided.effective_from:%d %B}.")
    else:
        messages.info(request, "Terms declined.")
    return redirect("timesheets:contract", pk=pk)


@login_required
@require_POST
def change_state(request: HttpRequest, pk: int, change: str) -> HttpResponse:
    workflow = {"pause": terms.pause, "resume": terms.resume, "end": terms.end}.get(change)
    if workflow is None:
        raise Http404
    found = access.get_contract_to_act_on(request.user, pk)
    try:
        changed = workflow(contract=found, by=request.user)
    except Refused as refusal:
        return _page(request, found.engagement, refusal=refusal)
    messages.success(request, f"The contract is {changed.get_state_display().lower()}.")
    return redirect("timesheets:contract", pk=pk)


@login_required
@require_POST
def add_entry(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_contract_to_act_on(request.user, pk)
    form = _entry_form(found, request.POST)
    if not form.is_valid():
        return _invalid(_page(request, found.engagement, entry_form=form))
    try:
        entries.log_time(
            contract=found,
            by=request.user,
            day=form.cleaned_data["date"],
            hours=form.cleaned_data["hours"],
            description=form.cleaned_data["description"],
        )
    except Refused as refusal:
        return _page(request, found.engagement, refusal=refusal, entry_form=form)
    messages.success(request, "Time logged.")
    return redirect("timesheets:contract", pk=pk)


@login_required
def edit_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_to_act_on(request.user, pk)
    week, refusal = entry.week, None
    form = TimeEntryForm(
        request.POST or None,
        week_start=week.starts_on,
        today=calendar.local_today(week.contract.time_zone),
        initial={"date": entry.date, "hours": entry.hours, "description": entry.description},
    )
    try:
        if request.method == "POST" and "delete" in request.POST:
            entries.delete_entry(entry=entry, by=request.user)
            return redirect("timesheets:contract", pk=week.contract.engagement_id)
        if request.method == "POST" and form.is_valid():
            entries.edit_entry(
                entry=entry,
                by=request.user,
                day=form.cleaned_data["date"],
                hours=form.cleaned_data["hours"],
                description=form.cleaned_data["description"],
            )
            return redirect("timesheets:contract", pk=week.contract.engagement_id)
    except Refused as caught:
        refusal = caught
    response = render(
        request,
        "timesheets/entry_edit.html",
        {"entry": entry, "week": week, "form": form, "refusal": refusal},
    )
    if refusal:
        return answer_refusal(response, refusal)
    if request.method == "POST":
        response.status_code = 400
    return response


@login_required
def card(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the card form (Stripe.js). POST, by its script: record the saved card."""
    found = access.get_contract_to_act_on(request.user, pk)
    error = None
    if request.method == "POST":
        try:
            cards.save_card(
                contract=found,
                by=request.user,
                setup_intent_id=request.POST.get("setup_intent", ""),
            )
        except Refused as refusal:
            error = refusal
        else:
            messages.success(request, "Card saved: each week's hours are charged to it.")
            return redirect("timesheets:contract", pk=pk)
    context = {
        "contract": found,
        "engagement": found.engagement,
        "test_mode": processor.is_test_mode(),
        "test_card": processor.TEST_CARD,
        "stripe_js": processor.stripe_js_url(),
        "publishable_key": processor.publishable_key(),
        "error": error.message if error else "",
        "review_days": REVIEW_WINDOW.days,
    }
    status_refusal = error
    try:
        context["setup"] = cards.start_card_setup(contract=found, by=request.user)
    except Refused as refusal:
        context["error"] = refusal.message
        context["unavailable"] = isinstance(refusal, ProcessorUnavailable)
        status_refusal = refusal
    response = render(request, "timesheets/card.html", context)
    response._csp_update = processor.content_security_policy()
    return answer_refusal(response, status_refusal) if status_refusal else response


def _week_page(request: HttpRequest, week: Week, *, form=None, refusal=None) -> HttpResponse:
    side = week.engagement.side_of(request.user)
    can_dispute = side == "client" and week.state == WeekState.IN_REVIEW
    context = {
        "week": week,
        "engagement": week.engagement,
        "entries": list(week.entries.all()),
        "side": side,
        "dispute_form": form or (DisputeForm(week=week) if can_dispute else None),
        "disputes": list(week.disputes.all()),
        "receipts": list(Receipt.objects.filter(transaction__reference=week.ledger_reference)),
        "refusal": refusal,
    }
    response = render(request, "timesheets/week.html", context)
    return answer_refusal(response, refusal) if refusal else response


@login_required
def week(request: HttpRequest, pk: int) -> HttpResponse:
    return _week_page(request, access.get_week_for(request.user, pk))


@login_required
@require_POST
def dispute(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_week_to_act_on(request.user, pk)
    form = DisputeForm(request.POST, week=found)
    if not form.is_valid():
        return _invalid(_week_page(request, found, form=form))
    try:
        review.open_dispute(
            week=found,
            by=request.user,
            reason=form.cleaned_data["reason"],
            entries=list(form.cleaned_data["entries"]),
        )
    except Refused as refusal:
        return _week_page(request, found, form=form, refusal=refusal)
    messages.success(request, "Dispute opened: staff will decide how the week is settled.")
    return redirect(found)


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_week_to_act_on(request.user, pk)
    if found.engagement.side_of(request.user) != "client":
        raise Http404
    try:
        charged = charging.charge_week(week_pk=found.pk)
    except Refused as refusal:
        return _week_page(request, found, refusal=refusal)
    if charged.state == WeekState.IN_REVIEW:
        messages.success(request, "Paid: the week is held in escrow for your review.")
    else:
        messages.error(request, charged.last_error or "The charge did not go through.")
    return redirect(charged)


@staff_only
def dispute_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_dispute(pk)
    form = ResolveForm(request.POST or None, week=found.week, initial={"refund_amount": 0})
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            review.resolve_dispute(dispute=found, by=request.user, **form.cleaned_data)
        except Refused as caught:
            refusal = caught
        else:
            messages.success(request, "Dispute decided.")
            return redirect(found.week)
    response = render(
        request,
        "timesheets/staff_dispute.html",
        {
            "dispute": found,
            "week": found.week,
            "form": form,
            "refusal": refusal,
            "disputed_amount": review.disputed_amount(found),
        },
    )
    if refusal:
        return answer_refusal(response, refusal)
    if request.method == "POST":
        response.status_code = 400
    return response


@staff_only
def dispute_list(request: HttpRequest) -> HttpResponse:
    """Staff decide the weeks in dispute from the one queue, with the milestones'."""
    return redirect("payments:dispute_list")
