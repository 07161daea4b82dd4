"""The refusal raised by hiring workflows, with the status each of its codes means."""

from http import HTTPStatus

from marketplace.refusals import Refused


class ActionRefused(Refused):
    """A workflow step that the rules do not allow, with a sentence a user can read.

    `code` lets callers choose a response without parsing the sentence: `not_participant`,
    `wrong_side`, `wrong_state`, `own_service`, `own_job`, `unavailable`, `duplicate`, `closed`,
    `too_many`.
    """

    statuses = {
        "not_participant": HTTPStatus.FORBIDDEN,
        "wrong_side": HTTPStatus.FORBIDDEN,
        "own_service": HTTPStatus.FORBIDDEN,
        "own_job": HTTPStatus.FORBIDDEN,
        "wrong_state": HTTPStatus.CONFLICT,
        "duplicate": HTTPStatus.CONFLICT,
        "closed": HTTPStatus.CONFLICT,
        "unavailable": HTTPStatus.CONFLICT,
        "too_many": HTTPStatus.CONFLICT,
    }
