from django.db import migrations, models


def date_past_publications(apps, schema_editor):
    """Services listed (or paused) before the date was kept count as published when created:
    long before any saved search, so no alert announces them as new."""
    Service = apps.get_model("services", "Service")
    Service.objects.filter(status__in=["published", "paused"], published_at__isnull=True).update(
        published_at=models.F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0005_published_category_score_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(date_past_publications, migrations.RunPython.noop, elidable=True),
    ]
