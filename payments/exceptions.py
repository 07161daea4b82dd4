"""The refusals of the payment workflows, with the status each of their codes means."""

from http import HTTPStatus

from marketplace.refusals import Refused


class PaymentRefused(Refused):
    """A money step the rules do not allow, with a sentence a user can read.

    Codes: `not_participant`, `wrong_side` (403); `wrong_state`, `not_fundable`, `disputed`,
    `no_revisions_left`, `answer_window_closed`, `not_ready`, `insufficient_balance`,
    `no_payout_details`, `card_declined`, `plan_accepted`, `no_plan`, `plan_full` (409);
    `invalid` (400).
    """

    statuses = {
        "not_participant": HTTPStatus.FORBIDDEN,
        "wrong_side": HTTPStatus.FORBIDDEN,
        "not_staff": HTTPStatus.FORBIDDEN,
        "wrong_state": HTTPStatus.CONFLICT,
        "not_fundable": HTTPStatus.CONFLICT,
        "disputed": HTTPStatus.CONFLICT,
        "no_revisions_left": HTTPStatus.CONFLICT,
        "answer_window_closed": HTTPStatus.CONFLICT,
        "not_ready": HTTPStatus.CONFLICT,
        "insufficient_balance": HTTPStatus.CONFLICT,
        "no_payout_details": HTTPStatus.CONFLICT,
        "plan_accepted": HTTPStatus.CONFLICT,
        "no_plan": HTTPStatus.CONFLICT,
        "plan_full": HTTPStatus.CONFLICT,
        "card_declined": HTTPStatus.PAYMENT_REQUIRED,
    }


class ProcessorUnavailable(Refused):
    """Stripe did not answer in time, or answered with an error of its own: nothing was
    recorded as paid or refunded, and trying again a little later is the remedy."""

    status_code = HTTPStatus.SERVICE_UNAVAILABLE
    retry_after = 30

    def __init__(self, message: str = "", *, code: str = "processor_unavailable"):
        super().__init__(
            message
            or "The card processor did not answer in time. Nothing was charged or recorded: "
            "please try again in a minute.",
            code=code,
        )
