"""Write the corpus's files from texts.toml: python make_corpus.py (in the project's venv).

The PDFs need the DejaVu fonts (Debian's fonts-dejavu-core); the files are committed, so the
tests need nothing but the libraries that read them. It only reads texts.toml: after writing the
files, run measure_with_libreoffice.py, which writes LibreOffice's counts of them into it (the
tests refuse counts measured on other files).
"""

import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def write_docx(path: Path, lines: list[str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    document.save(path)


def write_odt(path: Path, lines: list[str]) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=lines[0]))
    for line in lines[1:]:
        document.text.addElement(P(text=line))
    document.save(str(path))


def write_pdf(path: Path, lines: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=16)
    pdf.multi_cell(0, 10, lines[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=11)
    for line in lines[1:]:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def write_rtf(path: Path, lines: list[str]) -> None:
    def escaped(line: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in line)

    body = "".join(f"{escaped(line)}\\par\n" for line in lines)
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + body + "}\n")


def main() -> None:
    corpus = tomllib.loads((HERE / "texts.toml").read_text())
    writers = {".docx": write_docx, ".odt": write_odt, ".pdf": write_pdf, ".rtf": write_rtf}
    for item in corpus["document"]:
        path = HERE / item["file"]
        lines = item["text"].splitlines()
        writer = writers.get(path.suffix)
        if writer:
            writer(path, lines)
        else:
            path.write_text(item["text"] + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
