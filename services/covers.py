"""A generated cover for every service: its title on its category's colour, over a pattern of
its own.

A freelancer's uploaded banner is their cover; without one, each service card gets this
cover, drawn as inline SVG while the page renders: no file, no request, no query (everything
comes from the card's own row and its category, which cards select anyway), and it is cached
with the page and its fragments. The pattern and its angle come from a hash of the slug, so a
cover never changes between renders and two services of one category still look different.

The cover is decorative (`aria-hidden`): the card's heading says the same title.
"""

import hashlib
import textwrap
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 400, 150
MARGIN = 20
# Bold system fonts average about 0.6 em a character: 28 characters of 20 px fill the width.
TITLE_LINE_LENGTH = 28
TITLE_LINES = 3


@dataclass(frozen=True)
class CategoryStyle:
    colour: str  # white text on it has at least 4.5:1 contrast
    icon: str  # a file name in static/icons/, without .svg


# By top-level category slug; a category added later gets DEFAULT_STYLE.
CATEGORY_STYLES = {
    "programming-development": CategoryStyle("#1d4e89", "code"),
    "design-art": CategoryStyle("#8a2d5c", "palette"),
    "writing-translation": CategoryStyle("#0d5b73", "pen-line"),
    "sales-marketing": CategoryStyle("#a2391f", "megaphone"),
    "admin-support": CategoryStyle("#2f6b4f", "headset"),
    "engineering-architecture": CategoryStyle("#3b4a8c", "drafting-compass"),
    "legal": CategoryStyle("#5b4636", "scale"),
    "finance-management": CategoryStyle("#7a5410", "chart-line"),
}
DEFAULT_STYLE = CategoryStyle("#394452", "folder")


def category_style(category) -> CategoryStyle:
    """The style of a category's top-level category (reads `parent`: select it)."""
    top = category.parent if category.parent_id else category
    return CATEGORY_STYLES.get(top.slug, DEFAULT_STYLE)


# Patterns as SVG tiles (each a `<pattern>` body, in a tile of the given size), drawn in white
# at low opacity over the colour. The angle of the tiling varies per service.
_PATTERNS = [
    (16, '<circle cx="4" cy="4" r="2"/>'),  # dots
    (14, '<rect width="4" height="14"/>'),  # stripes
    (24, '<path d="M0 12h24M12 0v24" stroke="#fff" stroke-width="1.5" fill="none"/>'),  # grid
    (28, '<path d="M0 20l7-8 7 8 7-8 7 8" stroke="#fff" stroke-width="2" fill="none"/>'),
    (30, '<circle cx="15" cy="15" r="9" stroke="#fff" stroke-width="2" fill="none"/>'),  # rings
    (20, '<path d="M0 20L10 0l10 20z"/>'),  # triangles
]


def cover_svg(*, title: str, category, slug: str, uid: str) -> SafeString:
    """The cover of a service with this title, category (parent selected) and slug. `uid`
    is unique on the page (its pattern's id)."""
    digest = hashlib.sha256(slug.encode()).digest()
    tile, shape = _PATTERNS[digest[0] % len(_PATTERNS)]
    angle = (digest[1] % 12) * 15
    scale = 1 + (digest[2] % 3) * 0.25
    style = category_style(category)
    lines = textwrap.wrap(title, TITLE_LINE_LENGTH)
    if len(lines) > TITLE_LINES:
        lines = [*lines[: TITLE_LINES - 1], textwrap.shorten(" ".join(lines[2:]), 27) + "…"]
    top = HEIGHT - MARGIN - 24 * (len(lines) - 1)
    title_lines = mark_safe(  # every line is escaped here
        "".join(
            f'<tspan x="{MARGIN}" y="{top + 24 * number}">{escape(line)}</tspan>'
            for number, line in enumerate(lines)
        )
    )
    pattern_id = f"cover-{uid}"
    return format_html(
        '<svg class="cover" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid slice" '
        'aria-hidden="true" focusable="false">'
        '<defs><pattern id="{pid}" width="{tile}" height="{tile}" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate({angle}) scale({scale})" fill="#fff">{shape}</pattern></defs>'
        '<rect width="{w}" height="{h}" fill="{colour}"/>'
        '<rect width="{w}" height="{h}" fill="url(#{pid})" opacity=".16"/>'
        '<text class="cover__category" x="{m}" y="{category_y}">{category}</text>'
        '<text class="cover__title">{title}</text></svg>',
        w=WIDTH,
        h=HEIGHT,
        pid=pattern_id,
        tile=tile,
        angle=angle,
        scale=scale,
        shape=mark_safe(shape),  # a constant above
        colour=style.colour,
        m=MARGIN,
        category_y=MARGIN + 12,
        category=category.name.upper(),
        title=title_lines,
    )
