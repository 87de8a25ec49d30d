"""Time the PDF writer on a long document: every fixture's body repeated to well over 100 pages.

Run: ``python3 benchmarks/pdf_writer.py [--style large-print] [--repeat 6]``. Prints pages,
seconds and seconds per page, for layout (reportlab) and tagging (pikepdf) together.
``--paragraph-words 40000`` times one paragraph of that many words instead (how paragraph
splitting scales: it was cubic, 40 000 words took over three minutes). ``--runs 4`` writes the
document that many times in one process and also prints the fastest warm run (fonts loaded,
hyphenation patterns parsed), which moves less with the machine's load than the first.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pikepdf  # noqa: E402

from convert.model import Document, Meta, Paragraph, Text  # noqa: E402
from convert.readers import read  # noqa: E402
from convert.style import load_style  # noqa: E402
from convert.writers import get_writer  # noqa: E402


def corpus_document(repeat: int) -> Document:
    """The seed's metadata with the bodies of all fixtures, ``repeat`` times over."""
    documents = [read(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "fixtures").glob("*/source.txt"))]
    seed = next((d for d in documents if d.meta.paper_number == "537"), documents[0])
    body = tuple(block for _ in range(repeat) for doc in documents for block in doc.body)
    return dataclasses.replace(seed, body=body)


def paragraph_document(words: int) -> Document:
    """One paragraph of ``words`` short Dutch words, as tests/test_robustness.py measures it."""
    common = [
        "de",
        "het",
        "een",
        "van",
        "en",
        "in",
        "is",
        "dat",
        "op",
        "te",
        "voor",
        "met",
        "zijn",
        "niet",
        "aan",
        "er",
        "om",
        "ook",
        "als",
        "bij",
    ]
    text = " ".join(common[i % len(common)] for i in range(words))
    return Document(Meta(title="Titel"), (Paragraph((Text(text),)),))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--style", default="default")
    parser.add_argument("--repeat", type=int, default=6)
    parser.add_argument("--paragraph-words", type=int, default=0, help="time one paragraph of this many words")
    parser.add_argument("--runs", type=int, default=1, help="write this many times; also print the fastest warm run")
    args = parser.parse_args()
    doc = paragraph_document(args.paragraph_words) if args.paragraph_words else corpus_document(args.repeat)
    style = load_style(args.style)
    writer = get_writer("pdf")
    times = []
    for _ in range(max(args.runs, 1)):
        start = time.perf_counter()
        data = writer.write(doc, style)
        times.append(time.perf_counter() - start)
    seconds = times[0]
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    print(f"style {args.style}: {pages} pages, {len(data) / 1e6:.1f} MB in {seconds:.2f} s")
    print(f"{seconds / pages:.4f} s per page ({pages / seconds:.1f} pages per second)")
    if len(times) > 1:
        warm = min(times[1:])
        print(f"warm (fastest of {len(times) - 1}): {warm:.2f} s, {warm / pages:.4f} s per page")


if __name__ == "__main__":
    main()
