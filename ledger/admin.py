from django.contrib import admin

from ledger.models import Account, Entry, Transaction


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff read the books here; money moves only through the payment workflows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EntryInline(admin.TabularInline):
    model = Entry
    fields = ("account", "amount")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "reference", "currency", "memo")
    list_filter = ("kind", "currency")
    search_fields = ("reference", "idempotency_key", "memo")
    date_hierarchy = "created_at"
    inlines = [EntryInline]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ("key", "kind", "currency", "holder", "created_at")
    list_filter = ("kind", "currency")
    search_fields = ("key", "reference", "holder__email")
