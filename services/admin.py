from django.contrib import admin

from services.models import Category, Service


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "slug", "position")
    list_filter = ("parent",)
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("parent__position", "position", "name")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "owner",
        "category",
        "status",
        "hourly_rate",
        "starting_price",
        "currency",
        "review_count",
        "rating_average",
        "created_at",
    )
    list_filter = ("status", "engagement", "currency", "category__parent")
    list_select_related = ("owner", "category", "category__parent")
    search_fields = ("title", "slug", "owner__display_name", "owner__slug")
    raw_id_fields = ("owner",)
    autocomplete_fields = ("skills", "category")
    readonly_fields = ("review_count", "rating_average", "rating_score", "created_at", "updated_at")
    date_hierarchy = "created_at"
    actions = ["pause_services"]

    @admin.action(description="Pause the selected services")
    def pause_services(self, request, queryset):
        paused = queryset.update(status="paused")
        self.message_user(request, f"Paused {paused} service(s).")
