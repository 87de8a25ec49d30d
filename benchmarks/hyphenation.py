"""The hyphenator against the typesetters: of the line-end breaks printed in the archive, how many does it allow?

``python -m benchmarks.hyphenation [ARCHIVE.jsonl] [--misses N]`` reads the OCR text of every paper in
``../shared/archive/sgd-train.jsonl`` and collects the words the print broke at a line end:

* a line that ends in ``letters-`` and a next line that starts with lower-case letters, and
* a print hyphen OCR left in the middle of a line (``opmer-kingen``): lower-case letters on both
  sides, whose joined form is a common Dutch word (the reader's word table) or is written unbroken
  elsewhere in the archive; hyphens of the spelling (``niet-blanco``, ``zee-egel``) are neither.

For each break it asks whether the hyphenator allows it: the patterns alone (as before), and with
compounds broken at their joints and their parts on their own (``Hyphenator.compound_positions``),
both with the print's minimum of two letters a side; and how many the PDF writer's own minimum of
three letters a side rules out by design. It prints the figures, then the missed breaks grouped by
the letters around them (a rule shows as a group) and the most frequent missed words.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import archive_file
from convert.hyphenation import dutch_hyphenator
from convert.readers.kamerstuk.wordtable import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = archive_file() or ROOT.parent / "shared" / "archive" / "sgd-train.jsonl"
_LINE_END = re.compile(r"(?<![^\W\d_])([^\W\d_]*[a-zà-ÿ])-\n([a-zà-ÿ][^\W\d_]*)")
_MID_LINE = re.compile(r"(?<![\w-])([a-zà-ÿ]{2,})-([a-zà-ÿ]{2,})(?![\w-])")
_WORD = re.compile(r"[^\W\d_]+")
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "dan"})


@dataclass(frozen=True, slots=True)
class Break:
    word: str  # joined, lower case
    position: int  # letters before the print's break
    kind: str  # "line end" or "mid-line"


def printed_breaks(texts: list[str]) -> list[Break]:
    """Every line-end break the print made, as far as the OCR text shows it."""
    unbroken = Counter(word.lower() for text in texts for word in _WORD.findall(text))
    found: list[Break] = []
    for text in texts:
        for match in _LINE_END.finditer(text):
            head, tail = match.groups()
            found.append(Break((head + tail).lower(), len(head), "line end"))
        for match in _MID_LINE.finditer(text):
            head, tail = match.groups()
            if tail in _CONJUNCTIONS:
                continue  # "loon-en prijsbeleid": a suspended hyphen that lost its space
            joined = (head + tail).lower()
            if zipf_frequency(joined, "nl") >= 3.0 or unbroken[joined] >= 2:
                found.append(Break(joined, len(head), "mid-line"))
    return found


def context(found: Break) -> str:
    """The letters around a break, two a side: "er-ki" for "opmer-kingen"."""
    return (
        f"{found.word[max(0, found.position - 2) : found.position]}-{found.word[found.position : found.position + 2]}"
    )


def share(part: list[Break], whole: list[Break]) -> str:
    return f"{len(part)} ({len(part) / len(whole):.1%})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=ARCHIVE)
    parser.add_argument("--misses", type=int, default=25, help="how many groups and words of misses to list")
    args = parser.parse_args(argv)
    with args.archive.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    breaks = printed_breaks(texts)
    patterns = dutch_hyphenator(2, 2)
    writer_minimum = dutch_hyphenator(3, 3)
    before = [b for b in breaks if b.position in patterns.positions(b.word)]
    now = [b for b in breaks if b.position in patterns.compound_positions(b.word)[0]]
    too_close = [b for b in breaks if not writer_minimum.left <= b.position <= len(b.word) - writer_minimum.right]
    kinds = Counter(b.kind for b in breaks)
    wide = [b for b in breaks if b not in too_close]
    wide_now = [b for b in wide if b.position in writer_minimum.compound_positions(b.word)[0]]
    print(
        f"{len(texts)} papers; {len(breaks)} printed breaks ({kinds['line end']} at a line end, "
        f"{kinds['mid-line']} left mid-line by OCR) in {len({b.word for b in breaks})} words"
    )
    print(f"allowed by the patterns alone:            {share(before, breaks)}")
    print(f"allowed with compounds at their joints:   {share(now, breaks)}")
    print(f"closer than 3 letters to a word end (the PDF writer never breaks there): {share(too_close, breaks)}")
    print(f"of the other {len(wide)}, allowed by the PDF writer's hyphenator: {share(wide_now, wide)}")
    missed = [b for b in breaks if b.position not in patterns.compound_positions(b.word)[0]]
    lost = [b for b in before if b not in now]
    print(f"allowed before but not now: {len(lost)}; missed now: {len(missed)}")
    print("\nmissed, by the letters around the break:")
    for group, count in Counter(map(context, missed)).most_common(args.misses):
        words = sorted({b.word for b in missed if context(b) == group})[:4]
        print(f"  {group:8} {count:5}  {', '.join(words)}")
    print("\nmissed, most frequent words:")
    for (word, position), count in Counter((b.word, b.position) for b in missed).most_common(args.misses):
        print(f"  {word[:position]}-{word[position:]}  {count}  (allowed: {patterns.inserted(word)})")
    if lost:
        print("\nallowed before but not now:")
        for (word, position), count in Counter((b.word, b.position) for b in lost).most_common(args.misses):
            print(f"  {word[:position]}-{word[position:]}  {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
