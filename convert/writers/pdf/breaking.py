"""Line breaking: optimal fit (after Knuth and Plass) with Dutch hyphenation (pyphen's patterns).

Breaks fall at spaces, at hyphenation points (whose hyphen the painter draws as an artifact),
and, only for a box wider than the line, inside it. A line never ends right after a hyphen of the
text itself: text extraction would take it for a set hyphen and drop it.

Some hyphenation points are preferred (they cost a third of the others): where a compound joins
its parts (``vroeg-interventie``), and where the print itself broke the word at a line end
(``Document.print_breaks``: the typesetter's choice, which the reader undid).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from convert.hyphenation import Hyphenator, dutch_hyphenator
from convert.writers.pdf.lines import Line, Piece, Word, _width, clone

HYPHENS = "-‐‑"
_WORD = re.compile(r"^(\W*)([^\W\d_]+(?:-[^\W\d_]+)*)(\W*)$")


@functools.cache
def _hyphenator() -> Hyphenator:
    return dutch_hyphenator(left=3, right=3)


def _hyphen_points(text: str, printed: tuple[int, ...] = ()) -> tuple[list[int], frozenset[int]]:
    """Where a word may be hyphenated, as offsets in order, and which of them are preferred (a
    compound's joints and the ``printed`` offsets); never at a hyphen of the word itself
    ("EU-kapitaal|markt", not "EU-|kapitaalmarkt")."""
    match = _WORD.match(text)
    if not match:
        return [], frozenset()
    lead, core, _ = match.groups()
    points: set[int] = set(printed)
    preferred: set[int] = set(printed)
    offset = len(lead)
    for segment in core.split("-"):
        # names are short and pyphen knows them badly ("Derk-zen"): capitals only in long compounds
        if len(segment) >= (10 if segment[:1].isupper() else 6) and not segment.isupper():
            positions, joints = _hyphenator().compound_positions(segment)
            points.update(offset + position for position in positions)
            preferred.update(offset + joint for joint in joints)
        offset += len(segment) + 1
    return sorted(points), frozenset(preferred)


def printed_points(text: str, print_breaks: Mapping[str, tuple[int, ...]]) -> tuple[int, ...]:
    """The offsets in ``text`` where the print broke its words (each hyphen-free part looked up)."""
    if not print_breaks:
        return ()
    match = _WORD.match(text)
    if not match:
        return ()
    lead, core, _ = match.groups()
    found: list[int] = []
    offset = len(lead)
    hyphenator = _hyphenator()
    for segment in core.split("-"):
        last = len(segment) - hyphenator.right  # the writer's own minimums hold for these too
        found += [offset + p for p in print_breaks.get(segment.lower(), ()) if hyphenator.left <= p <= last]
        offset += len(segment) + 1
    return tuple(found)


class PrintPoints:
    """The print's own hyphenation points of one document's words (``Document.print_breaks``, as
    word -> positions), looked up once per distinct text of a word."""

    def __init__(self, by_word: Mapping[str, tuple[int, ...]]) -> None:
        self.by_word = by_word
        self._found: dict[str, tuple[int, ...]] = {}

    def of(self, text: str) -> tuple[int, ...]:
        if not self.by_word:
            return ()
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = printed_points(text, self.by_word)
        return found


HYPHEN_DEMERITS = 3000.0
BALANCED_LINES = 12  # headings of up to this many lines are balanced (the work grows with the square of the words)
PREFERRED_HYPHEN_DEMERITS = 1000.0  # a compound's joint, or where the print broke the word
CUT_DEMERITS = 1e6
TOLERANCE = 3.0  # a line whose spaces would stretch more than this many times is not tried further
_SPACE_GUESS = 0.01  # a space's width, as a share of the line, where no space is at hand
_PRUNE = 32  # candidate starts that fit no later line, let pile up before they are dropped


BOX, GLUE, HYPHEN, CUT = 0, 1, 2, 3  # kinds of item


# a box of a hyphenated word: its first piece, the span of that piece's text, and the word's other
# pieces (those follow the last span only); made into pieces when a line is made, one for all the
# spans a line holds
_Fragment = tuple[Piece, int, int, Sequence[Piece]]
_NO_PIECES: Sequence[Piece] = ()


@functools.lru_cache(maxsize=65536)
def _spans(
    text: str, font: str, size: float, hyphenate: bool, printed: tuple[int, ...] = ()
) -> tuple[tuple[int, ...], tuple[float, ...], frozenset[int]]:
    """The bounds of a word's spans between its hyphenation points, their widths (one span: not
    hyphenated) and the preferred bounds: worked out once per word, however often it occurs, in
    one look-up."""
    points, preferred = _hyphen_points(text, printed) if hyphenate else ([], frozenset())
    bounds = (0, *points, len(text))
    return bounds, tuple(_width(text[a:b], font, size) for a, b in itertools.pairwise(bounds)), preferred


@dataclass(eq=False)
class _Items:
    """A paragraph's steps for line breaking, as parallel lists: a box of text, a space (glue), a
    place to hyphenate, or an emergency break (cut); with prefix sums of widths and spaces, so
    that measuring a candidate line costs two subtractions."""

    kinds: list[int]
    widths: list[float]
    pieces: list[list[Piece] | _Fragment]
    forced: set[int]  # the glues a forced line break follows
    preferred: set[int]  # the hyphenation points that cost less (compound joints, the print's own)
    widest: float = 0.0  # the widest box
    _sums: tuple[list[float], list[int]] | None = None

    def sums(self) -> tuple[list[float], list[int]]:
        """Width and spaces of items[:i] for every i (a hyphen adds its width only where a line
        ends at it)."""
        if self._sums is None:
            kinds = self.kinds
            advances = [0.0 if kind == HYPHEN else width for kind, width in zip(kinds, self.widths, strict=True)]
            widths = list(itertools.accumulate(advances, initial=0.0))
            glues = list(itertools.accumulate((kind == GLUE for kind in kinds), initial=0))
            self._sums = (widths, glues)
        return self._sums


class Breaker:
    """Line breaking for one block of text: its items (boxes, spaces, hyphenation points and their
    widths) are made once, whatever the width asked for; the lines once per width."""

    def __init__(
        self,
        words: list[Word],
        hyphenate: bool,
        print_points: PrintPoints | None = None,
        plans: dict[tuple[int, float], tuple[int, ...]] | None = None,
        plan_key: int | None = None,
    ) -> None:
        self.words = words
        self.hyphenate = hyphenate
        self.print_points = print_points or PrintPoints({})
        # where the lines of this block end at each width, shared with a second layout of the same
        # document (which makes the same blocks in the same order): breaking is its largest cost
        self.plans = plans if plans is not None and plan_key is not None else {}
        self.plan_key = plan_key if plan_key is not None else -1
        self._base: _Items | None = None
        self._lines: dict[float, list[Line]] = {}

    def lines(self, width: float) -> list[Line]:
        lines = self._lines.get(width)
        if lines is None:
            items = self._items(width)
            ends = self.plans.get((self.plan_key, width))
            if ends is None:
                ends = self.plans[(self.plan_key, width)] = _break(items, width)
            lines = self._lines[width] = _lines_at(items, ends)
        return list(lines)

    def _items(self, width: float) -> _Items:
        if self._base is None:
            self._base = _base_items(self.words, self.hyphenate, self.print_points)
        base = self._base
        if base.widest <= width:
            return base
        return _cut_items(base, width)

    def balanced(self, width: float) -> list[Line]:
        """Lines of even width, for headings and titles: as many lines as the optimal fit makes at
        ``width``, the widest of them as narrow as it can be, and then every line as close to that
        width as it can be, so that no word moved across a break would make two lines more even."""
        lines = self.lines(width)
        if not 2 <= len(lines) <= BALANCED_LINES:
            return lines  # one line, or a "heading" longer than any heading: as it comes
        items = self._items(width)
        if items.forced or any(kind in (HYPHEN, CUT) for kind in items.kinds):
            return lines  # forced breaks and cut boxes decide for themselves
        return _balanced(items, width, len(lines)) or lines


def _balanced(items: _Items, width: float, count: int) -> list[Line] | None:
    """``count`` lines broken at spaces: first the least possible widest line, then, among the
    breaks that keep to it, the least sum of squared shortfalls from it."""
    widths, _ = items.sums()
    n = len(items.kinds)
    breaks = [-1, *(i for i, kind in enumerate(items.kinds) if kind == GLUE), n]

    def natural(a: int, b: int) -> float:
        """Width of the line from break ``breaks[a]`` to break ``breaks[b]`` (the space at its end not counted)."""
        return widths[breaks[b]] - widths[breaks[a] + 1]

    limit = width + 0.01
    inf = math.inf
    widest = [[inf] * len(breaks) for _ in range(count + 1)]  # lines, end -> least widest line
    widest[0][0] = 0.0
    for lines in range(1, count + 1):
        for b in range(1, len(breaks)):
            for a in range(b):
                if widest[lines - 1][a] == inf:
                    continue
                line = natural(a, b)
                if line <= limit:
                    widest[lines][b] = min(widest[lines][b], max(widest[lines - 1][a], line))
    target = widest[count][-1]
    if target == inf:
        return None
    shortfall = [[inf] * len(breaks) for _ in range(count + 1)]
    previous = [[-1] * len(breaks) for _ in range(count + 1)]
    shortfall[0][0] = 0.0
    for lines in range(1, count + 1):
        for b in range(1, len(breaks)):
            for a in range(b):
                if shortfall[lines - 1][a] == inf:
                    continue
                line = natural(a, b)
                if line > target + 0.01:
                    continue
                total = shortfall[lines - 1][a] + (target - line) ** 2
                if total < shortfall[lines][b]:
                    shortfall[lines][b], previous[lines][b] = total, a
    chosen = []
    at = len(breaks) - 1
    for lines in range(count, 0, -1):
        chosen.append(breaks[at])
        at = previous[lines][at]
    chosen.reverse()
    return _lines_at(items, chosen)


def break_lines(words: list[Word], width: float, hyphenate: bool) -> list[Line]:
    """Optimal-fit line breaking (after Knuth and Plass, without shrink): the breaks that make the
    paragraph's spaces most even, hyphenating only where that helps enough to pay for a hyphen."""
    return Breaker(words, hyphenate).lines(width)


