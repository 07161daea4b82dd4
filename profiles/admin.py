from django.contrib import admin

from profiles.models import Profile, Skill, WritingSample


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = (
        "display_name",
        "slug",
        "user",
        "location",
        "hourly_rate",
        "review_count",
        "rating_average",
        "member_since",
    )
    list_filter = ("availability", "engagement_preference", "country")
    list_select_related = ("user",)
    search_fields = ("display_name", "slug", "user__email", "headline")
    raw_id_fields = ("user",)
    autocomplete_fields = ("skills",)
    readonly_fields = ("review_count", "rating_average", "created_at", "updated_at")
    date_hierarchy = "created_at"


@admin.register(WritingSample)
class WritingSampleAdmin(admin.ModelAdmin):
    list_display = ("title", "profile", "published_on", "created_at")
    list_select_related = ("profile",)
    search_fields = ("title", "profile__display_name", "profile__slug")
    raw_id_fields = ("profile", "services")
    date_hierarchy = "created_at"
