from http import HTTPStatus

from marketplace.refusals import Refused


class MessageRefused(Refused):
    """A message nobody may write: not a side of the thread (403), or the thread is closed
    or the message empty (409 and 400)."""

    statuses = {"not_participant": HTTPStatus.FORBIDDEN, "closed": HTTPStatus.CONFLICT}
