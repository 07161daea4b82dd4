from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jobs.models import JobPost
from marketplace.ratelimits import RateLimitExceeded
from pages.contact import send_contact_message
from pages.defaults import PAGES
from pages.forms import ContactForm
from pages.models import Page
from profiles.models import Profile
from services.covers import CATEGORY_STYLES
from services.models import Category, Service

# The vendored icon set (docs/design.md): every file is an icon the pages may use.
ICONS = Path(settings.BASE_DIR) / "static" / "icons"
DESIGN_SECTIONS = [
    ("colours", "Colours"),
    ("type", "Type and spacing"),
    ("icons", "Icons"),
    ("buttons", "Buttons"),
    ("chips", "Chips and badges"),
    ("cards", "Cards and covers"),
    ("forms", "Forms"),
    ("tabs", "Tabs"),
    ("tables", "Tables"),
    ("alerts", "Alerts and empty states"),
    ("navigation", "Navigation"),
    ("content", "Ratings, steps, facts"),
]


def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Created on first visit if missing (a database emptied after migrating, e.g. in tests).
    defaults = {page[0]: page for page in PAGES}
    if slug not in defaults:
        raise Http404("No such page.")
    _, title, summary, body = defaults[slug]
    page, _ = Page.objects.get_or_create(
        slug=slug, defaults={"title": title, "summary": summary, "body": body.strip()}
    )
    return render(request, "pages/page_detail.html", {"page": page})


def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                send_contact_message(
                    visitor=request.META.get("REMOTE_ADDR", ""), **form.cleaned_data
                )
            except RateLimitExceeded as exceeded:
                form.add_error(None, exceeded.message)
                status = 429
            else:
                messages.success(request, "Thank you: your message is on its way to our team.")
                return redirect("pages:contact")
        else:
            status = 400
    return render(request, "pages/contact.html", {"form": form}, status=status)


def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "robots.txt",
        {"sitemap_url": settings.SITE_URL + reverse("pages:sitemap")},
        content_type="text/plain; charset=utf-8",
    )


@staff_member_required
def design_system(request: HttpRequest) -> HttpResponse:
    """Every component of the design system (docs/design.md), drawn with the site's own
    stylesheet and partials; the cards show real rows when there are some."""
    context = {
        "sections": DESIGN_SECTIONS,
        "icons": sorted(path.stem for path in ICONS.glob("*.svg")),
        "service": Service.objects.published().for_cards().first(),
        "profile": Profile.objects.featured().first(),
        "categories": Category.objects.top_level().filter(slug__in=CATEGORY_STYLES),
        "job": JobPost.objects.listed().for_cards().first(),
    }
    return render(request, "pages/design.html", context)
