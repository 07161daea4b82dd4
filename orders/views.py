"""The order pages: the summary before paying, the requirements form, a late order's
cancellation, extras offered and answered, and the answers' files. Paying, delivering,
revisions and acceptance are the milestone's steps (the payments app's pages), shown on the
engagement's page with the order."""

import uuid
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.refusals import Refused
from orders import extras, lateness, placing, requirements
from orders.access import get_extra_to_act_on, get_order_for, get_order_to_act_on
from orders.exceptions import OrderRefused
from orders.forms import ExtraForm, RequirementsForm
from orders.models import RequirementAnswer
from services.models import Service


def _ints(values: list[str]) -> list[int]:
    try:
        return [int(value) for value in values]
    except ValueError:
        return [-1]  # no add-on has this id: refused as a wrong choice


@login_required
def new_order(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: what the chosen package and add-ons cost and when they would be delivered.
    POST: place the order (once per key) and go to the card form."""
    service = get_object_or_404(
        Service.objects.published().select_related("owner__user"), slug=slug
    )
    data = request.POST if request.method == "POST" else request.GET
    tier, add_on_ids = _ints([data.get("package", "0")])[0], _ints(data.getlist("add_on"))
    try:
        if request.method == "POST":
            order = placing.place_order(
                service=service,
                client=request.user,
                tier=tier,
                add_on_ids=add_on_ids,
                request_key=data.get("request_key", ""),
            )
            return redirect("payments:fund", pk=order.milestone_id)
        if service.is_owned_by(request.user):
            raise OrderRefused("You cannot order your own service.", code="own_service")
        priced = placing.quote(service=service, tier=tier, add_on_ids=add_on_ids)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(f"{service.get_absolute_url()}#packages")
    return render(
        request,
        "orders/new_order.html",
        {
            "service": service,
            "quote": priced,
            "request_key": uuid.uuid4().hex,
            "auto_accept_days": settings.ORDER_AUTO_ACCEPT_DAYS,
        },
    )


@login_required
def requirements_form(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_to_act_on(request.user, pk)
    try:
        requirements.check_client(order, request.user)
    except OrderRefused as refusal:
        raise PermissionDenied(refusal.message) from refusal
    questions = list(order.service.questions.all())
    form = RequirementsForm(request.POST or None, request.FILES or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            order = requirements.submit_requirements(
                order=order, by=request.user, answers=form.answers()
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Thank you: the freelancer has your answers and has started.")
            return redirect(order)
    return render(
        request,
        "orders/requirements.html",
        {"order": order, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_order_to_act_on(request.user, pk)
    try:
        lateness.cancel_late_order(order=order, by=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, "The order is cancelled: the whole amount goes back to your card."
        )
    return redirect(order)


@login_required
def offer_extra(request: HttpRequest, pk: int) -> HttpResponse:
    """The freelancer's offer of more time or a paid add-on (the order section shows the
    form; this page shows it again, with what was typed, when it has errors)."""
    order = get_order_to_act_on(request.user, pk)
    try:
        extras.check_freelancer(order, request.user)
    except OrderRefused as refusal:
        raise PermissionDenied(refusal.message) from refusal
    form = ExtraForm(request.POST or None, currency=order.currency)
    if request.method == "POST" and form.is_valid():
        try:
            extras.offer_extra(order=order, by=request.user, offer=form.offer())
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Your offer is sent: the client accepts or declines it.")
            return redirect(order)
    return render(
        request,
        "orders/offer_extra.html",
        {"order": order, "form": form},
        status=400 if form.errors else 200,
    )


# The answers to an open offer: the client accepts or declines, the freelancer withdraws.
EXTRA_ACTIONS = {
    "accept": (extras.accept_extra, "Accepted: the order is updated."),
    "decline": (extras.decline_extra, "Declined: the freelancer is told."),
    "withdraw": (extras.withdraw_extra, "Your offer is withdrawn."),
}


@login_required
@require_POST
def answer_extra(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in EXTRA_ACTIONS:
        raise Http404("No such step.")
    extra = get_extra_to_act_on(request.user, pk)
    workflow, done = EXTRA_ACTIONS[action]
    try:
        workflow(extra=extra, by=request.user)
    except Refused as refusal:
        if refusal.status_code == HTTPStatus.FORBIDDEN:
            raise PermissionDenied(refusal.message) from refusal
        messages.error(request, refusal.message)
    else:
        messages.success(request, done)
    return redirect(extra.order)


@login_required
def answer_file(request: HttpRequest, pk: int) -> FileResponse:
    """A file the client attached to an answer, for the two sides and staff only."""
    answer = get_object_or_404(RequirementAnswer.objects.exclude(file=""), pk=pk)
    get_order_for(request.user, answer.order_id)  # 404 for others
    try:
        handle = answer.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=answer.file_name, content_type=answer.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
