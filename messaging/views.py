"""What every page with a private thread shares: posting its message form."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from marketplace.ratelimits import RateLimitExceeded
from messaging import threads
from messaging.exceptions import MessageRefused
from messaging.forms import MessageForm
from messaging.models import Thread


def post_to_thread(request: HttpRequest, thread: Thread, *, rerender) -> HttpResponse:
    """The message form's POST on any thread's page (an engagement's, a proposal's):
    `rerender(form, status)` shows the page again with the form's errors."""
    form = MessageForm(request.POST)
    if not form.is_valid():
        return rerender(form, 400)
    try:
        threads.post_message(thread=thread, sender=request.user, body=form.cleaned_data["body"])
    except MessageRefused as refusal:  # the thread closed while the message was being written
        messages.error(request, refusal.message)
        return redirect(thread)
    except RateLimitExceeded as exceeded:
        form.add_error(None, exceeded.message)
        return rerender(form, exceeded.status_code)
    messages.success(request, "Message sent.")
    return redirect(thread.get_absolute_url() + "#latest")
