"""Page faults of the PDF, counted from the file itself: unbalanced headings, headings that end a
page, and pages that end short.

``python -m benchmarks.pages`` counts them over every fixture and the 100- and 500-page papers of
:mod:`benchmarks.corpus`, in both styles; ``tests/test_pdf_pages.py`` holds the counts at 0.

What is counted, reading the text the PDF draws (each line's words, widths and place, and the
structure element each belongs to) rather than asking the writer what it meant to do:

* **unbalanced heading**: a heading or title set on two or more lines where moving one word across
  a line break (the last word down, or the first word up, where it fits) would make the wider of
  the two lines narrower: its lines could be more even;
* **heading ends a page**: the last line of text on a page (above the notes) belongs to a heading,
  or a heading is split over two pages;
* **short page**: a page, not the last, whose last line of text ends more than 3 body lines above
  the notes at its foot (or the bottom margin when it has none). The writer sets no forced page
  breaks, so only the last page is exempt.
"""

from __future__ import annotations

import argparse
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

SHORT_LINES = 3.0  # a page may end at most this many body lines short
SLACK = 0.5  # points: width differences below this are not differences


@dataclass
class Glyphs:
    """A font of the PDF: code -> text and code -> width (thousandths of the size)."""

    text: dict[int, str]
    widths: dict[int, float]


@dataclass
class Run:
    element: tuple[int, int] | None  # the block's structure element (objgen); None for an artifact
    note: bool
    heading: bool
    x: float
    y: float
    size: float
    chars: list[tuple[str, float]]  # each character with its advance in points

    @property
    def width(self) -> float:
        return sum(advance for _, advance in self.chars)


@dataclass
class Line:
    element: tuple[int, int]
    note: bool
    heading: bool
    y: float
    x: float
    chars: list[tuple[str, float]] = field(default_factory=list)

    @property
    def width(self) -> float:
        """The width of the line's text, a space left at its end (for text extraction) not counted."""
        chars = list(self.chars)
        while chars and chars[-1][0] == " ":
            chars.pop()
        return sum(advance for _, advance in chars)

    def words(self) -> list[float]:
        """The widths of the line's words (spaces between them not counted)."""
        found: list[float] = []
        current: float | None = None
        for char, advance in self.chars:
            if char == " ":
                if current is not None:
                    found.append(current)
                current = None
            else:
                current = (current or 0.0) + advance
        if current is not None:
            found.append(current)
        return found


@dataclass
class Faults:
    unbalanced_headings: list[str] = field(default_factory=list)
    headings_ending_a_page: list[str] = field(default_factory=list)
    short_pages: list[str] = field(default_factory=list)

    def counts(self) -> tuple[int, int, int]:
        return len(self.unbalanced_headings), len(self.headings_ending_a_page), len(self.short_pages)


@dataclass(frozen=True)
class Measures:
    """What the counts need to know of the style: the column, the body's and the notes' lines."""

    column: float  # width of the text column, points
    bottom: float  # the bottom margin, points
    body_leading: float
    body_size: float
    note_leading: float
    note_size: float
    separator: float  # the space above the notes (with their rule)

    @classmethod
    def of(cls, style_name: str) -> Measures:
        from convert.style import load_style
        from convert.writers.pdf.fonts import block_styles, page_geometry

        style = load_style(style_name)
        geometry = page_geometry(style)
        styles = block_styles(style)
        body, note, small = styles["body"], styles["note"], styles["small"]
        return cls(
            geometry.width - geometry.left - geometry.right,
            geometry.bottom,
            body.leading,
            body.size,
            note.leading,
            note.size,
            small.leading,
        )


