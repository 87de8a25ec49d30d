"""Line breaking: optimal fit (after Knuth and Plass) with Dutch hyphenation from pyphen.

Breaks fall at spaces, at hyphenation points (whose hyphen the painter draws as an artifact),
and, only for a box wider than the line, inside it. A line never ends right after a hyphen of the
text itself: text extraction would take it for a set hyphen and drop it.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from convert.writers.pdf.lines import Line, Piece, Word, _width, clone

HYPHENS = "-‐‑"
_WORD = re.compile(r"^(\W*)([^\W\d_]+(?:-[^\W\d_]+)*)(\W*)$")


@functools.cache
def _hyphenator() -> object:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=3, right=3)


@functools.lru_cache(maxsize=65536)
def _hyphen_splits(text: str) -> list[tuple[str, str]]:
    """Places to hyphenate a word (longest head first); only where no letters change, and never
    at a hyphen of the word itself ("EU-kapitaal|markt", not "EU-|kapitaalmarkt")."""
    match = _WORD.match(text)
    if not match:
        return []
    lead, core, _ = match.groups()
    splits = []
    offset = 0
    for segment in core.split("-"):
        # names are short and pyphen knows them badly ("Derk-zen"): capitals only in long compounds
        if len(segment) >= (10 if segment[:1].isupper() else 6) and not segment.isupper():
            for head, tail in _hyphenator().iterate(segment):  # type: ignore[attr-defined]
                if head + tail == segment:
                    cut = len(lead) + offset + len(head)
                    splits.append((text[:cut], text[cut:]))
        offset += len(segment) + 1
    return sorted(splits, key=lambda split: -len(split[0]))


@dataclass(eq=False)
class _Item:
    """One step of a paragraph for line breaking: a box of text, a space, or a place to hyphenate."""

    kind: str  # "box", "glue" (a space), "hyphen" (a hyphenation point), "cut" (an emergency break)
    width: float
    pieces: list[Piece]
    forced: bool = False  # a forced line break follows this glue


HYPHEN_DEMERITS = 3000.0
CUT_DEMERITS = 1e6
TOLERANCE = 3.0  # a line whose spaces would stretch more than this many times is not tried further
_SPACE_GUESS = 0.01  # a space's width, as a share of the line, where no space is at hand


def break_lines(words: list[Word], width: float, hyphenate: bool) -> list[Line]:
    """Optimal-fit line breaking (after Knuth and Plass, without shrink): the breaks that make the
    paragraph's spaces most even, hyphenating only where that helps enough to pay for a hyphen."""
    items = _items(words, width, hyphenate)
    if not items:
        return []
    breaks = [i for i, item in enumerate(items) if item.kind != "box"] + [len(items)]
    # prefix sums: width and spaces of items[:i], so that measuring a line costs nothing
    widths = [0.0]
    glues = [0]
    for item in items:
        widths.append(widths[-1] + (item.width if item.kind in ("box", "glue") else 0.0))
        glues.append(glues[-1] + (item.kind == "glue"))
    best: dict[int, tuple[float, int]] = {-1: (0.0, -2)}  # break -> (total demerits, previous break)
    candidates = [-1]
    first = 0  # candidates before this one make lines too long for every later break as well
    for end in breaks:
        hyphen = items[end].width if end < len(items) and items[end].kind == "hyphen" else 0.0
        last = end == len(items) or items[end].forced
        while first < len(candidates) - 1 and widths[end] - widths[candidates[first] + 1] > width + 0.01:
            first += 1
        found: tuple[float, int] | None = None
        for start in candidates[first:]:
            natural = widths[end] - widths[start + 1] + hyphen
            if natural > width + 0.01:
                continue
            spaces = glues[end] - glues[start + 1]
            cost, loose = _demerits(items, start, end, natural, spaces, width, last)
            total = best[start][0] + cost
            if found is None or total < found[0]:
                found = (total, start)
            if loose and not last:
                break  # later starts give shorter, looser lines still
        if found is None:
            # nothing fits (a box wider than the line): break right before it
            found = (best[candidates[-1]][0] + CUT_DEMERITS, candidates[-1])
        best[end] = found
        candidates.append(end)
        if last and end < len(items):
            candidates, first = [end], 0  # no line may run over a forced break
    chosen: list[int] = []
    point = len(items)
    while point != -1:
        chosen.append(point)
        point = best[point][1]
    chosen.reverse()
    lines: list[Line] = []
    start = -1
    for end in chosen:
        lines.append(_line(items, start, end, width))
        start = end
    return lines


