"""What the payment pages share: answering a refusal, the staff check, the security hook."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from accounts.security import require_recent_mfa
from marketplace.refusals import Refused


def answer_refusal(response: HttpResponse, refusal: Refused) -> HttpResponse:
    """A page re-rendered after a refusal carries its status (and Retry-After for "try
    again later")."""
    response.status_code = refusal.status_code
    if refusal.retry_after:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def staff_only(view):
    """Signed-in staff only: others are sent to sign in, or refused (403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied("Staff only.")
        return view(request, *args, **kwargs)

    return wrapped


def money_destination(view):
    """The views that move a freelancer's money out or say where it goes (payout requests,
    payout details): a second factor on the account, used within the re-authentication time
    (`accounts.security.require_recent_mfa`), so a stolen session cookie cannot send money
    elsewhere."""
    return require_recent_mfa(view)