def _break(items: _Items, width: float) -> tuple[int, ...]:
    """Where the lines end: the item index of each break, the paragraph's end last."""
    kinds = items.kinds
    n = len(kinds)
    if not n:
        return ()
    item_widths = items.widths
    forced = items.forced
    preferred = items.preferred
    widths, glues = items.sums()
    limit = width + 0.01
    guess = _SPACE_GUESS * width
    previous = [0] * (n + 1)  # break -> the break before it on the best path (-1: the start)
    # candidate starts: width and spaces before the line's first item, the break, its total
    # demerits, and whether it is a hyphen (no two hyphens in a row)
    candidates: list[_Start] = [(0.0, 0, -1, 0.0, False)]
    first = 0  # candidates before this one make lines too long for every later break as well
    for end in [i for i, kind in enumerate(kinds) if kind != BOX]:
        at_end = widths[end]
        newest = len(candidates) - 1
        while first < newest and at_end - candidates[first][0] > limit:
            first += 1
        if first > _PRUNE:  # dropped now and then, so that the loop below need not skip them
            del candidates[:first]
            first = 0
        kind = kinds[end]
        if end in forced:
            previous[end], found_total = _last_line(candidates, first, at_end, limit)
            candidates, first = [(widths[end + 1], glues[end + 1], end, found_total, False)], 0
            continue  # no line may run over a forced break
        is_hyphen = kind == HYPHEN
        hyphen = item_widths[end] if is_hyphen else 0.0
        space = item_widths[end] if kind == GLUE else guess
        if is_hyphen:
            penalty = PREFERRED_HYPHEN_DEMERITS if end in preferred else HYPHEN_DEMERITS
        else:
            penalty = CUT_DEMERITS if kind == CUT else 0.0
        glues_end = glues[end]
        found_total = math.inf
        found = -2
        for start_width, start_glues, start, start_total, after_hyphen in itertools.islice(candidates, first, None):
            natural = at_end - start_width + hyphen
            if natural > limit:
                continue
            spaces = glues_end - start_glues
            slack = width - natural
            ratio = slack / (spaces * space) if spaces else slack / space
            badness = 100.0 * ratio**3
            if badness > 1e5:
                badness = 1e5
            demerits = (10.0 + badness) ** 2 + penalty
            if after_hyphen and is_hyphen:
                demerits += HYPHEN_DEMERITS
            total = start_total + demerits
            if total < found_total:
                found_total, found = total, start
            if ratio > TOLERANCE:
                break  # later starts give shorter, looser lines still
        if found == -2:
            # nothing fits (a box wider than the line): break right before it
            found = candidates[-1][2]
            found_total = candidates[-1][3] + CUT_DEMERITS
        previous[end] = found
        candidates.append((widths[end + 1], glues[end + 1], end, found_total, is_hyphen))
    at_end = widths[n]
    while first < len(candidates) - 1 and at_end - candidates[first][0] > limit:
        first += 1
    previous[n], _ = _last_line(candidates, first, at_end, limit)
    chosen: list[int] = []
    point = n
    while point != -1:
        chosen.append(point)
        point = previous[point]
    chosen.reverse()
    return tuple(chosen)


