"""The refusal raised by review workflows, with the status each of its codes means."""

from http import HTTPStatus

from marketplace.refusals import Refused


class ReviewRefused(Refused):
    """A review step that the rules do not allow, with a sentence a user can read.

    `code` lets callers choose a response without parsing the sentence: `anonymous`,
    `own_service`, `not_client`, `not_completed`, `window_closed`, `duplicate`, `not_author`,
    `edit_window_closed`, `hidden`, `not_freelancer` (not the reviewed person), `pending` (not
    published yet), `invalid`.
    """

    statuses = {
        "anonymous": HTTPStatus.UNAUTHORIZED,
        "own_service": HTTPStatus.FORBIDDEN,
        "not_client": HTTPStatus.FORBIDDEN,
        "not_author": HTTPStatus.FORBIDDEN,
        "not_freelancer": HTTPStatus.FORBIDDEN,
        "not_completed": HTTPStatus.CONFLICT,
        "window_closed": HTTPStatus.CONFLICT,
        "edit_window_closed": HTTPStatus.CONFLICT,
        "hidden": HTTPStatus.CONFLICT,
        "pending": HTTPStatus.CONFLICT,
        "duplicate": HTTPStatus.CONFLICT,
    }
