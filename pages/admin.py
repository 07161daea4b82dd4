from django.contrib import admin

from pages.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    readonly_fields = ["slug", "updated_at"]
    fields = ["slug", "title", "summary", "body", "updated_at"]

    def has_add_permission(self, request) -> bool:
        # The site links a fixed set of pages; staff edit them rather than add orphans.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
