from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.sessions import note_activity

# What staff without a second factor may still reach: setting one up, signing out, and
# confirming who they are (which setting one up asks for).
SECOND_FACTOR_SETUP_PREFIXES = ("/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/logout/")


class SessionActivityMiddleware:
    """Notes when each signed-in session was last seen (in the cache: accounts.sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.session.session_key:
            note_activity(request)
        return self.get_response(request)


class StaffSecondFactorMiddleware:
    """Staff accounts work only with a second factor (`MFA_REQUIRED_FOR_STAFF`): until they add
    one, every page sends them to the two-factor page (and the API answers 403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(SECOND_FACTOR_SETUP_PREFIXES)
            and not request.path.startswith(settings.STATIC_URL)
            and not is_mfa_enabled(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": "Staff accounts need two-factor sign-in: add a second factor "
                        "on the site first.",
                        "code": "second_factor_required",
                    },
                    status=403,
                )
            messages.warning(
                request, "Staff accounts need two-factor sign-in: add a second factor first."
            )
            return redirect(reverse("mfa_index"))
        return self.get_response(request)
