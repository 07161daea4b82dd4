"""What the apps' admins share: writes made in the admin follow the same workflows as the
site's, so counts and cache versions stay true whatever staff do."""

from django.contrib import admin, messages

from marketplace.refusals import Refused


class AfterWriteAdmin(admin.ModelAdmin):
    """Every save and delete (one or many) is followed by `after_write(deleted=...)`: for rows
    whose change needs a cache version moved on or counts redone (job posts, categories)."""

    def after_write(self, *, deleted: bool) -> None:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.after_write(deleted=False)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.after_write(deleted=True)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self.after_write(deleted=True)


class WorkflowDeleteAdmin(admin.ModelAdmin):
    """Deleting one row or many goes through the app's deletion workflow, one row at a
    time, so that what the row counted in is recounted."""

    def delete_with_workflow(self, obj) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj):
        self._delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._delete(request, obj)

    def _delete(self, request, obj) -> None:
        try:
            self.delete_with_workflow(obj)
        except Refused as refusal:  # e.g. an account that money is held for
            self.message_user(request, f"{obj}: {refusal.message}", messages.ERROR)
