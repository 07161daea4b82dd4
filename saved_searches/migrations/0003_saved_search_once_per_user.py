from django.db import migrations, models


class Migration(migrations.Migration):
    # After the copies are gone, in a transaction of its own: PostgreSQL alters no table
    # with deletions' foreign-key checks still pending.
    dependencies = [("saved_searches", "0002_forget_copies_of_saved_searches")]

    operations = [
        migrations.AddConstraint(
            model_name="savedsearch",
            constraint=models.UniqueConstraint(
                fields=("user", "kind", "query"), name="saved_search_once_per_user"
            ),
        ),
    ]
