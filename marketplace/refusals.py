"""The one shape in which a workflow says no, so that pages and the API answer alike."""

from typing import ClassVar


class Refused(Exception):
    """A step the rules do not allow: a sentence for people, a code for programs, and the
    HTTP status the refusal means, which the app that raises it decides.

    Subclasses map their codes to statuses in `statuses`; a code not listed is a 400. Pages
    render the sentence with `status_code`; the API answers `{"detail", "code"}` with it.
    """

    status_code: int = 400
    statuses: ClassVar[dict[str, int]] = {}
    # Seconds until trying again makes sense (a 429's `Retry-After`), when that is known.
    retry_after: int | None = None

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status_code = self.statuses.get(code, type(self).status_code)
