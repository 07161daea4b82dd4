from django.contrib import admin

from engagements.models import Message
from messaging.admin import ThreadMessageInline


class MessageInline(ThreadMessageInline):
    model = Message


class EngagementAdmin(admin.ModelAdmin):
    """Read-only for staff: engagements change only through their workflow (the site, the API).

    Registered by reviews.admin, which adds deleting one (its reviews go with it).
    """

    list_display = ("id", "service", "client", "freelancer", "state", "last_activity_at")
    list_filter = ("state", "completed_automatically")
    list_select_related = ("service", "client", "freelancer")
    search_fields = ("service__title", "client__email", "client__username", "freelancer__slug")
    date_hierarchy = "requested_at"
    inlines = [MessageInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
