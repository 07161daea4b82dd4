"""schema.org JSON-LD: what every page's block shares.

Search engines read these blocks; people never see them. Every string comes from user text, so
the block is serialised with the same escaping as Django's `json_script`: `<`, `>` and `&`
become \\u escapes and a `</script>` inside a title cannot end the block.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
DESCRIPTION_LENGTH = 300


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def absolute_url(path_or_url: str) -> str:
    """Canonical, absolute URL on SITE_URL (storage URLs that are already absolute stay)."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL + path_or_url


def summary(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
