from django.contrib import admin

from saved_searches.models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "kind", "frequency", "paused_at", "last_alert_at"]
    list_filter = ["kind", "frequency"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["query", "created_at", "alerts_since", "next_alert_at", "last_alert_at"]
