"""Where "Get a quote" leads: the request form, through sign-in for a signed-out visitor."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def quote_url(context, service) -> str:
    """The quote form for ``service``; signed-out visitors sign in (or sign up) first and come back.

    The service must be published: the form refuses anything else. No queries.
    """
    form_url = reverse("engagements:request_quote", args=[service.slug])
    user = context.get("user")
    if user is not None and user.is_authenticated:
        return form_url
    return f"{reverse('account_login')}?{urlencode({'next': form_url})}"
