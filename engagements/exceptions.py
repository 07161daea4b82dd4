"""The refusal raised by hiring workflows; pages turn it into a message, the API into 400/409."""


class ActionRefused(Exception):
    """A workflow step that the rules do not allow, with a sentence a user can read.

    `code` lets callers choose a response without parsing the sentence: `not_participant`,
    `wrong_side`, `wrong_state`, `own_service`, `unavailable`, `duplicate`, `closed`.
    """

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code
