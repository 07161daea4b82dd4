"""Give every review written before hiring existed a completed engagement of its own.

Reviews now belong to an engagement (one each, NOT NULL from 0004). Existing reviews, the
generated demo ones included, get a completed engagement between their author and the
service's owner, dated at the review, in bulk; freelancers' completed counts follow.
"""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

BATCH = 2_000


def backfill(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    Engagement = apps.get_model("engagements", "Engagement")
    Profile = apps.get_model("profiles", "Profile")
    orphans = list(
        Review.objects.filter(engagement__isnull=True)
        .order_by("pk")
        .values_list("pk", "service_id", "service__owner_id", "service__currency", "author_id", "created_at")
    )
    for start in range(0, len(orphans), BATCH):
        rows = orphans[start : start + BATCH]
        engagements = Engagement.objects.bulk_create(
            [
                Engagement(
                    client_id=author_id,
                    service_id=service_id,
                    freelancer_id=owner_id,
                    what="Hired before engagements were recorded on the site.",
                    currency=currency,
                    state="completed",
                    requested_at=created_at,
                    accepted_at=created_at,
                    delivered_at=created_at,
                    completed_at=created_at,
                    last_activity_at=created_at,
                )
                for _, service_id, owner_id, currency, author_id, created_at in rows
            ]
        )
        Review.objects.bulk_update(
            [
                Review(pk=pk, engagement_id=engagement.pk, work_completed_on=created_at.date())
                for (pk, *_, created_at), engagement in zip(rows, engagements, strict=True)
            ],
            ["engagement", "work_completed_on"],
        )
    completed = (
        Engagement.objects.filter(freelancer=OuterRef("pk"), state="completed")
        .order_by()
        .values("freelancer")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    Profile.objects.update(completed_engagement_count=Coalesce(Subquery(completed), 0))


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0002_engagement_edits_reports"),
        ("profiles", "0003_profile_completed_engagement_count"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
