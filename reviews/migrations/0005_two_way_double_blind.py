"""Two-way, double-blind reviews.

Reviews gain a direction (the client reviews the freelancer, or the freelancer the client),
the reviewed person and a publication time; an engagement may have one review per direction.
Every existing review is a client's review of a freelancer, published when it was written.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Engagement = apps.get_model("engagements", "Engagement")
    freelancer_user = Engagement.objects.filter(pk=OuterRef("engagement_id")).values(
        "freelancer__user_id"
    )[:1]
    Review.objects.update(
        direction="of_freelancer",
        subject_id=Subquery(freelancer_user),
        published_at=models.F("created_at"),
    )
    if schema_editor.connection.vendor == "postgresql":
        # The new foreign key is checked at commit; check it now, so that the table can be
        # altered again in this transaction (no "pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('engagements', '0001_initial'),
        ('reviews', '0004_engagement_required'),
        ('services', '0005_published_category_score_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ClientReputation',
            fields=[
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='client_reputation', serialize=False, to=settings.AUTH_USER_MODEL)),
                ('review_count', models.PositiveIntegerField(default=0)),
                ('rating_average', models.DecimalField(blank=True, decimal_places=2, max_digits=3, null=True)),
                ('rating_score', models.FloatField()),
            ],
        ),
        migrations.AddField(
            model_name='review',
            name='direction',
            field=models.CharField(choices=[('of_freelancer', 'Client reviews the freelancer'), ('of_client', 'Freelancer reviews the client')], default='of_freelancer', max_length=20),
        ),
        migrations.AddField(
            model_name='review',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='review',
            name='subject',
            field=models.ForeignKey(help_text="The reviewed person: the freelancer's user, or the client.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reviews_received', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='review',
            name='subject',
            field=models.ForeignKey(help_text="The reviewed person: the freelancer's user, or the client.", on_delete=django.db.models.deletion.CASCADE, related_name='reviews_received', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='review',
            name='engagement',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='engagements.engagement'),
        ),
        migrations.AlterField(
            model_name='review',
            name='response',
            field=models.TextField(blank=True, max_length=5000, verbose_name="reviewed person's response"),
        ),
        migrations.AlterField(
            model_name='review',
            name='service',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='services.service'),
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(fields=['subject', 'direction', '-created_at'], name='review_subject_recent'),
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(('published_at__isnull', True)), fields=['created_at'], name='review_pending'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.UniqueConstraint(fields=('engagement', 'direction'), name='review_once_per_direction'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('direction', 'of_freelancer'), ('service__isnull', False)), models.Q(('direction', 'of_client'), ('service__isnull', True)), _connector='OR'), name='review_service_iff_of_freelancer'),
        ),
    ]
