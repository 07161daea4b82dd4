"""The bare project's one page: the twenty newest services, from one query on the index the
site's "newest" order uses (service_status_newest), rendered by a plain template."""

from django.db import connection
from django.shortcuts import render

CARDS = 20
NEWEST = """
    SELECT s.title, s.slug, s.hourly_rate, s.starting_price, s.currency, s.review_count,
           s.rating_average, p.display_name, p.slug, c.name
      FROM services_service s
      JOIN profiles_profile p ON p.id = s.owner_id
      JOIN services_category c ON c.id = s.category_id
     WHERE s.status = 'published'
     ORDER BY s.created_at DESC, s.id DESC
     LIMIT %s
"""
COLUMNS = (
    "title slug hourly_rate starting_price currency review_count rating_average "
    "owner_name owner_slug category"
).split()


def newest(request):
    with connection.cursor() as cursor:
        cursor.execute(NEWEST, [CARDS])
        services = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    return render(request, "bare/newest.html", {"services": services})
