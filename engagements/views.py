from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagements import messaging, quoting, transitions
from engagements.access import get_engagement_for, get_engagement_to_act_on
from engagements.exceptions import ActionRefused
from engagements.forms import AcceptForm, MessageForm, QuoteRequestForm
from engagements.models import Engagement, EngagementState, Thread
from engagements.ratelimits import RateLimitExceeded
from reviews import submission
from reviews.models import Review
from services.models import Service

ENGAGEMENTS_PER_PAGE = 20
INBOX_ROLES = {"client", "freelancer"}


# What the engagement page reads, in a constant number of queries.
_FOR_THE_PAGE = Engagement.objects.select_related(
    "service", "client", "freelancer__user"
).prefetch_related(Prefetch("reviews", queryset=Review.objects.select_related("author__profile")))


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
    if service.owner.user_id == request.user.pk:
        messages.error(request, "You cannot request a quote on your own service.")
        return redirect(service)
    form = QuoteRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            engagement = quoting.request_quote(
                service=service, client=request.user, **form.cleaned_data
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
        request, "engagements/request_quote.html", {"service": service, "form": form}, status=status
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for(request.user, pk, engagements=_FOR_THE_PAGE)
    messaging.mark_read(thread=engagement, reader=request.user)
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


def post_to_thread(request: HttpRequest, thread: Thread, *, rerender) -> HttpResponse:
    """The message form's POST on any thread's page (an engagement's, a proposal's):
    `rerender(form, status)` shows the page again with the form's errors."""
    form = MessageForm(request.POST)
    if not form.is_valid():
        return rerender(form, 400)
    try:
        messaging.post_message(thread=thread, sender=request.user, body=form.cleaned_data["body"])
    except ActionRefused as refusal:  # the thread closed while the message was being written
        messages.error(request, refusal.message)
        return redirect(thread)
    except RateLimitExceeded as exceeded:
        form.add_error(None, exceeded.message)
        return rerender(form, exceeded.status_code)
    messages.success(request, "Message sent.")
    return redirect(thread.get_absolute_url() + "#latest")


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
    reviews = engagement.reviews.all() if engagement.state == EngagementState.COMPLETED else []
    # Double-blind: each side sees its own review, and the other's once it is published.
    mine = next((r for r in reviews if r.author_id == request.user.pk), None)
    theirs = next((r for r in reviews if r.author_id != request.user.pk), None)
    context = {
        "engagement": engagement,
        "side": side,
        "thread": engagement.messages.select_related("sender"),
        "message_form": message_form or MessageForm(),
        "accept_form": accept_form or AcceptForm(),
        "available_transitions": transitions.available_transitions(
            engagement=engagement, user=request.user
        ),
        "can_write": messaging.can_write(thread=engagement, user=request.user),
        "my_review": mine,
        "their_review": theirs,
        "published_reviews": [r for r in reviews if r.is_published],
        "can_review": side is not None
        and mine is None
        and submission.review_refusal(engagement=engagement, author=request.user) is None,
        "review_deadline": submission.review_deadline(engagement),
        "can_edit_review": mine is not None and mine.is_editable_by(request.user),
        "can_respond": theirs is not None and theirs.is_published and not theirs.is_hidden,
        "other_name": engagement.name_of("freelancer" if side == "client" else "client"),
    }
    return render(request, "engagements/engagement_detail.html", context, status=status)
