"""Favourites in a data export; an erasure deletes them (nobody else ever sees them)."""

from favourites.models import Favourite
from marketplace.personal_data import ExportPart, eraser, exporter


@exporter("favourites")
def export_favourites(user) -> ExportPart:
    rows = Favourite.objects.filter(user=user).values(
        "service__title", "profile__display_name", "job__title", "created_at"
    )
    return ExportPart(
        records=[
            {
                "saved": row["service__title"] or row["profile__display_name"] or row["job__title"],
                "kind": "service"
                if row["service__title"]
                else "freelancer"
                if row["profile__display_name"]
                else "job",
                "saved_at": row["created_at"],
            }
            for row in rows
        ]
    )


@eraser("favourites", order=10)
def erase_favourites(user) -> list:
    Favourite.objects.filter(user=user).delete()
    return []