def _items(words: list[Word], width: float, hyphenate: bool) -> list[_Item]:
    items: list[_Item] = []
    for word in words:
        fragments = _fragments(word, hyphenate)
        for i, fragment in enumerate(fragments):
            if i:
                first = fragment[0]
                items.append(_Item("hyphen", _width("-", first.fmt.font, first.fmt.size), []))
            box_width = sum(p.width for p in fragment)
            if box_width > width:
                for j, chunk in enumerate(_chunks(fragment, width)):
                    if j:
                        items.append(_Item("cut", 0.0, []))
                    items.append(_Item("box", sum(p.width for p in chunk), chunk))
            else:
                items.append(_Item("box", box_width, fragment))
        if word.space is not None or word.hard_break:
            space = [word.space] if word.space is not None else []
            items.append(_Item("glue", word.space.width if word.space else 0.0, space, forced=word.hard_break))
    while items and items[-1].kind == "glue" and not items[-1].forced:
        items.pop()  # a paragraph ends at its last word
    return items


def _fragments(word: Word, hyphenate: bool) -> list[list[Piece]]:
    """The word cut at its hyphenation points (in its first piece): a list of piece lists."""
    if not hyphenate or not word.pieces:
        return [list(word.pieces)]
    first = word.pieces[0]
    if first.element.lang:
        return [list(word.pieces)]  # words of another language: Dutch patterns would cut them wrongly
    cuts = sorted({len(head) for head, _ in _hyphen_splits(first.text)})
    if not cuts:
        return [list(word.pieces)]
    bounds = [0, *cuts, len(first.text)]
    fragments = [[clone(first, first.text[a:b])] for a, b in itertools.pairwise(bounds)]
    fragments[-1] += word.pieces[1:]
    return fragments


def _chunks(pieces: list[Piece], width: float) -> list[list[Piece]]:
    """Cut a box wider than the line (a URL) where it must be; never right after a hyphen, which
    text extraction would take for a set hyphen and drop."""
    chunks: list[list[Piece]] = [[]]
    room = width
    for piece in pieces:
        text = piece.text
        while text:
            n = len(text)
            while n > 1 and (_width(text[:n], piece.fmt.font, piece.fmt.size) > room or text[n - 1] in HYPHENS):
                n -= 1
            if _width(text[:n], piece.fmt.font, piece.fmt.size) > room and chunks[-1]:
                chunks.append([])
                room = width
                continue
            chunks[-1].append(clone(piece, text[:n]))
            room -= _width(text[:n], piece.fmt.font, piece.fmt.size)
            text = text[n:]
            if text:
                chunks.append([])
                room = width
    return [chunk for chunk in chunks if chunk]


def _demerits(
    items: list[_Item], start: int, end: int, natural: float, spaces: int, width: float, last: bool
) -> tuple[float, bool]:
    """(demerits, too loose): spaces stretched evenly cost little; hyphens and cuts cost more."""
    if last:
        return 0.0, False
    slack = width - natural
    space = items[end].width if items[end].kind == "glue" else _SPACE_GUESS * width
    ratio = slack / (spaces * space) if spaces else slack / space
    badness = min(100.0 * ratio**3, 1e5)
    demerits = (10.0 + badness) ** 2
    kind = items[end].kind
    if kind == "hyphen":
        demerits += HYPHEN_DEMERITS
        if start >= 0 and items[start].kind == "hyphen":
            demerits += HYPHEN_DEMERITS  # no two hyphens in a row
    elif kind == "cut":
        demerits += CUT_DEMERITS
    return demerits, ratio > TOLERANCE


def _line(items: list[_Item], start: int, end: int, width: float) -> Line:
    pieces: list[Piece] = []
    natural = 0.0
    spaces = 0
    for item in items[start + 1 : end]:
        pieces += item.pieces
        if item.kind in ("box", "glue"):
            natural += item.width
            spaces += item.kind == "glue"
    hyphen = None
    last = end == len(items)
    if end < len(items):
        item = items[end]
        if item.kind == "glue":
            pieces += item.pieces  # the space stays, at the line's end, for the text
            last = item.forced
        elif item.kind == "hyphen":
            hyphen = pieces[-1].fmt
            natural += item.width
    return Line(pieces, natural, spaces, hyphen, last)
