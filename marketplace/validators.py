"""Validators for what freelancers type, shared by the profile, service and sample forms."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator

# A tag, closing tag, comment or processing instruction: "<b", "</p", "<!--", "<?php".
_MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z!?]")


def reject_markup(value: str) -> None:
    """One-line fields (names, titles, headlines) are plain text: refuse anything like a tag.

    Long texts (About, descriptions, samples) accept any character and are escaped on output,
    so that "x < y" in an article stays possible.
    """
    if _MARKUP.search(value or ""):
        raise ValidationError(
            "Use plain text here: HTML tags such as <b> or <script> are not allowed.",
            code="markup",
        )


# What str.strip() takes away, as a character class (the API schema states stripping with it;
# tests/api/test_schema.py checks it against str.isspace() for every code point).
WHITESPACE = (
    r"\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
# C0 and C1 control characters (tab, line feed, carriage return, vertical tab, escape...) and
# the Unicode line and paragraph separators.
CONTROL = r"\u0000-\u001f\u007f-\u009f\u2028\u2029"
# Written so that they read the same as Python and as ECMA regular expressions: the API schema
# publishes them as the fields' `pattern`.
_ONE_LINE = rf"[{WHITESPACE}]*[^{CONTROL}]*[{WHITESPACE}]*$"
NO_MARKUP = rf"(?![\s\S]*<[{WHITESPACE}]*[/!?]?[{WHITESPACE}]*[a-zA-Z!?])"
# One line: no control character but at either end, where forms and serializers strip what
# is whitespace before they check; and, as reject_markup says, nothing like a tag.
ONE_LINE_PATTERN = rf"^{NO_MARKUP}{_ONE_LINE}"


class OneLineValidator(RegexValidator):
    """One-line fields (names, titles, headlines) are shown on one line, in lists, page titles
    and email subjects: a line break or an escape sequence would break those (or forge a line).

    It checks the control characters; the pattern it publishes for the API schema states
    reject_markup's rule too, which every one-line field applies with its own message.
    """

    def __init__(self):
        message = (
            "Use a single line of text: line breaks, tabs and other control characters are "
            "not allowed."
        )
        super().__init__(ONE_LINE_PATTERN, message=message, code="not_one_line")
        self.control_check = RegexValidator(f"^{_ONE_LINE}", message=message, code=self.code)

    def __call__(self, value) -> None:
        self.control_check(value)


one_line = OneLineValidator()


# A web address as the sample form keeps it (Django's URL check, then percent-encoded): http or
# https, an ASCII host name with a top-level domain, an optional port, and a path of the
# characters a URI holds as they are, so that its length is its stored length. The API schema
# publishes it as the field's `pattern`; whitespace at either end is stripped first.
WEB_ADDRESS_PATTERN = (
    rf"^[{WHITESPACE}]*https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~!$&'()*+,;=:@/?#\[\]%-]*)?"
    rf"[{WHITESPACE}]*$"
)


class WebAddressValidator(RegexValidator):
    """The pattern, on top of the URL field's own check: an address that check refuses is
    left to it, so that it is said once."""

    def __init__(self):
        super().__init__(WEB_ADDRESS_PATTERN, message=URLValidator.message, code="invalid")

    def __call__(self, value) -> None:
        try:
            URLValidator()(value)
        except ValidationError:
            return
        super().__call__(value)


web_address = WebAddressValidator()
