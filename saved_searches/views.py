from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from saved_searches import queries, saving
from saved_searches.forms import SavedSearchForm, SaveSearchForm
from saved_searches.models import SavedSearch, accepts_unsubscribe_all_token


def _get_owned_search(request: HttpRequest, pk: int) -> SavedSearch:
    """The signed-in user's saved search, or 404 for anyone else."""
    return get_object_or_404(SavedSearch.objects.owned_by(request.user), pk=pk)


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """ "Save this search" from a results page, then back to the same results."""
    if not request.user.is_authenticated:
        # Back to the results after signing in, where the form is offered again.
        return redirect_to_login(_results_url_or_home(request.POST.get("results_url", "")))
    form = SaveSearchForm(request.POST)
    if form.is_valid():
        try:
            search = saving.save_search(
                user=request.user,
                kind=form.cleaned_data["kind"],
                query=form.cleaned_data["query"],
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
            )
        except saving.SavedSearchRefused as refusal:
            if refusal.code == "duplicate":
                # Most often the same form sent twice: the search is saved, as asked.
                messages.info(request, refusal.message)
                return redirect(form.cleaned_data["results_url"])
            form.add_error(None, refusal.message)
            return render(
                request, "saved_searches/save.html", {"form": form}, status=refusal.status_code
            )
        messages.success(
            request,
            f"Search saved as “{search.name}”: we will email you what is new "
            f"({search.get_frequency_display().lower()}).",
        )
        return redirect(form.cleaned_data["results_url"])
    return render(request, "saved_searches/save.html", {"form": form}, status=400)


def _results_url_or_home(url: str) -> str:
    try:
        queries.query_from_results_url(url)
    except ValidationError:
        return "/"
    return url


@login_required
def saved_search_list(request: HttpRequest) -> HttpResponse:
    searches = list(SavedSearch.objects.owned_by(request.user).order_by("name", "pk"))
    # The categories and skills the searches name, read once for all of them.
    names = queries.row_names((search.search_kind, search.query) for search in searches)
    for search in searches:
        search.described = queries.describe(search.search_kind, search.query, names=names)
    return render(request, "saved_searches/saved_search_list.html", {"searches": searches})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    search = _get_owned_search(request, pk)
    saved_name = search.name
    form = SavedSearchForm(request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        saving.change_saved_search(
            search=search, name=form.cleaned_data["name"], frequency=form.cleaned_data["frequency"]
        )
        messages.success(request, f"“{search.name}” is saved.")
        return redirect("saved_searches:list")
    return render(
        request,
        "saved_searches/saved_search_form.html",
        {"form": form, "search": search, "saved_name": saved_name},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    search = saving.pause_alerts(search=_get_owned_search(request, pk))
    messages.success(request, f"Alerts for “{search.name}” are paused.")
    return redirect("saved_searches:list")


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    search = saving.resume_alerts(search=_get_owned_search(request, pk))
    messages.success(request, f"Alerts for “{search.name}” are on again, for what is new from now.")
    return redirect("saved_searches:list")


@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = _get_owned_search(request, pk)
    if request.method == "POST":
        search.delete()
        messages.success(request, f"“{search.name}” is deleted.")
        return redirect("saved_searches:list")
    return render(request, "saved_searches/saved_search_confirm_delete.html", {"search": search})


# The signed link is the credential: mail clients' one-click POST (RFC 8058) carries no CSRF
# token and no session.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Stop a search's alerts from its email, signed in or not: GET asks, POST does it."""
    search = SavedSearch.objects.filter(pk=pk).first()
    if search is None or not search.accepts_unsubscribe_token(token):
        raise Http404("This unsubscribe link is not valid.")
    return _unsubscribe(request, [search])


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_all(request: HttpRequest, user_id: int, token: str) -> HttpResponse:
    """Stop every alert of a person (the emails' List-Unsubscribe header), signed in or not."""
    if not accepts_unsubscribe_all_token(user_id, token):
        raise Http404("This unsubscribe link is not valid.")
    return _unsubscribe(request, list(SavedSearch.objects.filter(user_id=user_id)), every=True)


def _unsubscribe(request: HttpRequest, searches: list[SavedSearch], *, every=False):
    context = {"searches": searches, "every": every}
    if request.method == "POST":
        for search in searches:
            saving.pause_alerts(search=search)
        return render(request, "saved_searches/unsubscribed.html", context)
    return render(request, "saved_searches/unsubscribe.html", context)
