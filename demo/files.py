"""Files the demo needs, made locally: no download at set-up time."""

import io
import random

from PIL import Image, ImageDraw, ImageFont


def banner_png(*, width: int = 1600, height: int = 400, seed: int = 7) -> bytes:
    """A calm two-tone gradient with soft circles: the seed page's "Banner Image"."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = (22, 62, 92), (36, 120, 140)
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(14):
        r = rng.randint(30, 160)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def avatar_png(*, initials: str, size: int = 256) -> bytes:
    """Initials on a soft disc, the way sites show people without a photo."""
    image = Image.new("RGB", (size, size), (30, 90, 120))
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.06, size * 0.06, size * 0.94, size * 0.94], fill=(232, 241, 245))
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials[:2].upper(), fill=(22, 62, 92), font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def resume_pdf(lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with `lines` in Helvetica, with a correct cross-reference table."""
    content = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for i, line in enumerate(lines):
        content.append(("" if i == 0 else "T* ") + f"({_pdf_escape(line)}) Tj")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()
