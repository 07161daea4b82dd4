from django.contrib import admin

from reviews.models import Review
from reviews.reputation import refresh_reputation


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("service", "author", "rating", "is_hidden", "created_at")
    list_filter = ("is_hidden", "rating", "created_at")
    list_select_related = ("service", "author")
    search_fields = ("text", "service__title", "author__email", "author__username")
    raw_id_fields = ("service", "author")
    date_hierarchy = "created_at"

    # Moderation edits change what is visible, so the stored reputation follows in the same
    # transaction (the admin wraps each change in one).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_reputation(service_ids=[obj.service_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_reputation(service_ids=[obj.service_id])

    def delete_queryset(self, request, queryset):
        service_ids = list(queryset.values_list("service_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        refresh_reputation(service_ids=service_ids)
