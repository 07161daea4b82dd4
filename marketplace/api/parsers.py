"""The API's JSON parser: DRF's, refusing input that could only crash the code behind it.

Two kinds of JSON are valid for the parser but not for the rest of the stack, and each once
answered 500 with a traceback in the log:

- nesting deeper than `MAX_JSON_DEPTH`: Python's decoder recurses and raises RecursionError
  (a body of 100,000 `[` does it), and nothing here nests more than a few levels;
- a NUL character in a string: PostgreSQL text cannot hold it, so a lookup or a save raises
  DataError wherever a serializer field does not check for it (slug and primary-key fields);
- a lone surrogate (`"\\ud800"`): JSON may escape one, UTF-8 cannot encode it, so any error
  message that repeats the value ("... is not a valid choice") fails to render. Text fields
  refuse them already; this covers every choice, slug and key at once.

All are a 400 in the API's error body; a NUL or a surrogate names the field it was found in.
"""

import re

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from marketplace.input_guards import NUL, NUL_MESSAGE

SURROGATE = re.compile(r"[\ud800-\udfff]")

MAX_JSON_DEPTH = 64


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_too_deep()) from None
        errors = check_json(data)
        if errors == "too_deep":
            raise ParseError(_too_deep())
        if errors:
            raise ValidationError(errors)
        return data


def _too_deep() -> str:
    return f"JSON parse error - the input is nested more than {MAX_JSON_DEPTH} levels deep."


def check_json(data) -> dict[str, list[str]] | str | None:
    """Walk `data` without recursion: "too_deep", {field path: [messages]} for NULs and lone
    surrogates, or None."""
    errors: dict[str, list[str]] = {}
    stack = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return "too_deep"
        if isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                for message in _unstorable(key):
                    errors.setdefault(_printable(name), []).append(message)
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                stack.append((item, f"{path}.{index}" if path else str(index), depth + 1))
        elif isinstance(value, str):
            for message in _unstorable(value):
                errors.setdefault(_printable(path) or "non_field_errors", []).append(message)
    return errors or None


def _unstorable(text: str) -> list[str]:
    messages = [NUL_MESSAGE] if NUL in text else []
    if surrogate := SURROGATE.search(text):
        # DRF's own words for text fields (ProhibitSurrogateCharactersValidator).
        messages.append(f"Surrogate characters are not allowed: U+{ord(surrogate[0]):X}.")
    return messages


def _printable(name: str) -> str:
    """A field path that the error body can carry: NULs and surrogates written as escapes."""
    name = name.replace(NUL, "\\u0000")
    return SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", name)
