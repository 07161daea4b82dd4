"""The reference page: the site's base layout and twenty service cards from one indexed query.

It is what a bare Django page of this site costs (rendering the layout and the cards, one
query on the "newest" index); every page's throughput is reported as a ratio to it.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marketplace.kept_queries import KeptQuery
from services.models import Service

CARDS = 20


NEWEST = KeptQuery(
    Service, lambda: Service.objects.published().card_rows().order_by("-created_at", "-id")[:CARDS]
)


def reference(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/reference.html", {"services": NEWEST.rows()})