def _lines_at(items: _Items, ends: Sequence[int]) -> list[Line]:
    """The lines that end at ``ends`` (item indices; the last is the paragraph's end)."""
    lines: list[Line] = []
    start = -1
    for end in ends:
        lines.append(_line(items, start, end))
        start = end
    return lines


# a place a line may start after: width and spaces before it, the break, the total demerits of the
# best lines up to it, and whether that break is a hyphen
_Start = tuple[float, int, int, float, bool]


def _last_line(candidates: list[_Start], first: int, at_end: float, limit: float) -> tuple[int, float]:
    """Where the last line before a forced break (or the paragraph's end) starts, with the total
    demerits there: a last line is not justified, so the best start whose line fits."""
    found_total = 0.0
    found = -2
    for start_width, _, start, start_total, _ in itertools.islice(candidates, first, None):
        if at_end - start_width <= limit and (found == -2 or start_total < found_total):
            found_total, found = start_total, start
    if found == -2:
        # nothing fits (a box wider than the line): break right before it
        found = candidates[-1][2]
        found_total = candidates[-1][3] + CUT_DEMERITS
    return found, found_total


def _base_items(words: list[Word], hyphenate: bool, print_points: PrintPoints) -> _Items:
    """The items of a paragraph at any width: boxes wider than the line are cut later."""
    kinds: list[int] = []
    widths: list[float] = []
    pieces: list[list[Piece] | _Fragment] = []
    forced: set[int] = set()
    preferred: set[int] = set()
    preferred_bounds: frozenset[int] = frozenset()
    add_kind, add_width, add_pieces = kinds.append, widths.append, pieces.append
    widest = 0.0
    last_space: Piece | None = None
    space_width = 0.0
    space_box: list[Piece] = []
    no_box: list[Piece] = []  # what a hyphenation point or a bare forced break holds: nothing, shared
    for word in words:
        word_pieces = word.pieces
        span_widths: tuple[float, ...] = ()
        if word_pieces:
            first = word_pieces[0]
            fmt = first.fmt
            # words of another language: Dutch patterns would cut them wrongly
            dutch = hyphenate and not first.element.lang
            printed = print_points.of(first.text) if dutch else ()
            bounds, span_widths, preferred_bounds = _spans(first.text, fmt.font, fmt.size, dutch, printed)
        if len(span_widths) < 2:
            # one box: the common case, made without copying the word's pieces
            box_width = span_widths[0] if len(word_pieces) == 1 else sum(p.width for p in word_pieces)
            if box_width > widest:
                widest = box_width
            add_kind(BOX)
            add_width(box_width)
            add_pieces(word_pieces)
        else:
            hyphen = _width("-", fmt.font, fmt.size)
            spans = len(span_widths)
            for i, box_width in enumerate(span_widths):
                if i:
                    if bounds[i] in preferred_bounds:
                        preferred.add(len(kinds))
                    add_kind(HYPHEN)
                    add_width(hyphen)
                    add_pieces(no_box)
                rest = _NO_PIECES
                if i == spans - 1 and len(word_pieces) > 1:
                    rest = word_pieces[1:]
                    box_width = sum(itertools.chain((box_width,), (p.width for p in rest)))
                if box_width > widest:
                    widest = box_width
                add_kind(BOX)
                add_width(box_width)
                add_pieces((first, bounds[i], bounds[i + 1], rest))
        space = word.space
        if space is not None:
            if space is not last_space:  # the spaces of one run of text are one piece
                last_space, space_width, space_box = space, _width(space.text, space.fmt.font, space.fmt.size), [space]
            if word.hard_break:
                forced.add(len(kinds))
            add_kind(GLUE)
            add_width(space_width)
            add_pieces(space_box)
        elif word.hard_break:
            forced.add(len(kinds))
            add_kind(GLUE)
            add_width(0.0)
            add_pieces(no_box)
    while kinds and kinds[-1] == GLUE and len(kinds) - 1 not in forced:
        # a paragraph ends at its last word
        kinds.pop()
        widths.pop()
        pieces.pop()
    return _Items(kinds, widths, pieces, forced, preferred, widest)