def _glyphs(font: Any) -> Glyphs:
    text: dict[int, str] = {}
    cmap = font.get("/ToUnicode")
    if cmap is not None:
        source = cmap.read_bytes().decode("latin-1")
        for block in re.findall(r"beginbfchar(.*?)endbfchar", source, re.S):
            for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                text[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", source, re.S):
            for low, high, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                start = int(target, 16)
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    text[code] = chr(start + offset)
    first = int(font.get("/FirstChar", 0))
    widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
    return Glyphs(text, widths)


def _blocks(pdf: pikepdf.Pdf) -> dict[tuple[tuple[int, int], int], tuple[tuple[int, int], bool, bool]]:
    """(page, MCID) -> the block element it belongs to, whether in a note, whether a heading."""
    found: dict[tuple[tuple[int, int], int], tuple[tuple[int, int], bool, bool]] = {}
    block_roles = re.compile(r"/(H[1-6]|P|Lbl|Caption|TH|TD|Figure)")

    def visit(node: Any, block: tuple[int, int] | None, note: bool, heading: bool) -> None:
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            if kid.get("/Type") == "/MCR" and block is not None:
                found[(kid.Pg.objgen, int(kid.MCID))] = (block, note, heading)
            elif kid.get("/Type") == "/StructElem":
                role = str(kid.S)
                is_block = bool(block_roles.fullmatch(role))
                visit(
                    kid,
                    kid.objgen if is_block else block,
                    note or role == "/Note",
                    (role.startswith("/H") and is_block) or (heading and not is_block),
                )

    visit(pdf.Root.StructTreeRoot, None, False, False)
    return found


def _runs(pdf: pikepdf.Pdf) -> Iterator[list[Run]]:
    """Every page's runs of text, in drawing order."""
    blocks = _blocks(pdf)
    fonts: dict[tuple[int, int], Glyphs] = {}
    for page in pdf.pages:
        resources = page.Resources.get("/Font", {})
        runs: list[Run] = []
        glyphs = Glyphs({}, {})
        size = 0.0
        x = y = 0.0
        word_space = 0.0
        marked: list[int | None] = []
        matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # the current transformation (flowables draw translated)
        saved: list[tuple[float, ...]] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                saved.append(matrix)
            elif op == "Q":
                matrix = saved.pop() if saved else matrix
            elif op == "cm":
                matrix = _times(tuple(float(v) for v in operands), matrix)
            elif op == "BDC":
                props = operands[1]
                marked.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None)
            elif op == "BMC":
                marked.append(None)
            elif op == "EMC":
                if marked:
                    marked.pop()
            elif op == "Tf":
                font = resources[operands[0]]
                if font.objgen not in fonts:
                    fonts[font.objgen] = _glyphs(font)
                glyphs, size = fonts[font.objgen], float(operands[1])
            elif op == "Tm":
                a, b, c, d, e, f = matrix
                tx, ty = float(operands[4]), float(operands[5])
                x, y = a * tx + c * ty + e, b * tx + d * ty + f
            elif op == "Tw":
                word_space = float(operands[0])
            elif op == "Tj":
                mcid = marked[-1] if marked else None
                where = blocks.get((page.objgen, mcid)) if mcid is not None else None
                chars = []
                for code in bytes(operands[0]):
                    char = glyphs.text.get(code, "")
                    advance = glyphs.widths.get(code, 0.0) * size / 1000 + (word_space if char == " " else 0.0)
                    chars.append((char, advance))
                run = Run(where[0] if where else None, bool(where and where[1]), bool(where and where[2]),
                          x, y, size, chars)  # fmt: skip
                runs.append(run)
                x += run.width
        yield runs


