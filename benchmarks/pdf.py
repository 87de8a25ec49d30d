"""The PDF route on every corpus PDF: cold time for all formats, the extraction's share, and the model.

    python -m benchmarks.pdf              the table, as Markdown (3 cold runs a paper, the fastest kept)
    python -m benchmarks.pdf --repeat 5
    python -m benchmarks.pdf --diff       also print where the PDF route's model differs from the text route's

For each PDF (``fixtures/*/source.pdf`` and ``fixtures/pdf/*.pdf``):

* **cold**: wall and CPU time of ``python -m convert PAPER.pdf -o TMP -q`` in a fresh process (every
  format: pdf, docx, epub, html, json), start-up and imports included; on a busy machine trust CPU;
* **extraction**: in a fresh process, the time from start to the PDF's text (importing pikepdf and
  pdfminer, qpdf's checks, pdfminer's layout analysis), and its share of that process's whole run;
* **model**: ``same`` when the PDF route's model equals the text route's (the corpus text where there
  is one, else the PDF text with raised numbers as plain digits, which is what pdf2txt.py gives),
  else why it differs: notes that sit at their raised marker, and the warnings about notes without
  one that went (``--diff`` prints the tree lines);
* **words**: words of the official XML/HTML found in the PDF route's model, where the fixture has one;
* **PDF/UA-1**: rules of page-validation's PDF/UA-1 profile that the official PDF fails, and that the
  tagged PDF made from it fails (``--pdfua``; needs ``page-validation``, from the test extras).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.fidelity import compare, official_blocks_html, official_blocks_xml
from convert.model import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FROM_RAISED = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_STAGES = """
import json, sys, time
started = time.perf_counter()
from convert.source import decode
data = open(sys.argv[1], "rb").read()
decoded = decode(data, sys.argv[1])
extracted = time.perf_counter()
from convert.pipeline import convert
from convert.style import load_style
conversion = convert(decoded, ["pdf", "docx", "epub", "html", "json"], load_style("default"))
done = time.perf_counter()
print(json.dumps({"extract": extracted - started, "total": done - started}))
"""


def corpus_pdfs() -> list[Path]:
    return sorted(FIXTURES.glob("*/source.pdf")) + sorted((FIXTURES / "pdf").glob("*.pdf"))


def name_of(path: Path) -> str:
    return path.stem if path.parent.name == "pdf" else path.parent.name


def cold_seconds(path: Path, repeat: int) -> tuple[float, float]:
    """Wall and CPU time (user + system) of the whole command in a fresh process: the run with the least wall."""
    runs = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "convert", str(path), "-o", out, "-q"],
                check=True, cwd=ROOT, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
            runs.append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
    return min(runs)


def stage_seconds(path: Path, repeat: int) -> tuple[float, float]:
    """Fastest (extraction, whole run) in a fresh process, imports included, start-up of Python not."""
    runs = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, "-c", _STAGES, str(path)], check=True, capture_output=True, text=True, cwd=ROOT
        )
        figures = json.loads(result.stdout)
        runs.append((figures["extract"], figures["total"]))
    return min(runs, key=lambda run: run[1])


def note_places(doc: Document) -> dict[str, str]:
    """Note label -> the words just before its reference: where the note sits in the text."""
    from convert.model import Note, Text
    from convert.walk import block_inlines

    places: dict[str, str] = {}
    before = ""
    for block in doc.body:
        for inline in block_inlines(block):
            if isinstance(inline, Text):
                before = (before + inline.text)[-40:]
            elif isinstance(inline, Note):
                places[inline.label] = " ".join(before.split()[-3:])
    return places


def model_difference(path: Path) -> tuple[list[str], str]:
    """The tree lines where the PDF route's model differs from the text route's, and why, as far as a
    measurement can say: the metadata, the notes that moved to a raised marker, the warnings that went."""
    from convert.pipeline import read_document
    from convert.source import decode
    from convert.tree import pformat

    decoded = decode(path.read_bytes(), path.name)
    text = path.with_suffix(".txt")
    source = text.read_text(encoding="utf-8") if text.is_file() else decoded.text.translate(FROM_RAISED)
    from_text, from_pdf = read_document(source), read_document(decoded)

    def tree(doc: Document) -> list[str]:  # warnings left out: a PDF's name pages, not lines
        return [line for line in pformat(doc).splitlines() if not line.lstrip().startswith("<Diagnostic")]

    lines = [
        line
        for line in difflib.unified_diff(tree(from_text), tree(from_pdf), "text route", "PDF route", lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]
    if not lines:
        return lines, "same"
    reasons = [] if from_text.meta == from_pdf.meta else ["metadata differs"]
    before, after = note_places(from_text), note_places(from_pdf)
    moved = [label for label in after if before.get(label) != after[label]]
    if moved:
        places = "; ".join(f"{label} after “{after[label]}”" for label in moved)
        reasons.append(f"{'notes' if len(moved) > 1 else 'note'} at the raised marker: {places}")
    unlinked = [sum(d.code == "KS011" for d in doc.diagnostics) for doc in (from_text, from_pdf)]
    if unlinked[0] != unlinked[1]:
        reasons.append(f"notes placed without a marker: {unlinked[0]} → {unlinked[1]}")
    return lines, "; ".join(reasons) or f"{len(lines)} tree lines differ"


def official_words(path: Path) -> float | None:
    """% of the official XML/HTML's words that the PDF route's model has, in order."""
    from convert.pipeline import read_document
    from convert.source import decode
    from convert.text import plain_text

    folder = path.parent
    if (folder / "official.xml").is_file():
        blocks, _ = official_blocks_xml(folder / "official.xml")
    elif (folder / "official.html").is_file():
        blocks, _ = official_blocks_html(folder / "official.html")
    else:
        return None
    model = plain_text(read_document(decode(path.read_bytes(), path.name))).split("\n")
    return compare(blocks, model)[0]


def pdfua_failures(path: Path) -> list[str]:
    """The PDF/UA-1 rules (page-validation) that a PDF fails."""
    import page

    return sorted({failure.rule_id for failure in page.validate_pdf(str(path), profile="ua1").failures})


def ours_pdfua_failures(path: Path) -> list[str]:
    """The PDF/UA-1 rules that the tagged PDF made from ``path`` fails."""
    from convert.pipeline import convert
    from convert.source import decode
    from convert.style import load_style

    pdf = convert(decode(path.read_bytes(), path.name), ["pdf"], load_style("default")).outputs["pdf"]
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "ours.pdf"
        target.write_bytes(pdf)
        return pdfua_failures(target)


def pdfua_table(paths: list[Path]) -> None:
    print("| paper | official PDF: PDF/UA-1 rules failed | which | ours |")
    print("|---|--:|---|--:|")
    for path in paths:
        official, ours = pdfua_failures(path), ours_pdfua_failures(path)
        rules = ", ".join(rule.removeprefix("PDFUA1-") for rule in official)
        print(f"| {name_of(path)} | {len(official)} | {rules} | {len(ours)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--pdfua", action="store_true", help="only the PDF/UA-1 table: official PDF and ours")
    args = parser.parse_args(argv)
    if args.pdfua:
        pdfua_table(corpus_pdfs())
        return 0
    from pdfminer.high_level import extract_pages

    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| paper | pages | cold, all formats: wall / CPU | extraction | share | model vs text route | words |")
    print("|---|--:|--:|--:|--:|---|--:|")
    for path in corpus_pdfs():
        pages = sum(1 for _ in extract_pages(path))
        wall, cpu = cold_seconds(path, args.repeat)
        extract, total = stage_seconds(path, args.repeat)
        difference, why = model_difference(path)
        words = official_words(path)
        print(
            f"| {name_of(path)} | {pages} | {wall:.2f} s / {cpu:.2f} s | {extract:.2f} s "
            f"| {100 * extract / total:.0f} % "
            f"| {why} "
            f"| {'—' if words is None else f'{words:.2f} %'} |"
        )
        if args.diff and difference:
            for line in difference:
                print(f"    {line[:160]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
