"""What schemathesis cannot guess from a schema: how to make a file of a documented type.

The schema says which media types the upload endpoints take (`encoding.contentType`); a
random string of bytes is not a PNG or a PDF, so without these strategies every generated
"valid" upload would be refused. Loaded with `SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks`.
"""

import io
import json

import schemathesis
from hypothesis import strategies as st
from PIL import Image

from marketplace.input_guards import NUL_MESSAGE


def _image(format_name: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=format_name)
    return buffer.getvalue()


def _pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


for media_type, format_name in [
    ("image/jpeg", "JPEG"),
    ("image/png", "PNG"),
    ("image/webp", "WEBP"),
]:
    schemathesis.openapi.media_type(
        media_type,
        st.sampled_from([_image(format_name, (320, 320)), _image(format_name, (1800, 600))]),
    )
schemathesis.openapi.media_type("application/pdf", st.just(_pdf()))


def _without_nul(value):
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, str):
        return value.replace("\x00", "")
    return value


@schemathesis.hook
def map_body(context, body):
    """Bodies without NUL characters, in names and values alike.

    The server refuses a NUL anywhere in a body with a 400 naming the field (PostgreSQL text
    cannot hold one), including in the extra fields a schema allows. OpenAPI 3.0 cannot say
    that of extra fields' names and values (it has no `propertyNames`), so schemathesis would
    count the refusal as a valid request rejected. tests/api/test_bad_input.py covers NULs.
    """
    return _without_nul(body)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Drop one failure only: a 400 whose every error is a NUL in a field's *name*.

    Bodies from the coverage phase do not pass through `map_body`, and a field name is the
    one place OpenAPI 3.0 cannot forbid a character. Every other failure is kept.
    """
    if failure.code != "ST202" or response.status_code != 400:
        return True
    try:
        errors = json.loads(response.content)["errors"]
    except (ValueError, KeyError, TypeError):
        return True
    names_with_nul = errors and all(
        "\\u0000" in name and messages == [NUL_MESSAGE] for name, messages in errors.items()
    )
    return not names_with_nul
