"""The site's URLs plus one page guarded as payouts will be (tests/accounts/test_security.py)."""

from django.http import HttpResponse
from django.urls import include, path

from accounts.security import require_recent_mfa


@require_recent_mfa
def payout_details(request):
    if request.method == "POST":
        return HttpResponse(f"saved {request.POST['iban']}")
    return HttpResponse("payout details")


urlpatterns = [
    path("payouts/details/", payout_details, name="test-payout-details"),
    path("", include("marketplace.urls")),
]