def _cut_items(base: _Items, width: float) -> _Items:
    """The items at ``width``, with the boxes wider than that cut where they must be."""
    kinds: list[int] = []
    widths: list[float] = []
    pieces: list[list[Piece] | _Fragment] = []
    forced: set[int] = set()
    preferred: set[int] = set()
    for i, (kind, box_width, box) in enumerate(zip(base.kinds, base.widths, base.pieces, strict=True)):
        if kind == BOX and box_width > width:
            box_pieces: list[Piece] = []
            _add_pieces(box_pieces, box)
            for j, chunk in enumerate(_chunks(box_pieces, width)):
                if j:
                    kinds.append(CUT)
                    widths.append(0.0)
                    pieces.append([])
                kinds.append(BOX)
                widths.append(sum(p.width for p in chunk))
                pieces.append(chunk)
        else:
            if i in base.forced:
                forced.add(len(kinds))
            if i in base.preferred:
                preferred.add(len(kinds))
            kinds.append(kind)
            widths.append(box_width)
            pieces.append(box)
    return _Items(kinds, widths, pieces, forced, preferred, base.widest)


def _add_pieces(pieces: list[Piece], box: list[Piece] | _Fragment) -> None:
    """Add a box's pieces to a line's: a word's spans as one piece (the word's own when whole)."""
    if isinstance(box, list):
        pieces += box
        return
    first, a, b, rest = box
    if a == 0 and b == len(first.text):
        pieces.append(first)
    else:
        pieces.append(clone(first, first.text[a:b]))
    pieces += rest


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


