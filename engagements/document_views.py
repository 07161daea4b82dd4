"""The instant quote from a document: upload, the quote (with a count's progress), and the
document's download for the engagement it was sent with."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from engagements import document_quotes
from engagements.exceptions import ActionRefused
from engagements.forms import DocumentQuoteForm
from engagements.models import ANONYMOUS_DOCUMENT_LIFETIME, DocumentQuote
from languages.counting import RULE
from marketplace.ratelimits import RateLimitExceeded
from services.models import Service
from uploads.documents import DocumentRefused

# How long a signed-out visitor's document is kept, as the pages say it.
LIFETIME_TEXT = f"{ANONYMOUS_DOCUMENT_LIFETIME.total_seconds() / 60:.0f} minutes"


def _visitor(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def get_quote_for(user, pk) -> DocumentQuote:
    """The quote if `user` may read it (DocumentQuote.is_readable_by), else 404."""
    quote = get_object_or_404(
        DocumentQuote.objects.select_related("service__owner", "engagement__freelancer"), pk=pk
    )
    if not quote.is_readable_by(user):
        raise Http404("No such quote.")
    return quote


# Never stored by a browser or proxy: the page is the client's own.
@cache_control(private=True, no_store=True)
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.published().select_related("owner"), slug=slug, per_word_rate__isnull=False
    )
    form = DocumentQuoteForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            quote = document_quotes.quote_document(
                service=service,
                name=document.name,
                upload=document,
                owner=request.user if request.user.is_authenticated else None,
                visitor=_visitor(request),
            )
        except (DocumentRefused, ActionRefused, RateLimitExceeded) as refusal:
            form.add_error("document", refusal.message)
            status = refusal.status_code
        else:
            return redirect(quote)
    elif request.method == "POST":
        status = 400
    context = {"service": service, "form": form, "rule": RULE, "lifetime": LIFETIME_TEXT}
    return render(request, "engagements/document_quote_upload.html", context, status=status)


@require_GET
@cache_control(private=True, no_store=True)
def detail(request: HttpRequest, pk) -> HttpResponse:
    quote = get_quote_for(request.user, pk)
    return render(
        request,
        "engagements/document_quote.html",
        {"quote": quote, "service": quote.service, "rule": RULE, "lifetime": LIFETIME_TEXT},
    )


@require_GET
@cache_control(private=True, no_store=True)
def download(request: HttpRequest, pk) -> HttpResponse:
    quote = get_quote_for(request.user, pk)
    if not quote.document:
        raise Http404("The document is no longer kept.")
    response = FileResponse(quote.document.open("rb"), as_attachment=True, filename=quote.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
