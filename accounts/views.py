"""The account's security pages: sessions, API tokens, activity, your data, deletion.

Two-factor sign-in, email addresses and the password are allauth's pages
(/accounts/2fa/, /accounts/email/, /accounts/password/change/).
"""

from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.erasure import ErasureRefused, delete_account, why_not_erasable
from accounts.exporting import request_data_export
from accounts.forms import ApiTokenForm, DeleteAccountForm
from accounts.models import ApiToken, DataExport
from accounts.security import reauthentication_required
from accounts.sessions import end_user_sessions, sessions_of
from accounts.tokens import TooManyTokens, create_token, revoke_token
from audit.models import Event

ACTIVITY_PAGE_SIZE = 50


@login_required
def security(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/security.html",
        {"has_second_factor": is_mfa_enabled(request.user)},
    )


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    """GET lists where the account is signed in; POST ends one (`session`) or all others."""
    if request.method == "POST":
        own = UserSession.objects.filter(user=request.user)
        if request.POST.get("scope") == "others":
            ending = list(own.exclude(session_key=request.session.session_key))
        else:
            chosen = request.POST.get("session", "")
            ending = list(own.filter(pk=chosen)) if chosen.isdigit() else []
            if not ending:
                messages.error(request, "That session has already ended.")
                return redirect("accounts:sessions")
        end_user_sessions(request=request, sessions=ending)
        if not request.user.is_authenticated:  # they ended the session they were using
            return redirect("account_login")
        messages.success(request, f"Ended {len(ending)} session{'s' if len(ending) != 1 else ''}.")
        return redirect("accounts:sessions")
    return render(request, "accounts/sessions.html", {"sessions": sessions_of(request)})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    return _tokens_page(request, ApiTokenForm())


@require_POST
@login_required
@reauthentication_required
def create_token_view(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form, status=400)
    try:
        token, key = create_token(
            user=request.user, name=form.cleaned_data["name"], request=request
        )
    except TooManyTokens as refusal:
        form.add_error(None, str(refusal))
        return _tokens_page(request, form, status=409)
    # Shown on this one answer only: it is stored as a digest.
    return _tokens_page(request, ApiTokenForm(), new_token=token, new_key=key, status=201)


@require_POST
@login_required
def revoke_token_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token, actor=request.user, request=request)
    messages.success(request, f"Revoked “{token.name}”: it no longer signs anyone in.")
    return redirect("accounts:tokens")


def _tokens_page(request, form, *, status=200, **extra) -> HttpResponse:
    context = {"form": form, "tokens": request.user.api_tokens.all(), **extra}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
def activity(request: HttpRequest) -> HttpResponse:
    """The account's own audit trail, newest first."""
    events = Event.objects.about(request.user).for_listing().order_by("-timestamp", "-pk")
    page = Paginator(events, ACTIVITY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/activity.html", {"page_obj": page, "events": page})


@login_required
def your_data(request: HttpRequest) -> HttpResponse:
    exports = request.user.data_exports.downloadable()
    pending = request.user.data_exports.filter(file="").first()
    return render(
        request,
        "accounts/your_data.html",
        {"exports": exports, "pending": pending, "hours": settings.DATA_EXPORT_HOURS},
    )


@require_POST
@login_required
@reauthentication_required
def request_export(request: HttpRequest) -> HttpResponse:
    export = request_data_export(user=request.user, request=request)
    if export.is_ready:
        messages.info(request, "Your export is ready below.")
    else:
        messages.success(request, "We are preparing your data: we will email you a link.")
    return redirect("accounts:data")


@login_required
def download_export(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(DataExport, pk=pk, user=request.user)
    if not export.is_ready or export.has_expired:
        return render(request, "accounts/export_gone.html", {"export": export}, status=410)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"{settings.SITE_NAME.lower().replace(' ', '-')}-data.zip",
    )


@login_required
@reauthentication_required(allow_get=True)
def delete_account_view(request: HttpRequest) -> HttpResponse:
    """GET explains what deletion does; POST (after confirming identity) deletes."""
    form = DeleteAccountForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user=request.user, request=request)
        except ErasureRefused as refusal:
            form.add_error(None, refusal.message)
            status = refusal.status_code
        else:
            messages.success(request, "Your account is deleted. Thank you for having been here.")
            return redirect("services:home")
    elif request.method == "POST":
        status = 400
    context = {"form": form, "blockers": why_not_erasable(request.user)}
    return render(request, "accounts/delete.html", context, status=status)
