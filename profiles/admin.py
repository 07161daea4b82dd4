from django.contrib import admin

from marketplace.admin import WorkflowDeleteAdmin
from marketplace.pagecache import catalogue_changed
from profiles.editing import delete_writing_sample, edit_writing_sample
from profiles.models import Profile, WritingSample


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Deleting one is privacy.admin's: it takes the services out of the counts."""

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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalogue_changed()


@admin.register(WritingSample)
class WritingSampleAdmin(WorkflowDeleteAdmin):
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

    def delete_with_workflow(self, obj) -> None:
        delete_writing_sample(sample=obj)