def _times(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """The matrix product m x n, PDF style (``m cm`` with ``n`` current)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _lines(runs: list[Run]) -> list[Line]:
    """The page's lines of tagged text, top to bottom: runs of one element at one baseline."""
    lines: dict[tuple[tuple[int, int], float], Line] = {}
    for run in runs:
        if run.element is None:
            continue
        key = (run.element, round(run.y, 1))
        line = lines.get(key)
        if line is None:
            line = lines[key] = Line(run.element, run.note, run.heading, run.y, run.x)
        line.chars += run.chars
    return sorted(lines.values(), key=lambda line: -line.y)


def _label(line: Line) -> str:
    return "".join(char for char, _ in line.chars)[:60]


def count_faults(data: bytes, measures: Measures) -> Faults:
    faults = Faults()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [_lines(runs) for runs in _runs(pdf)]
    heading_pages: dict[tuple[int, int], set[int]] = {}
    for number, lines in enumerate(pages, start=1):
        text = [line for line in lines if not line.note]
        notes = [line for line in lines if line.note and (not text or line.y < text[-1].y)]
        for line in text:
            if line.heading:
                heading_pages.setdefault(line.element, set()).add(number)
        _check_balance(text, measures, number, faults)
        if number == len(pages) or not text:
            continue
        last = text[-1]
        if last.heading:
            faults.headings_ending_a_page.append(f"page {number}: {_label(last)!r}")
        if notes:
            floor = notes[0].y + measures.note_leading / 2 + 0.3 * measures.note_size + measures.separator
        else:
            floor = measures.bottom
        bottom = last.y - measures.body_leading / 2 + 0.3 * measures.body_size
        short = (bottom - floor) / measures.body_leading
        if short > SHORT_LINES:
            faults.short_pages.append(f"page {number}: ends {short:.1f} lines short after {_label(last)!r}")
    for element, numbers in heading_pages.items():
        if len(numbers) > 1:
            faults.headings_ending_a_page.append(f"a heading split over pages {sorted(numbers)} ({element})")
    return faults


def _check_balance(text: list[Line], measures: Measures, page: int, faults: Faults) -> None:
    """A heading's lines are balanced when no single word moved across a break makes the wider of
    the two lines narrower (and still fits the column)."""
    by_heading: dict[tuple[int, int], list[Line]] = {}
    for line in text:
        if line.heading:
            by_heading.setdefault(line.element, []).append(line)
    for lines in by_heading.values():
        for upper, lower in itertools.pairwise(lines):
            up, down = upper.words(), lower.words()
            if not up or not down:
                continue
            space = _space_width(upper) or _space_width(lower)
            wider = max(upper.width, lower.width)
            room = measures.column - (upper.x - min(upper.x, lower.x))
            moves = []
            if len(up) > 1:  # the upper line's last word down
                moves.append((upper.width - up[-1] - space, lower.width + space + up[-1]))
            if len(down) > 1:  # the lower line's first word up
                moves.append((upper.width + space + down[0], lower.width - down[0] - space))
            for new_upper, new_lower in moves:
                if max(new_upper, new_lower) <= room + SLACK and max(new_upper, new_lower) < wider - SLACK:
                    faults.unbalanced_headings.append(
                        f"page {page}: {_label(upper)!r} / {_label(lower)!r} ({upper.width:.0f} / {lower.width:.0f} pt)"
                    )
                    break


def _space_width(line: Line) -> float:
    return next((advance for char, advance in line.chars if char == " "), 0.0)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.corpus import fixtures, long_paper
    from convert.readers import read
    from convert.style import load_style
    from convert.writers import get_writer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every fault, not only the counts")
    args = parser.parse_args(argv)
    samples = fixtures() + [long_paper(100), long_paper(500)]
    totals = [0, 0, 0]
    print("| paper | style | pages | unbalanced headings | headings ending a page | short pages |")
    print("|---|---|--:|--:|--:|--:|")
    for style_name in ("default", "large-print"):
        measures = Measures.of(style_name)
        for sample in samples:
            data = get_writer("pdf").write(read(sample.text), load_style(style_name))
            faults = count_faults(data, measures)
            with pikepdf.open(io.BytesIO(data)) as pdf:
                pages = len(pdf.pages)
            counts = faults.counts()
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            print(f"| {sample.name} | {style_name} | {pages} | " + " | ".join(map(str, counts)) + " |")
            if args.list:
                for fault in faults.unbalanced_headings + faults.headings_ending_a_page + faults.short_pages:
                    print(f"    {fault}")
    print("| all | both | | " + " | ".join(map(str, totals)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
