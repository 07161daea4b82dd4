"""Reading a page as a person does (its visible text) and as a search engine does (its JSON-LD)."""

import html as html_module
import json
import re


def text_of(response) -> str:
    return visible_text(response.content.decode())


# Tags that flow within a line: removing them joins their text to what is around it, as a
# browser shows it ("$15<abbr>/hr</abbr>" reads "$15/hr", "<a>Elena</a>." reads "Elena.").
_INLINE = re.compile(r"</?(?:a|abbr|b|code|em|i|small|span|strong|time|var)\b[^>]*>")


def visible_text(html: str) -> str:
    """The text a reader sees in `html`: tags removed, whitespace collapsed. Pictures drawn
    in SVG (covers, icons) have no text to read."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = _INLINE.sub("", html)
    return html_module.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def json_ld(response) -> dict:
    """The page's one JSON-LD block, parsed."""
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block)
