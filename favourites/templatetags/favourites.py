"""`{% favourite_toggle target %}`: the save button of a card or a page."""

from django import template
from django.http import HttpRequest

from favourites.models import Favourite, Kind, SavedIds, kind_of

register = template.Library()


def saved_ids(request: HttpRequest) -> SavedIds:
    """The user's saved ids, loaded once per request however many buttons the page has."""
    if not hasattr(request, "saved_favourites"):
        request.saved_favourites = Favourite.objects.saved_ids(request.user)
    return request.saved_favourites


def _title(target) -> str:
    return getattr(target, "title", None) or str(target)


@register.inclusion_tag("favourites/includes/toggle.html", takes_context=True)
def favourite_toggle(context, target, anchor: str = "favourite", card: bool = False) -> dict:
    """A form that saves or removes `target`, coming back to itself (`#anchor`) on this page.

    Anonymous visitors get, on the target's own page, a link that asks them to sign in and
    returns them here; on cards, nothing (a grid of identical links would only be noise).
    Either way their page has no form, CSRF token or query: it is the same for every
    anonymous visitor and stays in the page cache. Jobs are saved by freelancers only: other
    signed-in users get no button.
    """
    request = context["request"]
    user = request.user
    kind = kind_of(target)
    here = f"{request.get_full_path()}#{anchor}"
    if not user.is_authenticated:
        if card:
            return {"hidden": True}
        return {"kind": kind, "anchor": anchor, "next": here, "signed_in": False}
    if kind == Kind.JOB and not user.is_freelancer:
        return {"hidden": True}
    return {
        "target": target,
        "kind": kind,
        "title": _title(target),
        "anchor": anchor,
        "next": here,
        "signed_in": True,
        "saved": target in saved_ids(request),
        # The inclusion tag's own context: the CSRF token has to be passed on.
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def card_id(target, prefix: str = "") -> str:
    """The id of a card's save button, which it returns to: `service-12`, `job-7`.

    `prefix` tells apart two cards of one thing on a page (the home page's two lists)."""
    return f"{prefix}{kind_of(target)}-{target.pk}"
