from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from rest_framework.authtoken.models import TokenProxy

from accounts.models import ApiToken, User

# Keys live in ApiToken now (hashed); the old table is only read by the migration that copied it.
admin.site.unregister(TokenProxy)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "date_joined")
    search_fields = ("username", "email", "first_name", "last_name")
    ordering = ("-date_joined",)
    readonly_fields = ("erased_at",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: a person revokes their tokens from their own page, which the trail records."""

    list_display = ("name", "prefix", "user", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("=user__email", "name")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    exclude = ("key_digest",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
