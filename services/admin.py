from django.contrib import admin
from django.db import transaction

from marketplace.admin import AfterWriteAdmin, WorkflowDeleteAdmin
from marketplace.pagecache import catalogue_changed, taxonomy_changed
from profiles.languages import native_languages_text
from profiles.models import Skill
from services.counters import recount_categories
from services.deletion import remove_service
from services.editing import EDITABLE_FIELDS, edit_service
from services.models import Category, Service, ServiceStatus
from services.publishing import pause_service, publish_service
from services.search import (
    refresh_search_vectors,
    refresh_search_vectors_in_category,
    refresh_search_vectors_with_skill,
)

STATUS_WORKFLOWS = {ServiceStatus.PUBLISHED: publish_service, ServiceStatus.PAUSED: pause_service}


@admin.register(Category)
class CategoryAdmin(AfterWriteAdmin):
    list_display = ("name", "parent", "slug", "position")
    list_filter = ("parent",)
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("parent__position", "position", "name")

    def after_write(self, *, deleted: bool) -> None:
        taxonomy_changed()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Category names are part of every service's search text under them.
        if change and {"name", "parent"} & set(form.changed_data):
            # After the commit: rewriting the services' rows while this category's row is
            # locked would deadlock with a publish in it (which locks the service, then the
            # category to recount it).
            transaction.on_commit(lambda: refresh_search_vectors_in_category(obj), robust=True)


# Skills belong to profiles, but their names are part of services' search text: renaming
# one re-indexes the services that list it, and deleting one recounts the categories.
@admin.register(Skill)
class SkillAdmin(AfterWriteAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def after_write(self, *, deleted: bool) -> None:
        if deleted:  # the skill left the skill counts of every category that listed it
            recount_categories()
        taxonomy_changed()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            refresh_search_vectors_with_skill(obj)


@admin.register(Service)
class ServiceAdmin(WorkflowDeleteAdmin):
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
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "created_at"
    actions = ["pause_services"]

    def get_readonly_fields(self, request, obj=None):
        # Once created, the slug follows the title through `edit_service`, which keeps the
        # old one as a redirect; typing a slug here would break shared links.
        return (*self.readonly_fields, "slug") if obj else self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields

    # The admin saves the row, then the many-to-many skills: the workflows run at the step
    # where what they need is saved, inside the one transaction the admin opens per change.
    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner_native_languages = native_languages_text(obj.owner)
            super().save_model(request, obj, form, change)
            return
        status = obj.status
        obj.status = form.initial["status"]
        edit_service(
            service=obj,
            # What `edit_service` saves; the form's other fields (owner, status) are staff-only.
            **{field: form.cleaned_data[field] for field in EDITABLE_FIELDS},
            skill_names=[skill.name for skill in form.cleaned_data["skills"]],
        )
        if "owner" in form.changed_data:
            obj.owner_native_languages = native_languages_text(obj.owner)
            obj.save(update_fields=["owner", "owner_native_languages", "updated_at"])
        if "status" in form.changed_data:
            change_status = STATUS_WORKFLOWS.get(status)
            if change_status:
                change_status(service=obj)
            else:  # back to a draft: out of the counts, like a pause
                obj.status = status
                obj.save(update_fields=["status", "updated_at"])
                recount_categories({obj.category_id})
                catalogue_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            service = form.instance
            refresh_search_vectors(service_ids=[service.pk])
            if service.status == ServiceStatus.PUBLISHED:
                recount_categories({service.category_id})
            catalogue_changed()

    def delete_with_workflow(self, obj) -> None:
        remove_service(service=obj)

    @admin.action(description="Pause the selected services")
    def pause_services(self, request, queryset):
        services = list(queryset.exclude(status=ServiceStatus.PAUSED))
        for service in services:
            pause_service(service=service)
        self.message_user(request, f"Paused {len(services)} service(s).")
