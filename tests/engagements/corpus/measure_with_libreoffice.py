"""Count the corpus's words with a real word processor, LibreOffice Writer, and write its
counts into texts.toml, where tests/engagements/test_word_counts.py compares ours with them.

Run it after make_corpus.py (which writes the documents from texts.toml and never touches
texts.toml itself), from this folder or anywhere:

    apt-get install --no-install-recommends libreoffice-writer-nogui   # Debian 12: 7.4.7.2
    python3 tests/engagements/corpus/measure_with_libreoffice.py

It needs only Python's standard library and `soffice`; the tests need neither: the counts are
data in texts.toml. For each document it sets

- word_processor_words, word_processor_characters, word_processor_non_whitespace_characters:
  LibreOffice's document statistics (meta:word-count, meta:character-count,
  meta:non-whitespace-character-count in meta.xml) of the file opened in Writer and saved as
  .odt, which has Writer count it afresh;
- measured_sha256: the file that was measured, so that a test notices a document written again
  but not measured again;

and, at the top, word_processor: the version of LibreOffice (`soffice --version`).

How each format is opened: .docx, .odt and .rtf by Writer's own filters; .txt and .md as UTF-8
plain text (Writer has no Markdown filter, so "#" or "-" are text, as in any word processor).
A PDF is not a word-processor document: LibreOffice opens it in Draw, and Writer's PDF import
(writer_pdf_import) puts each line in a drawing shape, which Writer's statistics skip (they
report 0 words). So a PDF's text is taken from what LibreOffice's PDF import read, line by
line in reading order (top to bottom, left to right), and that text is opened in Writer as
plain text and counted: the words are LibreOffice's reading of the PDF, the count Writer's.
"""

import hashlib
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts.toml"
PLAIN_TEXT = "Text (encoded):UTF8,LF,,"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
STATISTICS = {
    "word_processor_words": "word-count",
    "word_processor_characters": "character-count",
    "word_processor_non_whitespace_characters": "non-whitespace-character-count",
}
MEASURED_KEYS = (*STATISTICS, "measured_sha256")


def soffice(source: Path, outdir: Path, infilter: str | None = None) -> Path:
    """`source` opened in LibreOffice (with `infilter` if given) and saved as .odt in outdir."""
    profile = outdir / "profile"  # a profile of its own: never the user's, never shared
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", "odt", "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    converted = outdir / f"{source.stem}.odt"
    if not converted.exists():
        sys.exit(f"LibreOffice did not convert {source.name}")
    return converted


def statistics(odt: Path) -> dict[str, int]:
    meta = ElementTree.fromstring(zipfile.ZipFile(odt).read("meta.xml"))
    found = meta.find(".//meta:document-statistic", NS)
    return {key: int(found.get(f"{{{NS['meta']}}}{name}")) for key, name in STATISTICS.items()}


def _length(value: str | None) -> float:
    return float(re.sub(r"[a-z]+$", "", value or "0"))


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    """A paragraph's text with its spaces (<text:s text:c="n"/>), tabs and line breaks."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        name = child.tag.rsplit("}", 1)[-1]
        if name == "s":
            parts.append(" " * int(child.get(f"{{{NS['text']}}}c", "1")))
        elif name in ("tab", "line-break"):
            parts.append(" ")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def pdf_lines(imported: Path) -> list[str]:
    """The lines LibreOffice's PDF import read, in reading order (its shapes are in no order)."""
    content = ElementTree.fromstring(zipfile.ZipFile(imported).read("content.xml"))
    frames = []
    for frame in content.iter(f"{{{NS['draw']}}}frame"):
        text = " ".join(
            _paragraph_text(paragraph) for paragraph in frame.iter(f"{{{NS['text']}}}p")
        )
        y = _length(frame.get(f"{{{NS['svg']}}}y"))
        x = _length(frame.get(f"{{{NS['svg']}}}x"))
        page = int(frame.get(f"{{{NS['text']}}}anchor-page-number", "1"))
        frames.append((page, round(y, 2), x, text))
    return [text for *_, text in sorted(frames)]


def measure(document: Path, work: Path) -> dict[str, int]:
    outdir = work / document.stem
    outdir.mkdir()
    if document.suffix == ".pdf":
        imported = soffice(document, outdir / "pdf", infilter="writer_pdf_import")
        text = outdir / f"{document.stem}.txt"
        text.write_text("\n".join(pdf_lines(imported)) + "\n", encoding="utf-8")
        return statistics(soffice(text, outdir, infilter=PLAIN_TEXT))
    infilter = PLAIN_TEXT if document.suffix in (".txt", ".md") else None
    return statistics(soffice(document, outdir, infilter=infilter))


def version() -> str:
    found = subprocess.run(["soffice", "--version"], check=True, capture_output=True, text=True)
    return found.stdout.strip()


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rewritten(source: str, lo_version: str, measured: dict[str, dict]) -> str:
    """texts.toml with the measured keys set: its comments and texts untouched. Each key is a
    line of its own at the start of a line, which no text in the corpus begins with (the
    result is checked by parsing it again)."""
    out, current = [], None
    for line in source.splitlines():
        key = line.split("=", 1)[0].strip() if "=" in line else None
        if key == "word_processor" or (key in MEASURED_KEYS and current is not None):
            continue  # written afresh below
        if line == "[[document]]" and current is None:
            while out and not out[-1]:
                out.pop()
            out += [f"word_processor = {toml_string(lo_version)}", ""]
        out.append(line)
        if line.startswith("file = "):
            current = tomllib.loads(line)["file"]
            for name, value in measured[current].items():
                value = toml_string(value) if isinstance(value, str) else value
                out.append(f"{name} = {value}")
    return "\n".join(out) + "\n"


def main() -> None:
    source = TEXTS.read_text(encoding="utf-8")
    documents = tomllib.loads(source)["document"]
    lo_version = version()
    measured = {}
    with tempfile.TemporaryDirectory() as work:
        for item in documents:
            path = HERE / item["file"]
            counts = measure(path, Path(work))
            counts["measured_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
            measured[item["file"]] = counts
            print(f"{item['file']:28} {counts['word_processor_words']:5} words")
    result = rewritten(source, lo_version, measured)
    again = tomllib.loads(result)
    assert [item["text"] for item in again["document"]] == [item["text"] for item in documents]
    assert all(item["measured_sha256"] for item in again["document"])
    TEXTS.write_text(result, encoding="utf-8")
    print(f"Counted by {lo_version}; written to {TEXTS.name}.")


if __name__ == "__main__":
    main()
