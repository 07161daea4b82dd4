"""Pictures for the demo catalogue, drawn with Pillow: illustrated avatars and category-themed
covers. Each is a pure function of its inputs (randomness seeded from a hash of the name), so
every load on every machine draws the same picture. No text is drawn: fonts differ by machine.
"""

import functools
import hashlib
import io
import random

from PIL import Image, ImageDraw

from uploads.images import AVATAR_SIZE, AVATAR_THUMBNAIL_SIZE

COVER_SIZE = (960, 320)

# Background and accent colours per top-level category (slug), so covers read as a family.
CATEGORY_COLOURS = {
    "programming-development": ((18, 52, 86), (64, 160, 200)),
    "design-art": ((120, 40, 90), (250, 170, 90)),
    "writing-translation": ((22, 62, 92), (236, 226, 200)),
    "sales-marketing": ((150, 50, 40), (255, 210, 120)),
    "admin-support": ((40, 90, 80), (180, 230, 200)),
    "engineering-architecture": ((20, 50, 110), (160, 200, 255)),
    "legal": ((60, 45, 40), (220, 190, 140)),
    "finance-management": ((25, 80, 50), (200, 240, 150)),
}
SKIN_TONES = [(255, 224, 196), (241, 194, 152), (224, 172, 125), (198, 134, 90), (141, 85, 54)]
HAIR_COLOURS = [(35, 25, 20), (90, 55, 30), (160, 110, 60), (200, 170, 110), (120, 120, 120)]
BACKGROUNDS = [(206, 228, 240), (240, 222, 206), (222, 240, 214), (236, 220, 240), (244, 236, 204)]
SHIRTS = [(13, 91, 115), (163, 84, 0), (90, 60, 140), (40, 120, 80), (160, 40, 60), (50, 60, 70)]


