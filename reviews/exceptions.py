"""The refusal raised by review workflows; pages turn it into a message, the API into 400/409."""


class ReviewRefused(Exception):
    """A review step that the rules do not allow, with a sentence a user can read.

    `code` lets callers choose a response without parsing the sentence: `anonymous`,
    `own_service`, `not_client`, `not_completed`, `window_closed`, `duplicate`, `not_author`,
    `edit_window_closed`, `hidden`, `not_freelancer`, `invalid`.
    """

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code
