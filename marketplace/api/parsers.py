"""The API's JSON parser: DRF's, refusing input that could only crash the code behind it.

Two kinds of JSON are valid for the parser but not for the rest of the stack, and each once
answered 500 with a traceback in the log:

- nesting deeper than `MAX_JSON_DEPTH`: Python's decoder recurses and raises RecursionError
  (a body of 100,000 `[` does it), and nothing here nests more than a few levels;
- a NUL character in a string: PostgreSQL text cannot hold it, so a lookup or a save raises
  DataError wherever a serializer field does not check for it (slug and primary-key fields).

Both are a 400 in the API's error body; a NUL names the field it was found in.
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from marketplace.input_guards import NUL, NUL_MESSAGE

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
    """Walk `data` without recursion: "too_deep", {field path: [message]} for NULs, or None."""
    errors: dict[str, list[str]] = {}
    stack = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return "too_deep"
        if isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else str(key)
                if NUL in key:
                    errors.setdefault(name.replace(NUL, "\\u0000"), []).append(NUL_MESSAGE)
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                stack.append((item, f"{path}.{index}" if path else str(index), depth + 1))
        elif isinstance(value, str) and NUL in value:
            errors.setdefault(path or "non_field_errors", []).append(NUL_MESSAGE)
    return errors or None
