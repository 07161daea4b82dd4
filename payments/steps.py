"""The steps people take on a milestone, as one table that the pages and the API share:
the form that checks its input, the workflow it calls (which says who may), and its words."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404

from payments import delivery, disputes, planning, refunds, settlement
from payments.forms import (
    AnswerForm,
    ChangesForm,
    ConfirmForm,
    DisputeForm,
    RefundProposalForm,
    SubmissionForm,
)
from payments.models import Milestone, ProposalStatus


@dataclass(frozen=True)
class Step:
    """A step someone takes on a milestone: its page shows the milestone and the form; the
    workflow says who may take it (and refuses anyone else)."""

    label: str
    form: type
    run: Callable[[Milestone, object, dict], object]
    done: str
    explanation: str
    milestone_in_form: bool = False


def _open_proposal(milestone: Milestone):
    proposal = milestone.refund_proposals.filter(status=ProposalStatus.OPEN).first()
    if proposal is None:
        raise Http404("No refund proposal waits for an answer.")
    return proposal


def _open_dispute(milestone: Milestone):
    dispute = milestone.disputes.unresolved().first()
    if dispute is None:
        raise Http404("No dispute is open.")
    return dispute


STEPS = {
    "submit": Step(
        "Submit the work",
        SubmissionForm,
        lambda m, user, data: delivery.submit_work(
            milestone=m, by=user, message=data["message"], files=data["files"]
        ),
        "Work submitted: the client has been told.",
        "Deliver the milestone's work: the client then releases the payment or asks for changes.",
    ),
    "request-changes": Step(
        "Request changes",
        ChangesForm,
        lambda m, user, data: delivery.request_changes(milestone=m, by=user, note=data["note"]),
        "Changes requested: the freelancer has been told.",
        "Send the work back with what should change. This uses one of the milestone's "
        "revision rounds.",
    ),
    "release": Step(
        "Release the payment",
        ConfirmForm,
        lambda m, user, data: settlement.release(milestone=m, by=user),
        "Payment released to the freelancer.",
        "The whole amount goes to the freelancer, less the platform fee. This cannot be undone.",
    ),
    "refund": Step(
        "Propose a refund",
        RefundProposalForm,
        lambda m, user, data: refunds.propose_refund(
            milestone=m, by=user, amount=data["amount"], reason=data["reason"]
        ),
        "Refund proposed: the other side has been told.",
        "Propose how much goes back to the client's card; the rest is released to the "
        "freelancer. It happens when the other side accepts.",
        milestone_in_form=True,
    ),
    "accept-refund": Step(
        "Accept the refund",
        ConfirmForm,
        lambda m, user, data: refunds.accept_refund(proposal=_open_proposal(m), by=user),
        "Refund accepted: the milestone is settled.",
        "The proposed amount goes back to the client's card, and the rest to the freelancer.",
    ),
    "decline-refund": Step(
        "Decline the refund",
        ConfirmForm,
        lambda m, user, data: refunds.decline_refund(proposal=_open_proposal(m), by=user),
        "Refund declined.",
        "The money stays in escrow.",
    ),
    "dispute": Step(
        "Open a dispute",
        DisputeForm,
        lambda m, user, data: disputes.open_dispute(milestone=m, by=user, reason=data["reason"]),
        "Dispute opened: the other side and staff have been told.",
        "Staff decide how the amount is split after the other side has answered. While the "
        "dispute is open nothing is released or refunded.",
    ),
    "answer": Step(
        "Answer the dispute",
        AnswerForm,
        lambda m, user, data: disputes.answer_dispute(
            dispute=_open_dispute(m), by=user, answer=data["answer"]
        ),
        "Answer sent: staff will decide.",
        "Say your side; staff read both before deciding.",
    ),
    "drop": Step(
        "Drop this milestone",
        ConfirmForm,
        lambda m, user, data: planning.drop_milestone(milestone=m, by=user),
        "Milestone dropped.",
        "Nothing was paid for it; it leaves the plan.",
    ),
}
