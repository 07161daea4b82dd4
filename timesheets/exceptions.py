"""The refusals of the hourly workflows, with the status each code means."""

from http import HTTPStatus

from marketplace.refusals import Refused


class HourlyRefused(Refused):
    """A step of hourly work the rules do not allow, with a sentence a user can read.

    Codes: `not_participant`, `wrong_side`, `not_staff` (403); `not_hourly`, `no_terms`,
    `terms_changed`, `no_card`, `contract_paused`, `contract_ended`, `payment_failed`,
    `week_closed`, `over_limit`, `wrong_state`, `review_closed` (409); `card_declined` (402);
    `invalid` (400).
    """

    statuses = {
        "not_participant": HTTPStatus.FORBIDDEN,
        "wrong_side": HTTPStatus.FORBIDDEN,
        "not_staff": HTTPStatus.FORBIDDEN,
        "not_hourly": HTTPStatus.CONFLICT,
        "no_terms": HTTPStatus.CONFLICT,
        "terms_changed": HTTPStatus.CONFLICT,
        "no_card": HTTPStatus.CONFLICT,
        "contract_paused": HTTPStatus.CONFLICT,
        "contract_ended": HTTPStatus.CONFLICT,
        "payment_failed": HTTPStatus.CONFLICT,
        "week_closed": HTTPStatus.CONFLICT,
        "over_limit": HTTPStatus.CONFLICT,
        "wrong_state": HTTPStatus.CONFLICT,
        "review_closed": HTTPStatus.CONFLICT,
        "card_declined": HTTPStatus.PAYMENT_REQUIRED,
    }
