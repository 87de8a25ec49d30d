"""Which library reads the text of a PDF: fidelity and speed of the candidates on the corpus PDFs.

    python -m benchmarks.pdf_libraries        (needs the bench extras: pypdfium2 and pypdf)

For pdfminer.six, pypdfium2 and pypdf (poppler's pdftotext as a neutral yardstick), over the 16
corpus PDFs (``fixtures/*/source.pdf``, ``fixtures/pdf/*.pdf``):

* **time**: seconds to extract all 16, in one warm process, fastest of 3; **import**: seconds to import;
* **words vs pdftotext**: the share of poppler's words each gives, in order (lowest paper, mean);
* **motion vs XML**: the share of the official XML's words in the motion's text;
* **reader**: papers (of 16) whose model, read from that library's text, equals the model of the corpus text
  (the text route) in metadata and notes; the reader's rules describe pdfminer's text shape.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.fidelity import official_blocks_xml, words
from benchmarks.pdf import FIXTURES, FROM_RAISED, corpus_pdfs


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(path)


def pypdfium2_text(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    pages = [page.get_textpage().get_text_range() for page in document]
    return "\f".join(text.replace("\r\n", "\n") for text in pages)


def pypdf_text(path: Path) -> str:
    import pypdf

    return "\f".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def pdftotext_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout


LIBRARIES: dict[str, tuple[str, Callable[[Path], str]]] = {
    "pdfminer.six": ("pdfminer.high_level", pdfminer_text),
    "pypdfium2": ("pypdfium2", pypdfium2_text),
    "pypdf": ("pypdf", pypdf_text),
    "pdftotext (poppler)": ("", pdftotext_text),
}


def share(reference: list[str], found: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, reference, found, autojunk=False)
    return 100 * sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(reference))


def import_seconds(module: str) -> float:
    if not module:
        return 0.0
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def same_model(path: Path, text: str) -> bool:
    from convert.pipeline import read_document
    from convert.walk import notes

    source = path.with_suffix(".txt")
    reference = source.read_text(encoding="utf-8") if source.is_file() else pdfminer_text(path)
    expected, found = read_document(reference), read_document(text.translate(FROM_RAISED) or " x")
    return expected.meta == found.meta and list(map(str, notes(expected))) == list(map(str, notes(found)))


def main() -> int:
    pdfs = corpus_pdfs()
    motion = FIXTURES / "motie-32545-143"
    official = words(" ".join(official_blocks_xml(motion / "official.xml")[0]))
    yardstick = {path: words(pdftotext_text(path)) for path in pdfs}
    print("| library | licence | time, 16 PDFs | import | words vs pdftotext (min / mean) | motion vs XML | reader |")
    print("|---|---|--:|--:|--:|--:|--:|")
    licences = {"pdfminer.six": "MIT", "pypdfium2": "Apache-2.0 / BSD-3 (PDFium)", "pypdf": "BSD-3",
                "pdftotext (poppler)": "GPL-2 (a program, not a library here)"}  # fmt: skip
    for name, (module, extract) in LIBRARIES.items():
        texts: dict[Path, str] = {}
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            texts = {path: extract(path) for path in pdfs}
            best = min(best, time.perf_counter() - started)
        shares = [share(yardstick[path], words(texts[path])) for path in pdfs]
        same = sum(same_model(path, texts[path]) for path in pdfs)
        print(
            f"| {name} | {licences[name]} | {best:.2f} s | {import_seconds(module):.2f} s "
            f"| {min(shares):.2f} % / {sum(shares) / len(shares):.2f} % "
            f"| {share(official, words(texts[motion / 'source.pdf'])):.2f} % | {same} / {len(pdfs)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
