"""Guards for sensitive actions.

- `reauthentication_required` (allauth's own decorator, re-exported): the password or a second
  factor within `ACCOUNT_REAUTHENTICATION_TIMEOUT` seconds. It guards changing the email
  address or password (allauth's views, `ACCOUNT_REAUTHENTICATION_REQUIRED`), adding or
  removing a second factor (`MFA_REAUTHENTICATION_REQUIRED`), creating an API token, asking
  for a data export and deleting the account (accounts/views).
- `require_recent_mfa`: the account has a second factor AND used it within that time (at
  sign-in or to confirm who they are). For the payments work: payout details and payout
  requests. On a page:

      from accounts.security import require_recent_mfa

      @require_recent_mfa
      def payout_details(request): ...

  A person without a second factor is sent to add one; one who has not used it recently is
  asked for it (a POST is replayed after they confirm, as allauth does for its own guard).
  An API view accepts `has_recent_mfa(request)` for a session, and otherwise takes a `code`
  field and checks it with `accounts.second_factor.check_code` (rate-limited, as
  `POST /api/v1/auth/token/` does in accounts/api/views.py).
"""

import time
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.reauthentication import suspend_request
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

__all__ = ["has_recent_mfa", "reauthentication_required", "require_recent_mfa"]


def has_recent_mfa(request: HttpRequest) -> bool:
    """Whether this session's user passed a second factor within the re-authentication time."""
    user = request.user
    if not user.is_authenticated or not is_mfa_enabled(user):
        return False
    records = get_authentication_records(request, user)
    window = account_settings.REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "mfa" and time.time() - record.get("at", 0) < window
        for record in records
    )


def require_recent_mfa(view):
    """A page view that needs a second factor used within the re-authentication time."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not is_mfa_enabled(request.user):
            messages.warning(request, "This needs two-factor sign-in: add a second factor first.")
            return redirect(f"{reverse('mfa_index')}?next={request.get_full_path()}")
        if not has_recent_mfa(request):
            return suspend_request(request, reverse("mfa_reauthenticate"))
        return view(request, *args, **kwargs)

    return guarded
