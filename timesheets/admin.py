"""Read-only admin screens: hourly money changes only through the workflows."""

from django.contrib import admin

from timesheets.models import Contract, Terms, TimeEntry, Week, WeekDispute


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "state", "time_zone", "currency", "card_saved_at"]
    list_filter = ["state"]


@admin.register(Terms)
class TermsAdmin(ReadOnlyAdmin):
    list_display = ["contract", "hourly_rate", "weekly_limit", "status", "effective_from"]


@admin.register(Week)
class WeekAdmin(ReadOnlyAdmin):
    list_display = ["contract", "starts_on", "state", "hours", "amount", "review_ends_at"]
    list_filter = ["state"]


@admin.register(TimeEntry)
class TimeEntryAdmin(ReadOnlyAdmin):
    list_display = ["week", "date", "hours"]


@admin.register(WeekDispute)
class WeekDisputeAdmin(ReadOnlyAdmin):
    list_display = ["week", "opened_at", "resolved_at", "refund_amount"]
