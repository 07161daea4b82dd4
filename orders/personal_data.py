"""Orders in a person's data export, and in their erasure: the orders stay (the other side
relies on them, as on engagements), the files a client attached to their answers go."""

from marketplace.personal_data import ExportPart, eraser, exporter
from orders.models import Order, RequirementAnswer


@exporter("orders")
def export_orders(user) -> ExportPart:
    orders = Order.objects.involving(user).order_by("pk")
    answers = RequirementAnswer.objects.filter(order__client=user).order_by("pk")
    return ExportPart(
        records={
            "orders": list(
                orders.values(
                    "engagement_id",
                    "package_name",
                    "total",
                    "currency",
                    "placed_at",
                    "requirements_at",
                    "due_at",
                    "cancelled_at",
                )
            ),
            "requirement_answers": list(
                answers.values("order_id", "question", "text", "file_name")
            ),
        },
        files=[answer.file for answer in answers if answer.file],
    )


@eraser("orders")
def erase_answer_files(user) -> list:
    """The files they attached to their answers; the answers' text stays with the order."""
    answers = list(RequirementAnswer.objects.filter(order__client=user).exclude(file=""))
    files = [answer.file for answer in answers]
    RequirementAnswer.objects.filter(pk__in=[a.pk for a in answers]).update(file="", file_name="")
    return files
