"""Pictures for the demo catalogue, drawn with Pillow: illustrated avatars. Each is a pure
function of the name (randomness seeded from its hash), so every load on every machine draws
the same picture. No text is drawn: fonts differ by machine. Services need no picture: cards
draw each one's cover (services.covers).
"""

import functools
import hashlib
import io
import random

from PIL import Image, ImageDraw

from uploads.images import AVATAR_SIZE, AVATAR_THUMBNAIL_SIZE

SKIN_TONES = [(255, 224, 196), (241, 194, 152), (224, 172, 125), (198, 134, 90), (141, 85, 54)]
HAIR_COLOURS = [(35, 25, 20), (90, 55, 30), (160, 110, 60), (200, 170, 110), (120, 120, 120)]
BACKGROUNDS = [(206, 228, 240), (240, 222, 206), (222, 240, 214), (236, 220, 240), (244, 236, 204)]
SHIRTS = [(13, 91, 115), (163, 84, 0), (90, 60, 140), (40, 120, 80), (160, 40, 60), (50, 60, 70)]


def _rng(*parts: str) -> random.Random:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _png(image: Image.Image) -> bytes:
    # Flat illustrations: 64 colours look the same and weigh a third (a 64 px avatar: 1 KiB).
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(
        out, format="PNG", optimize=True
    )
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
