from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagements import document_quotes, quoting, transitions
from engagements.access import get_engagement_for, get_engagement_to_act_on
from engagements.exceptions import ActionRefused
from engagements.forms import AcceptForm, QuoteRequestForm
from engagements.models import Engagement
from marketplace.ratelimits import RateLimitExceeded
from messaging import threads
from messaging.forms import MessageForm
from messaging.views import post_to_thread
from services.models import Service

ENGAGEMENTS_PER_PAGE = 20
INBOX_ROLES = {"client", "freelancer"}


# What the engagement page reads, in a constant number of queries (its reviews section, a
# template tag of the reviews app, reads the prefetched reviews; the available steps read the
# payments app's plan and milestones).
_FOR_THE_PAGE = Engagement.objects.select_related(
    "service", "client", "freelancer__user", "milestone_plan", "document"
).prefetch_related("reviews__author__profile", "milestones")


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's engagements as client and as freelancer, newest activity first."""
    role = request.GET.get("as")
    if role not in INBOX_ROLES:
        role = None
    engagements = Engagement.objects.for_inbox(request.user, role)
    page = Paginator(engagements, ENGAGEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "engagements/inbox.html", {"page": page, "role": role})


@login_required
def request_quote(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(Service.objects.published().select_related("owner"), slug=slug)
    if service.is_owned_by(request.user):
        messages.error(request, "You cannot request a quote on your own service.")
        return redirect(service)
    document = document_quotes.document_to_send(
        user=request.user,
        service=service,
        pk=request.POST.get("document") or request.GET.get("document"),
    )
    initial = {}
    if document is not None:
        # "Request this quote": the brief and budget start from the instant quote.
        initial = {
            "what": f"Please quote for “{document.filename}” ({document.word_count} words).",
            "budget": document.price,
        }
    form = QuoteRequestForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            engagement = quoting.request_quote(
                service=service, client=request.user, document=document, **form.cleaned_data
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
            status = refusal.status_code
        except RateLimitExceeded as exceeded:
            form.add_error(None, exceeded.message)
            status = exceeded.status_code
        else:
            messages.success(
                request,
                f"Your request was sent to {service.owner.display_name}. "
                "You will get an email when they answer.",
            )
            return redirect(engagement)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "engagements/request_quote.html",
        {"service": service, "form": form, "document": document},
        status=status,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for(request.user, pk, engagements=_FOR_THE_PAGE)
    threads.mark_read(thread=engagement, reader=request.user)
    return _render_detail(request, engagement)


@login_required
@require_POST
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_to_act_on(request.user, pk, engagements=_FOR_THE_PAGE)
    return post_to_thread(
        request,
        engagement,
        rerender=lambda form, status: _render_detail(
            request, engagement, message_form=form, status=status
        ),
    )


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in transitions.TRANSITIONS:
        raise Http404("No such action.")
    engagement = get_engagement_to_act_on(request.user, pk, engagements=_FOR_THE_PAGE)
    options = {}
    # Only the side that may accept has a quote form to get wrong; anyone else is refused below.
    if action == "accept" and engagement.side_of(request.user) == "freelancer":
        form = AcceptForm(request.POST)
        if not form.is_valid():
            return _render_detail(request, engagement, accept_form=form, status=400)
        options = form.cleaned_data
    try:
        engagement = transitions.perform(action, engagement=engagement, by=request.user, **options)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Engagement {transitions.TRANSITIONS[action].past}.")
    return redirect(engagement)


def _render_detail(
    request: HttpRequest,
    engagement: Engagement,
    *,
    message_form: MessageForm | None = None,
    accept_form: AcceptForm | None = None,
    status: int = 200,
) -> HttpResponse:
    side = engagement.side_of(request.user)
    context = {
        "engagement": engagement,
        "side": side,
        "thread": engagement.messages.select_related("sender"),
        "message_form": message_form or MessageForm(),
        "accept_form": accept_form or AcceptForm(),
        "available_transitions": transitions.available_transitions(
            engagement=engagement, user=request.user
        ),
        "can_write": threads.can_write(thread=engagement, user=request.user),
    }
    return render(request, "engagements/engagement_detail.html", context, status=status)
