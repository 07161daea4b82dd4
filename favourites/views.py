from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from favourites.models import Favourite, Kind
from favourites.saving import FavouriteRefused, get_savable_target, remove_favourite, save_favourite

# The `save` field says what the button asks for, not "flip": a form sent twice (a double
# click, a back button) leaves the favourite as the user last saw it asked.
SAVE, REMOVE = "1", "0"


def safe_next(request: HttpRequest) -> str | None:
    """The `next` address if it is on this site, else None (never an open redirect)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _wants_json(request: HttpRequest) -> bool:
    # The page's script asks for JSON; a plain form post prefers HTML.
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


@require_POST
def toggle(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Save (`save=1`) or remove (`save=0`) one favourite, then go back to where the button
    was (`next`, anchored to the card), or answer `{"saved": ...}` to the page's script."""
    back = safe_next(request)
    if not request.user.is_authenticated:
        return redirect_to_login(back or reverse("favourites:list"))
    wanted = request.POST.get("save")
    if wanted not in (SAVE, REMOVE):
        return HttpResponseBadRequest("Say save=1 to save or save=0 to remove.")
    try:
        if wanted == SAVE:
            target = get_savable_target(request.user, kind, pk=pk)
            save_favourite(user=request.user, target=target)
        else:
            remove_favourite(user=request.user, kind=kind, pk=pk)
    except FavouriteRefused as refusal:
        if _wants_json(request):
            return JsonResponse(
                {"detail": refusal.message, "code": refusal.code}, status=refusal.status_code
            )
        messages.error(request, refusal.message)
    else:
        if _wants_json(request):
            return JsonResponse({"saved": wanted == SAVE})
        messages.success(
            request, "Saved to your favourites." if wanted == SAVE else "Removed from favourites."
        )
    response = HttpResponseRedirect(back or reverse("favourites:list"))
    response.status_code = 303  # "see other": the browser GETs the page it came from
    return response


@login_required
def favourite_list(request: HttpRequest) -> HttpResponse:
    """The user's favourites by kind, newest first; paused services and closed jobs are kept,
    marked, and can be removed."""
    favourites = list(Favourite.objects.of(request.user).for_list())
    groups = [
        (kind, [favourite for favourite in favourites if favourite.kind == kind])
        for kind in (Kind.SERVICE, Kind.PROFILE, Kind.JOB)
    ]
    return render(
        request,
        "favourites/favourite_list.html",
        {"groups": groups, "count": len(favourites)},
    )
