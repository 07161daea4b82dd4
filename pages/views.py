from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from engagements.ratelimits import RateLimitExceeded
from pages.contact import send_contact_message
from pages.forms import ContactForm
from pages.models import Page


def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
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
