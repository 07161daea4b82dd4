"""The client answers the freelancer's questions after paying; the delivery clock starts then.

The questions are read from the service when the client answers (the ones it asks at that
moment) and stored with each answer, so later edits change no order. Required questions
must be answered; a multiple-choice answer is one of its options; a file is checked by
decoding it (`payments.files`, the rules of delivered files) and kept in the private storage.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from messaging.models import Side
from orders import notifications
from orders.exceptions import OrderRefused
from orders.models import ANSWER_MAX_LENGTH, Order, RequirementAnswer
from payments.files import CheckedFile
from payments.locks import lock_milestone
from payments.models import Milestone, MilestoneState
from services.models import QuestionKind, RequirementQuestion


@dataclass(frozen=True)
class Answer:
    question: RequirementQuestion
    text: str = ""
    file: CheckedFile | None = None


def answer_problems(answers: list[Answer]) -> dict[int, str]:
    """What is wrong with each answer, by question id (the form and the API share this)."""
    problems = {}
    for answer in answers:
        question = answer.question
        if question.kind == QuestionKind.FILE:
            if question.required and answer.file is None:
                problems[question.pk] = "Attach a file: this question is required."
            continue
        text = answer.text.strip()
        if question.required and not text:
            problems[question.pk] = "Answer this question: it is required."
        elif len(text) > ANSWER_MAX_LENGTH:
            problems[question.pk] = f"Keep the answer to {ANSWER_MAX_LENGTH:,} characters."
        elif question.kind == QuestionKind.CHOICE and text and text not in question.option_list:
            problems[question.pk] = "Choose one of the options."
    return problems


def submit_requirements(*, order: Order, by, answers: list[Answer]) -> Order:
    """Store the client's answers and start the clock: the order is due its delivery days
    from now. Once only, and only for a paid order."""
    check_client(order, by)
    if problems := answer_problems(answers):
        raise OrderRefused(" ".join(problems.values()), code="invalid")
    storage = RequirementAnswer._meta.get_field("file").storage
    stored: list[str] = []
    try:
        with transaction.atomic():
            milestone = lock_milestone(order.milestone_id)
            locked = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
            _check_answerable(locked, milestone)
            now = timezone.now()
            for answer in answers:
                row = RequirementAnswer(
                    order=locked,
                    question=answer.question.text,
                    kind=answer.question.kind,
                    text=answer.text.strip(),
                )
                if answer.file is not None:
                    row.file_name = answer.file.name
                    row.content_type = answer.file.content_type
                    row.file.save(
                        f"{locked.pk}-{secrets.token_hex(8)}.{answer.file.extension}",
                        ContentFile(answer.file.content),
                        save=False,
                    )
                    stored.append(row.file.name)
                row.save()
            locked.requirements_at = now
            locked.due_at = now + timedelta(days=locked.delivery_days)
            locked.save(update_fields=["requirements_at", "due_at"])
            milestone.due_date = timezone.localdate(locked.due_at)
            milestone.awaiting_client_brief = False
            milestone.save(update_fields=["due_date", "awaiting_client_brief"])
            locked.milestone = milestone
            notifications.requirements_submitted(order=locked)
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return locked


def check_client(order: Order, user) -> None:
    """Only the order's client answers its questions (the freelancer reads them)."""
    if order.side_of(user) != Side.CLIENT:
        raise OrderRefused("Only the client answers the questions.", code="wrong_side")


def _check_answerable(order: Order, milestone: Milestone) -> None:
    if order.requirements_at is not None:
        raise OrderRefused("The questions are answered already.", code="wrong_state")
    if milestone.state != MilestoneState.FUNDED:
        raise OrderRefused(
            "Pay the order first: the questions are answered once it is in escrow."
            if milestone.state == MilestoneState.PROPOSED
            else "This order takes no answers now.",
            code="wrong_state",
        )
