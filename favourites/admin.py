from django.contrib import admin

from favourites.models import Favourite


@admin.register(Favourite)
class FavouriteAdmin(admin.ModelAdmin):
    """Read-only: favourites are private lists; staff look only to answer a support request."""

    list_display = ["user", "service", "profile", "job", "created_at"]
    list_select_related = ["user", "service", "profile", "job"]
    raw_id_fields = ["user", "service", "profile", "job"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
