from django.contrib import admin

from orders.models import Order, OrderAddOn, OrderExtra, RequirementAnswer
from payments.admin import ReadOnlyAdmin


class OrderAddOnInline(admin.TabularInline):
    model = OrderAddOn
    extra = 0
    can_delete = False
    readonly_fields = ("name", "price", "extra_days")

    def has_add_permission(self, request, obj=None):
        return False


class RequirementAnswerInline(admin.TabularInline):
    model = RequirementAnswer
    extra = 0
    can_delete = False
    fields = ("question", "kind", "text", "file_name")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class OrderExtraInline(admin.TabularInline):
    model = OrderExtra
    extra = 0
    can_delete = False
    fields = ("kind", "description", "extra_days", "price", "status", "offered_at", "decided_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    """Staff read orders here; they change only through the workflows (money through the
    order's milestone)."""

    list_display = ("__str__", "service", "client", "total", "currency", "placed_at", "due_at")
    list_select_related = ("service", "client")
    date_hierarchy = "placed_at"
    inlines = [OrderAddOnInline, RequirementAnswerInline, OrderExtraInline]
