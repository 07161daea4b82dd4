"""Saved searches in a data export; an erasure deletes them and stops their alerts."""

from marketplace.personal_data import ExportPart, eraser, exporter
from saved_searches.models import SavedSearch


@exporter("saved_searches")
def export_saved_searches(user) -> ExportPart:
    return ExportPart(
        records=list(
            SavedSearch.objects.filter(user=user).values(
                "name", "kind", "query", "frequency", "created_at", "last_alert_at", "paused_at"
            )
        )
    )


@eraser("saved_searches", order=10)
def erase_saved_searches(user) -> list:
    SavedSearch.objects.filter(user=user).delete()
    return []
