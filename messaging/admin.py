from django.contrib import admin


class ThreadMessageInline(admin.TabularInline):
    """A private thread's messages, read-only: staff read threads but never write in them."""

    fields = ("created_at", "sender", "body")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False
