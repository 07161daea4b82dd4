from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count, Max, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from engagements.admin import EngagementAdmin
from engagements.models import Engagement
from marketplace.admin import WorkflowDeleteAdmin
from ratings.aspects import ASPECTS
from reviews.forms import ModerationForm
from reviews.models import ModerationDecision, ReportedReview, Review, ReviewReport
from reviews.moderation import delete_engagement, hide_review, restore_review
from reviews.reputation import refresh_for_reviews


class ReviewAdminForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = [
            "engagement",
            "rating",
            *(aspect.rating_field for aspect in ASPECTS),
            "text",
            "response",
            "is_hidden",
            "hidden_reason",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_hidden") and not cleaned.get("hidden_reason", "").strip():
            self.add_error("hidden_reason", "Give the reason for hiding this review.")
        return cleaned


class ModerationDecisionInline(admin.TabularInline):
    model = ModerationDecision
    fields = ("created_at", "action", "reason", "moderator")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReviewReportInline(admin.TabularInline):
    model = ReviewReport
    fields = ("created_at", "reporter", "reason", "resolution", "resolved_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _moderate(modeladmin, request, queryset, *, hide: bool):
    """Hide or restore the selected reviews, after asking for the reason on a second page."""
    form = ModerationForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        decide = hide_review if hide else restore_review
        with transaction.atomic():
            # The queue's queryset is grouped (report counts): lock the plain rows by id.
            selected = list(queryset.values_list("pk", flat=True))
            reviews = list(
                Review.objects.select_for_update().filter(pk__in=selected).order_by("pk")
            )
            for review in reviews:
                decide(review=review, moderator=request.user, reason=form.cleaned_data["reason"])
        verb = "hidden" if hide else "restored"
        modeladmin.message_user(
            request,
            f"{len(reviews)} review{'s' if len(reviews) != 1 else ''} {verb}.",
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Hide reviews" if hide else "Restore reviews",
        "verb": "Hide" if hide else "Restore",
        "reviews": queryset.select_related("service", "author"),
        "form": form,
        "action": "hide_reviews" if hide else "restore_reviews",
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/reviews/moderate.html", context)


@admin.action(description="Hide selected reviews (asks for the reason)")
def hide_reviews(modeladmin, request, queryset):
    return _moderate(modeladmin, request, queryset, hide=True)


@admin.action(description="Restore selected reviews / keep them visible (asks for the reason)")
def restore_reviews(modeladmin, request, queryset):
    return _moderate(modeladmin, request, queryset, hide=False)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    form = ReviewAdminForm
    list_display = (
        "service",
        "direction",
        "author",
        "subject",
        "rating",
        "published_at",
        "is_hidden",
        "created_at",
    )
    list_filter = ("direction", "is_hidden", "rating", "created_at")
    list_select_related = ("service", "author", "subject")
    search_fields = ("text", "service__title", "author__email", "author__username")
    raw_id_fields = ("engagement", "service", "author", "subject")
    date_hierarchy = "created_at"
    actions = [hide_reviews, restore_reviews]

    def get_exclude(self, request, obj=None):
        # A new review takes its service, author and work date from its engagement.
        return ("service", "author", "subject", "work_completed_on") if obj is None else ()

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (
            "engagement",
            "direction",
            "service",
            "author",
            "subject",
            "published_at",
            "work_completed_on",
            "edited_at",
            "reports_and_decisions",
        )

    @admin.display(description="Reports and moderation log")
    def reports_and_decisions(self, obj):
        # Read-only text, not inlines: the change form stays a plain form (no formsets).
        lines = [
            format_html("Reported by {}: {}", report.reporter, report.reason)
            for report in obj.reports.select_related("reporter")
        ] + [
            format_html("{} on {:%Y-%m-%d}: {}", d.get_action_display(), d.created_at, d.reason)
            for d in obj.moderation_decisions.all()
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "None"

    # Every change here can move what is visible, so the stored reputation follows in the
    # same transaction (the admin wraps each change in one); hiding and restoring go through
    # the moderation workflow so the decision and its reason are logged.
    def save_model(self, request, obj, form, change):
        if obj.engagement_id and not change:
            # Written here, a review is the client's, published at once (no other side waits).
            obj.direction = "of_freelancer"
            obj.service_id = obj.engagement.service_id
            obj.author_id = obj.engagement.client_id
            obj.subject_id = obj.engagement.freelancer.user_id
            obj.published_at = timezone.now()
            completed_at = obj.engagement.completed_at or timezone.now()
            obj.work_completed_on = timezone.localdate(completed_at)
        super().save_model(request, obj, form, change)
        if change and "is_hidden" in form.changed_data:
            decide = hide_review if obj.is_hidden else restore_review
            reason = obj.hidden_reason or "Restored from the review's admin page."
            decide(review=obj, moderator=request.user, reason=reason)
        else:
            refresh_for_reviews([obj])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_for_reviews([obj])

    def delete_queryset(self, request, queryset):
        reviews = list(queryset.only("service_id", "subject_id"))
        super().delete_queryset(request, queryset)
        refresh_for_reviews(reviews)


@admin.register(ReportedReview)
class ReportedReviewAdmin(admin.ModelAdmin):
    """The moderation queue: reviews someone reported, those with open reports first."""

    list_display = ("__str__", "is_hidden", "open_reports", "latest_reasons", "last_reported")
    list_filter = ("is_hidden",)
    search_fields = ("text", "service__title", "reports__reason")
    actions = [hide_reviews, restore_reviews]
    inlines = [ReviewReportInline, ModerationDecisionInline]
    readonly_fields = (
        "engagement",
        "service",
        "author",
        "rating",
        *(aspect.rating_field for aspect in ASPECTS),
        "text",
        "work_completed_on",
        "response",
        "is_hidden",
        "hidden_reason",
        "created_at",
        "edited_at",
    )
    fields = readonly_fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("service", "author")
            .prefetch_related("reports")
            .annotate(
                report_count=Count("reports"),
                open_report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
                last_report_at=Max("reports__created_at"),
            )
            .filter(report_count__gt=0)
            .order_by("-open_report_count", "-last_report_at", "-pk")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Open reports", ordering="open_report_count")
    def open_reports(self, obj):
        return obj.open_report_count

    @admin.display(description="Last reported", ordering="last_report_at")
    def last_reported(self, obj):
        return obj.last_report_at

    @admin.display(description="Reasons")
    def latest_reasons(self, obj):
        # From the prefetched reports: no query per row.
        return " · ".join(report.reason[:80] for report in obj.reports.all()[:3])


@admin.register(ReviewReport)
class ReviewReportAdmin(admin.ModelAdmin):
    list_display = ("review", "reporter", "reason", "created_at", "resolution", "resolved_at")
    list_filter = ("resolution", "created_at")
    list_select_related = ("review__service", "review__author", "reporter")
    search_fields = ("reason", "reporter__email", "review__text")
    readonly_fields = ("review", "reporter", "reason", "created_at", "resolved_at", "resolution")

    def has_add_permission(self, request):
        return False


@admin.register(Engagement)
class ModeratedEngagementAdmin(WorkflowDeleteAdmin, EngagementAdmin):
    """Engagements, read-only, registered here because staff may delete one (spam, a legal
    request), and its reviews go with it: `delete_engagement` recomputes what they counted."""

    def delete_with_workflow(self, obj) -> None:
        delete_engagement(engagement=obj)
