"""The refusals of the order workflows, with the status each of their codes means."""

from http import HTTPStatus

from marketplace.refusals import Refused


class OrderRefused(Refused):
    """An order step the rules do not allow, with a sentence a user can read.

    Codes: `own_service`, `not_participant`, `wrong_side` (403); `not_offered` (404: a tier or
    add-on the service does not have, named like anything else that is not there);
    `unavailable`, `wrong_state`, `not_late`, `key_reused`, `offer_open`, `plan_full`,
    `add_on_open` (409);
    `invalid` (400).
    """

    statuses = {
        "own_service": HTTPStatus.FORBIDDEN,
        "not_participant": HTTPStatus.FORBIDDEN,
        "wrong_side": HTTPStatus.FORBIDDEN,
        "not_offered": HTTPStatus.NOT_FOUND,
        "unavailable": HTTPStatus.CONFLICT,
        "wrong_state": HTTPStatus.CONFLICT,
        "not_late": HTTPStatus.CONFLICT,
        "key_reused": HTTPStatus.CONFLICT,
        "offer_open": HTTPStatus.CONFLICT,
        "plan_full": HTTPStatus.CONFLICT,
        "add_on_open": HTTPStatus.CONFLICT,
    }
