from django.contrib import admin

from profiles.editing import edit_writing_sample
from profiles.models import Profile, Skill, WritingSample
from services.search import refresh_search_vectors_with_skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Skill names are part of the search text of every service that lists them.
        if change and "name" in form.changed_data:
            refresh_search_vectors_with_skill(obj)


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

    def get_readonly_fields(self, request, obj=None):
        # A sample's slug, and so its URL, never changes once it exists.
        return ("slug",) if obj else ()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Through the workflow, which shows a sample only on its own author's services.
        sample = form.instance
        edit_writing_sample(
            sample=sample,
            title=sample.title,
            body=sample.body,
            original_url=sample.original_url,
            published_on=sample.published_on,
            services=form.cleaned_data["services"],
        )
