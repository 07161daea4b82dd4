"""Validators for what freelancers type, shared by the profile, service and sample forms."""

import re

from django.core.exceptions import ValidationError

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
