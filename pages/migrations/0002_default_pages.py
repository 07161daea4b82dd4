"""The pages every marketplace has, with words staff can then change in the admin."""

from django.db import migrations

from pages.defaults import PAGES


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, summary, body in PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "summary": summary, "body": body.strip()}
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_page")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
