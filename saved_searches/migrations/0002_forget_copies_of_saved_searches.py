import json

from django.conf import settings
from django.db import migrations


def keep_the_first_of_each_search(apps, schema_editor):
    """Copies saved before the constraint: the oldest stays (its alerts so far with it)."""
    SavedSearch = apps.get_model("saved_searches", "SavedSearch")
    seen = set()
    copies = []
    for search in SavedSearch.objects.order_by("created_at", "pk").iterator():
        key = (search.user_id, search.kind, json.dumps(search.query, sort_keys=True))
        if key in seen:
            copies.append(search.pk)
        seen.add(key)
    SavedSearch.objects.filter(pk__in=copies).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("saved_searches", "0001_saved_searches"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(keep_the_first_of_each_search, migrations.RunPython.noop),
    ]
