from django.contrib import admin

from jobs.caching import job_listings_changed
from jobs.models import Invitation, JobAttachment, JobPost, Proposal, ProposalMessage
from marketplace.admin import AfterWriteAdmin
from messaging.admin import ThreadMessageInline


class ProposalMessageInline(ThreadMessageInline):
    model = ProposalMessage


class JobAttachmentInline(admin.TabularInline):
    """The job's files, read-only: they change through jobs.attachments, which keeps the
    stored files and the rows together."""

    model = JobAttachment
    fields = ("name", "content_type", "size", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JobPost)
class JobPostAdmin(AfterWriteAdmin):
    """Read-mostly: jobs change through their workflows (jobs.posting), not here."""

    list_display = ("id", "title", "client", "category", "status", "visibility", "published_at")
    list_filter = ("status", "visibility")
    list_select_related = ("client", "category")
    search_fields = ("title", "client__email", "client__username")
    readonly_fields = ("status", "published_at", "closed_at", "filled_at")
    raw_id_fields = ("client",)
    filter_horizontal = ("skills",)
    inlines = [JobAttachmentInline]

    def after_write(self, *, deleted: bool) -> None:
        job_listings_changed()


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("id", "job", "freelancer", "price", "basis", "status", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("job", "freelancer")
    search_fields = ("job__title", "freelancer__display_name")
    readonly_fields = ("status", "engagement", "decided_at", "withdrawn_at")
    raw_id_fields = ("job", "freelancer", "service", "samples")
    inlines = [ProposalMessageInline]


@admin.register(Invitation)
class InvitationAdmin(AfterWriteAdmin):
    list_display = ("id", "job", "freelancer", "created_at")
    list_select_related = ("job", "freelancer")
    raw_id_fields = ("job", "freelancer")

    def after_write(self, *, deleted: bool) -> None:
        job_listings_changed()