def _line(items: _Items, start: int, end: int) -> Line:
    kinds = items.kinds
    widths = items.widths
    boxes = items.pieces
    pieces: list[Piece] = []
    natural = 0.0
    spaces = 0
    pending: _Fragment | None = None  # spans of one word, joined as long as they follow each other
    for i in range(start + 1, end):
        box = boxes[i]
        if isinstance(box, tuple):
            if pending is not None and pending[0] is box[0] and pending[2] == box[1] and not box[0].note:
                pending = (box[0], pending[1], box[2], box[3])
            else:
                if pending is not None:
                    _add_pieces(pieces, pending)
                pending = box
        elif box:
            if pending is not None:
                _add_pieces(pieces, pending)
                pending = None
            pieces += box
        kind = kinds[i]
        if kind == BOX:
            natural += widths[i]
        elif kind == GLUE:
            natural += widths[i]
            spaces += 1
    if pending is not None:
        _add_pieces(pieces, pending)
    hyphen = None
    last = end == len(kinds)
    if not last:
        kind = kinds[end]
        if kind == GLUE:
            _add_pieces(pieces, boxes[end])  # the space stays, at the line's end, for the text
            last = end in items.forced
        elif kind == HYPHEN:
            hyphen = pieces[-1].fmt
            natural += widths[end]
    return Line(pieces, natural, spaces, hyphen, last)
