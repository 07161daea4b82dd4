from auditlog.admin import LogEntryAdmin
from django.contrib import admin

from audit.models import Event

# auditlog registers a generic admin for its entry model; this one adds the trail's own
# filters (what happened, to whose account) and is read-only throughout.
admin.site.unregister(Event)


@admin.register(Event)
class EventAdmin(LogEntryAdmin):
    list_display = [
        "created",
        "action_name",
        "subject_link",
        "user_url",
        "remote_addr",
        "msg_short",
    ]
    list_filter = ["action_name", "action", "timestamp"]
    list_select_related = ["content_type", "actor", "subject"]
    search_fields = ["=subject__id", "=actor__id", "subject__email", "actor__email", "=remote_addr"]
    search_help_text = "An account's id or email address, or an address (exact)."
    readonly_fields = [
        *LogEntryAdmin.readonly_fields,
        "action_name",
        "subject",
        "remote_addr",
        "additional_data",
    ]
    fieldsets = [
        (None, {"fields": ["created", "action_name", "user_url", "subject", "remote_addr"]}),
        ("What changed", {"fields": ["resource_url", "action", "msg", "additional_data"]}),
    ]

    @admin.display(description="Account", ordering="subject")
    def subject_link(self, obj: Event) -> str:
        return obj.subject.email if obj.subject else ""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
