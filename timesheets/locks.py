"""Row locks of the hourly workflows, always in one order: the contract, then the week, then
the payment rows and the ledger's (payments.receipts locks the receipt counter last)."""

from timesheets.models import Contract, Week


def lock_contract(pk: int) -> Contract:
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("engagement__service", "engagement__client", "engagement__freelancer__user")
        .get(pk=pk)
    )


def lock_week(pk: int) -> Week:
    return (
        Week.objects.select_for_update(of=("self",))
        .select_related(
            "contract__engagement__service",
            "contract__engagement__client",
            "contract__engagement__freelancer__user",
        )
        .get(pk=pk)
    )
