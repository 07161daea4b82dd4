from django.contrib import admin

from engagements.models import Engagement, Message
from engagements.transitions import refresh_completed_counts
from messaging.admin import ThreadMessageInline
from reviews.reputation import refresh_reputation


class MessageInline(ThreadMessageInline):
    model = Message


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    """Read-only for staff: engagements change only through their workflow (the site, the API).

    Staff may delete one (spam, legal request); its review goes with it, so the freelancer's
    reputation and completed count are recomputed in the same transaction.
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

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_reputation(service_ids=[obj.service_id])
        refresh_completed_counts(profile_ids=[obj.freelancer_id])

    def delete_queryset(self, request, queryset):
        rows = list(queryset.values_list("service_id", "freelancer_id"))
        super().delete_queryset(request, queryset)
        refresh_reputation(service_ids={service_id for service_id, _ in rows})
        refresh_completed_counts(profile_ids={profile_id for _, profile_id in rows})