def _rng(*parts: str) -> random.Random:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@functools.lru_cache(maxsize=256)  # pure: loading the demo again draws nothing twice
def avatar(name: str) -> tuple[bytes, bytes]:
    """A friendly illustrated head and shoulders for `name`: (256 px PNG, 64 px thumbnail)."""
    rng = _rng("avatar", name)
    scale = 4  # drawn large, then scaled down: smooth edges without anti-aliasing support
    size = AVATAR_SIZE * scale
    image = Image.new("RGB", (size, size), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    skin, hair, shirt = rng.choice(SKIN_TONES), rng.choice(HAIR_COLOURS), rng.choice(SHIRTS)
    cx, unit = size // 2, size / 16
    # Shoulders.
    draw.ellipse([cx - 6.5 * unit, 11.5 * unit, cx + 6.5 * unit, 20 * unit], fill=shirt)
    draw.rectangle([cx - 1.2 * unit, 9.5 * unit, cx + 1.2 * unit, 12.5 * unit], fill=skin)
    # Hair behind the head: long, short or none.
    style = rng.choice(["long", "short", "bun", "none"])
    if style == "long":
        draw.rounded_rectangle(
            [cx - 4.4 * unit, 3 * unit, cx + 4.4 * unit, 12 * unit], radius=2 * unit, fill=hair
        )
    elif style == "bun":
        draw.ellipse([cx - 1.6 * unit, 0.9 * unit, cx + 1.6 * unit, 4 * unit], fill=hair)
    # Head.
    draw.ellipse([cx - 3.6 * unit, 3.2 * unit, cx + 3.6 * unit, 11.4 * unit], fill=skin)
    # Hair on top.
    if style != "none":
        draw.chord([cx - 3.9 * unit, 2.6 * unit, cx + 3.9 * unit, 8.6 * unit], 180, 360, fill=hair)
    # Eyes, brows and a smile.
    eye_y = 7.2 * unit
    for side in (-1, 1):
        ex = cx + side * 1.4 * unit
        draw.ellipse(
            [ex - 0.32 * unit, eye_y - 0.32 * unit, ex + 0.32 * unit, eye_y + 0.32 * unit],
            fill=(40, 30, 30),
        )
        draw.line(
            [ex - 0.6 * unit, eye_y - 0.9 * unit, ex + 0.6 * unit, eye_y - 1.0 * unit],
            fill=hair if style != "none" else (90, 60, 40),
            width=int(0.25 * unit),
        )
    draw.arc(
        [cx - 1.3 * unit, 7.9 * unit, cx + 1.3 * unit, 9.9 * unit],
        20,
        160,
        fill=(150, 60, 60),
        width=int(0.25 * unit),
    )
    if rng.random() < 0.3:  # glasses
        for side in (-1, 1):
            ex = cx + side * 1.4 * unit
            draw.ellipse(
                [ex - 0.9 * unit, eye_y - 0.8 * unit, ex + 0.9 * unit, eye_y + 0.8 * unit],
                outline=(40, 40, 50),
                width=int(0.18 * unit),
            )
        draw.line(
            [cx - 0.5 * unit, eye_y, cx + 0.5 * unit, eye_y],
            fill=(40, 40, 50),
            width=int(0.18 * unit),
        )
    large = image.resize((AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS)
    small = image.resize((AVATAR_THUMBNAIL_SIZE, AVATAR_THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    return _png(large), _png(small)


@functools.lru_cache(maxsize=256)
def cover(*, category: str, name: str) -> bytes:
    """A cover picture (960 × 320 JPEG) themed on a top-level category's slug."""
    rng = _rng("cover", category, name)
    base, accent = CATEGORY_COLOURS.get(category, ((30, 60, 90), (200, 220, 240)))
    width, height = COVER_SIZE
    image = Image.new("RGB", COVER_SIZE, base)
    draw = ImageDraw.Draw(image)
    # A soft diagonal gradient towards a lighter shade of the base colour.
    light = tuple(min(255, c + 45) for c in base)
    for x in range(0, width, 4):
        t = x / width
        colour = tuple(round(a + (b - a) * t) for a, b in zip(base, light, strict=True))
        draw.rectangle([x, 0, x + 4, height], fill=colour)
    _MOTIFS.get(category, _circles)(draw, rng, accent, width, height)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


def _faded(colour: tuple[int, int, int], base: int = 0) -> tuple[int, int, int]:
    return tuple(round(c * 0.55 + base) for c in colour)


def _code(draw, rng, accent, width, height):
    """Indented lines, like code in an editor."""
    y, indent = 40, 0
    while y < height - 30:
        indent = max(0, min(4, indent + rng.choice([-1, 0, 0, 1])))
        x = 60 + indent * 36
        for _ in range(rng.randint(1, 4)):
            length = rng.randint(30, 140)
            draw.rounded_rectangle(
                [x, y, x + length, y + 12],
                radius=6,
                fill=accent if rng.random() < 0.4 else _faded(accent, 30),
            )
            x += length + 14
        y += 28


def _shapes(draw, rng, accent, width, height):
    """Overlapping circles and triangles, like a designer's sketchbook."""
    for _ in range(14):
        r = rng.randint(20, 90)
        x, y = rng.randint(0, width), rng.randint(0, height)
        if rng.random() < 0.5:
            draw.ellipse([x - r, y - r, x + r, y + r], outline=accent, width=4)
        else:
            draw.polygon(
                [(x, y - r), (x + r, y + r), (x - r, y + r)], outline=_faded(accent, 60), width=4
            )


def _paragraphs(draw, rng, accent, width, height):
    """A page of text: paragraphs of lines with ragged ends."""
    x0, top = rng.randint(80, width - 640), rng.randint(16, 60)
    draw.rounded_rectangle(
        [x0 - 40, top, x0 + 560, height + 20], radius=16, fill=_faded(accent, 60)
    )
    y = top + 36
    while y < height - 20:
        for line in range(rng.randint(2, 4)):
            end = x0 + rng.randint(380, 480) if line else x0 + 480
            draw.rounded_rectangle([x0, y, end, y + 9], radius=4, fill=(60, 70, 80))
            y += 20
        y += 16


def _bars(draw, rng, accent, width, height):
    """A rising bar chart."""
    x, level = 80, rng.randint(40, 80)
    while x < width - 80:
        level = max(30, min(height - 60, level + rng.randint(-15, 35)))
        draw.rectangle([x, height - 30 - level, x + 36, height - 30], fill=accent)
        x += 56


def _calendar(draw, rng, accent, width, height):
    """A month of days, a few of them ticked."""
    cell = 40
    x0, y0 = width // 2 - 3.5 * (cell + 8), 40
    for row in range(5):
        for col in range(7):
            x, y = x0 + col * (cell + 8), y0 + row * (cell + 8)
            filled = rng.random() < 0.3
            draw.rounded_rectangle(
                [x, y, x + cell, y + cell],
                radius=6,
                fill=accent if filled else None,
                outline=accent,
                width=3,
            )


def _blueprint(draw, rng, accent, width, height):
    """Grid paper with a floor plan."""
    for x in range(0, width, 24):
        draw.line([x, 0, x, height], fill=_faded(accent, 10), width=1)
    for y in range(0, height, 24):
        draw.line([0, y, width, y], fill=_faded(accent, 10), width=1)
    x0, y0 = rng.randint(120, 300), 48
    rooms = [(0, 0, 240, 140), (240, 0, 420, 90), (240, 90, 420, 220), (0, 140, 240, 220)]
    for left, top, right, bottom in rooms:
        draw.rectangle([x0 + left, y0 + top, x0 + right, y0 + bottom], outline=accent, width=4)


def _columns(draw, rng, accent, width, height):
    """A classical portico."""
    x0 = width // 2 - 220
    draw.polygon([(x0 - 20, 90), (x0 + 220, 30), (x0 + 460, 90)], fill=accent)
    for i in range(6):
        x = x0 + i * 86
        draw.rectangle([x, 100, x + 26, height - 50], fill=accent)
    draw.rectangle([x0 - 30, height - 50, x0 + 470, height - 34], fill=accent)


def _line_chart(draw, rng, accent, width, height):
    """A trend line over a light grid."""
    for y in range(40, height, 50):
        draw.line([40, y, width - 40, y], fill=_faded(accent, 20), width=1)
    points, y = [], height - 80
    for x in range(60, width - 40, 60):
        y = max(40, min(height - 40, y + rng.randint(-50, 30)))
        points.append((x, y))
    draw.line(points, fill=accent, width=6, joint="curve")
    for x, y in points:
        draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=accent)


def _circles(draw, rng, accent, width, height):
    for _ in range(12):
        r = rng.randint(30, 140)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=accent, width=3)


_MOTIFS = {
    "programming-development": _code,
    "design-art": _shapes,
    "writing-translation": _paragraphs,
    "sales-marketing": _bars,
    "admin-support": _calendar,
    "engineering-architecture": _blueprint,
    "legal": _columns,
    "finance-management": _line_chart,
}
