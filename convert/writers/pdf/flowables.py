"""Flowables that tag what they draw: text blocks, figures, tables and rules.

Footnotes go to the foot of the page that cites them. A flowable that cites notes asks for
their height in ``wrap`` (so that it moves or splits when they do not fit), draws at the top of
its box, and then raises the frame's bottom by that height (a negative space after gives the
room back to the flowables that follow); :class:`Context` draws the notes when the page ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Table

from convert.writers.pdf.breaking import Breaker, PrintPoints
from convert.writers.pdf.fonts import BlockStyle
from convert.writers.pdf.lines import Line, Painter, TextCodes, Word, clone, colour
from convert.writers.pdf.structure import Element, Outline, Recorder

ORPHANS = 2  # lines a split paragraph keeps on each side (no widows, no orphans)


@dataclass(eq=False)
class NoteArea:
    """A footnote as drawn at the foot of a page: its structure element and its flowables."""

    note_id: str
    element: Element
    flowables: list[Flowable]
    width: float
    gap: float

    @property
    def height(self) -> float:
        total = 0.0
        for flowable in self.flowables:
            _, h = flowable.wrap(self.width, 1e6)
            total += h + flowable.getSpaceAfter() + flowable.getSpaceBefore()
        return total + self.gap


@dataclass(eq=False)
class Context:
    """Shared by all flowables of one document: the recorder and the notes of each page."""

    recorder: Recorder
    separator: float  # the rule above the notes with its space
    notes: dict[str, NoteArea] = field(default_factory=dict)  # note key -> area
    on_page: dict[int, list[NoteArea]] = field(default_factory=dict)
    reserved: dict[int, float] = field(default_factory=dict)
    artifacts: set[int] = field(default_factory=set)  # ids of flowables drawn again (table headers)
    codes: TextCodes = field(default_factory=TextCodes)  # the fonts' character codes so far
    # Vertical justification (see pages.lay_out): the points each line and half of each gap between
    # blocks of the column grow by on a page; and what a first layout found to work it out: the room
    # left at the foot of each page, and how many such shares each page's text has.
    stretch: dict[int, float] = field(default_factory=dict)
    room_left: dict[int, float] = field(default_factory=dict)
    shares: dict[int, int] = field(default_factory=dict)
    last_gap: dict[int, float] = field(default_factory=dict)  # the space after a page's last block
    print_points: PrintPoints = field(default_factory=lambda: PrintPoints({}))  # where the print broke words
    break_plans: dict[tuple[int, float], tuple[int, ...]] = field(default_factory=dict)  # see Breaker
    blocks_made: int = 0  # text blocks made so far: each block's key in break_plans

    def unit(self, canvas: Any) -> float:
        """The stretch of the page being filled on ``canvas`` (0 with none, or without a canvas)."""
        if not self.stretch or canvas is None:
            return 0.0
        return self.stretch.get(_page(canvas), 0.0)

    def reserve(self, page: int, notes: Sequence[str]) -> float:
        """The height the notes need on ``page``, with the separator when they are the first."""
        areas = [self.notes[key] for key in notes if key in self.notes]
        if not areas:
            return 0.0
        extra = sum(area.height for area in areas)
        if not self.on_page.get(page):
            extra += self.separator
        return extra

    def place(self, page: int, notes: Sequence[str]) -> None:
        for key in notes:
            if key in self.notes:
                self.on_page.setdefault(page, []).append(self.notes[key])


def _page(canvas: Any) -> int:
    return int(canvas.getPageNumber()) - 1


class NoteReserving:
    """Mixin: wrap asks for the notes' height, drawOn draws at the top, the frame gives it back."""

    _extra: float = 0.0
    reserve_notes: bool = True
    context: Context

    def cited_notes(self) -> list[str]:
        raise NotImplementedError

    def _reserve(self, canvas: Any) -> float:
        if not self.reserve_notes or canvas is None:
            return 0.0
        self._extra = self.context.reserve(_page(canvas), self.cited_notes())
        return self._extra

    def _give_back(self) -> None:
        frame = getattr(self, "_frame", None)
        if self._extra and frame is not None:
            frame._y1p += self._extra


class TextBlock(NoteReserving, Flowable):  # type: ignore[misc]
    """A paragraph, heading or line of text, split between lines; one structure element throughout."""

    def __init__(
        self,
        context: Context,
        words: list[Word],
        style: BlockStyle,
        label: list[Word] | None = None,
        label_width: float = 0.0,
        outline: tuple[str, int] | None = None,
        lines: list[Line] | None = None,
        breaker: Breaker | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.words = words
        # items made once, lines once per width, shared by the parts of a split block
        if breaker is None:
            context.blocks_made += 1
            breaker = Breaker(words, style.hyphenate, context.print_points, context.break_plans, context.blocks_made)
        self.breaker = breaker
        self._label_breaker = Breaker(label, False) if label else None
        self.style = style
        self.label = label
        self.label_width = label_width
        self.outline = outline
        self.lines = lines
        self._lines_width: float | None = -1.0 if lines is None else None  # None: a part, lines fixed
        self.spaceBefore = style.space_before
        self.keep_next: Flowable | None = None  # kept with its first lines on one page (headings)
        self.anchor = ""  # a note set in the flow of text: where its references lead
        self._keep = 0.0
        self._space_after = style.space_after
        self._leading = style.leading  # with the page's stretch, as measured by the last wrap

    def _break(self, width: float) -> list[Line]:
        if self.lines is None or (self._lines_width is not None and self._lines_width != width):
            column = width - self.style.indent
            self.lines = self.breaker.balanced(column) if self.style.balance else self.breaker.lines(column)
            if not self.lines and self.label:
                self.lines = [Line([], 0.0, 0, last=True)]  # an empty list item still shows its marker
            self._lines_width = width
        return self.lines

    def cited_notes(self) -> list[str]:
        return [n for line in self.lines or [] for n in line.notes]

    def _stretch(self) -> float:
        """The page's stretch, for a block the column's frame is placing (not a table cell's or a
        note's: those keep their leading)."""
        return self.context.unit(getattr(self, "canv", None)) if getattr(self, "_frame", None) else 0.0

    def getSpaceBefore(self) -> float:
        return float(self.spaceBefore) + 2 * self._stretch()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._break(availWidth)
        self.width = availWidth
        # room for this block's space after and the next block's first lines, given back after drawing
        canvas = getattr(self, "canv", None)
        self._leading = self.style.leading + self._stretch()
        own = len(lines) * self._leading
        # the notes matter only if the lines fit: a long paragraph's rest is measured on every page
        # (before it is split again), and counting its notes each time would make that quadratic
        self._extra = 0.0
        own += self._reserve(canvas) if own <= availHeight else 0.0
        self._keep = 0.0
        if self.keep_next is not None:
            self._keep = self._space_after + keep_height(self.keep_next, availWidth, canvas)
            frame = getattr(self, "_frame", None)
            if frame is not None and frame._atTop and own + self._keep > availHeight:
                self._keep = 0.0  # too much to keep even on an empty page: a later page would not help
        self.height = own + self._keep
        return availWidth, self.height

    def min_height(self, width: float, canvas: Any) -> float:
        """What must fit beside a heading that keeps with this block: its first lines (or all),
        with the notes they cite."""
        lines = self._break(width)
        shown = next((n for n in range(ORPHANS, len(lines) - ORPHANS + 1) if _can_split(lines, n)), len(lines))
        cited = [note for line in lines[:shown] for note in line.notes]
        notes = self.context.reserve(_page(canvas), cited) if canvas is not None and self.reserve_notes else 0.0
        keep = self._space_after + keep_height(self.keep_next, width, canvas) if self.keep_next is not None else 0.0
        unit = self.context.unit(canvas)  # it follows a block of the column, on the same page
        return float(self.spaceBefore) + 2 * unit + shown * (self.style.leading + unit) + notes + keep

    def getSpaceAfter(self) -> float:
        return float(self._space_after - self._extra - self._keep)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._break(availWidth)
        if len(lines) < 2 * ORPHANS:
            return []
        frame = getattr(self, "_frame", None)
        if self.style.balance and not (frame is not None and frame._atTop):
            return []  # a heading is split only when a whole page cannot hold it: else its first lines end a page
        canvas = getattr(self, "canv", None)
        page = _page(canvas) if canvas is not None and self.reserve_notes else None
        # More lines never need less room (lines and notes only add), so the lines that fit are a
        # prefix: walk it once, adding notes as they come, and keep the last place a page may end.
        # Linear in the lines of one page, not cubic in the paragraph's.
        cited: list[str] = []
        extra = 0.0
        best = 0
        leading = self.style.leading + self._stretch()
        for n in range(1, len(lines) - ORPHANS + 1):
            notes = lines[n - 1].notes
            if notes and page is not None:
                cited += notes
                extra = self.context.reserve(page, cited)
            if n * leading + extra > availHeight:
                break
            if _can_split(lines, n):
                best = n
        if not best:
            return []
        return [self._part(lines[:best], first=True), self._part(lines[best:], first=False)]

    def _part(self, lines: list[Line], first: bool) -> TextBlock:
        part = TextBlock(
            self.context,
            self.words,
            self.style,
            self.label if first else None,
            self.label_width,
            self.outline if first else None,
            lines,
            self.breaker,
        )
        part.reserve_notes = self.reserve_notes
        part.spaceBefore = self.spaceBefore if first else 0.0
        part._space_after = 0.0 if first else self._space_after
        part.keep_next = None if first else self.keep_next
        return part

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y + self._extra + self._keep, _sW)

    def draw(self) -> None:
        canvas = self.canv
        page = _page(canvas)
        painter = Painter(
            canvas, self.context.recorder, self.context.codes, artifact=id(self) in self.context.artifacts
        )
        leading = self._leading
        top = self.height - self._extra - self._keep
        frame = getattr(self, "_frame", None)
        if frame is not None and not painter.artifact:  # shares of the page a stretch would give it
            shares = len(self.lines or []) + (0 if frame._atTop else 2)
            self.context.shares[page] = self.context.shares.get(page, 0) + shares
            self.context.last_gap[page] = self._space_after
        if self.outline is not None and not painter.artifact:
            title, level = self.outline
            _, y = canvas.absolutePosition(0, top)
            self.context.recorder.outlines.append(Outline(title, level, page, float(y)))
        if self.anchor and not painter.artifact:
            _, y = canvas.absolutePosition(0, top)
            self.context.recorder.note_targets[self.anchor] = (page, float(y))
        x = self.style.indent
        width = self.width - self.style.indent
        for i, line in enumerate(self.lines or []):
            baseline = top - i * leading - leading / 2 - self.style.size * 0.3
            if i == 0 and self._label_breaker is not None:
                for label_line in self._label_breaker.lines(self.label_width)[:1]:
                    painter.line(label_line, x - self.label_width, baseline, self.label_width, "left")
            painter.line(line, x, baseline, width, self.style.align)
        if not painter.artifact:
            self.context.place(page, self.cited_notes())
        self._give_back()


def _can_split(lines: list[Line], n: int) -> bool:
    """Whether a page may end after ``n`` lines: no orphan or widow, and no hyphen at the page foot."""
    return ORPHANS <= n <= len(lines) - ORPHANS and lines[n - 1].hyphen is None


def keep_height(flowable: Flowable, width: float, canvas: Any) -> float:
    """The least of ``flowable`` that must share a page with the block before it.

    Measured as the frame would: through ``wrapOn`` with the canvas of the block that keeps it (or
    none, before layout), since reportlab's containers wrap their content on ``self.canv``.
    """
    if isinstance(flowable, TextBlock):
        return flowable.min_height(width, canvas)
    if isinstance(flowable, TaggedTable):
        flowable.wrapOn(canvas, width, 1e6)
        rows = flowable._rowHeights[: flowable.head_rows + 1]
        return float(flowable.getSpaceBefore()) + float(sum(rows))
    if isinstance(flowable, KeepTogether):
        # kept together, so kept whole; its own wrap answers "split me" (0xffffff) instead of a height
        content = [f for f in flowable._content if not hasattr(f, "frameAction")]
        total = 0.0
        for i, part in enumerate(content):
            _, height = part.wrapOn(canvas, width, 1e6)
            total += float(part.getSpaceBefore()) + float(height)
            total += float(part.getSpaceAfter()) if i < len(content) - 1 else 0.0
        return total
    _, height = flowable.wrapOn(canvas, width, 1e6)
    return float(flowable.getSpaceBefore()) + float(height)


class Rule(Flowable):  # type: ignore[misc]
    """A thin horizontal rule: page furniture, so an artifact (PDF/UA-1 7.1)."""

    def __init__(self, colour: str, thickness: float, space: float) -> None:
        super().__init__()
        self.colour = colour
        self.thickness = thickness
        self.spaceBefore = space
        self.spaceAfter = space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.thickness

    def draw(self) -> None:
        self.canv._code.append("/Artifact <</Type /Layout>> BDC")
        self.canv.setStrokeColor(colour(self.colour))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
        self.canv._code.append("EMC")


class FigureBlock(Flowable):  # type: ignore[misc]
    """A figure tagged ``Figure`` with ``/Alt``: its image when the model holds one (see
    :mod:`images`), else its description set in a dashed frame, as content of the same element."""

    def __init__(
        self,
        context: Context,
        element: Element,
        image: Any,
        words: list[Word],
        style: BlockStyle,
        colour: str,
        max_height: float,
    ) -> None:
        super().__init__()
        self.context = context
        self.element = element
        self.image = image
        self.words = words
        self.style = style
        self.colour = colour
        self.max_height = max_height
        self.padding = style.size * 0.75
        self.lines: list[Line] = []
        self.breaker = Breaker(words, False)
        self.spaceAfter = style.space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.image is None:
            self.lines = self.breaker.lines(availWidth - 2 * self.padding)
            room = max(1, int((self.max_height - 2 * self.padding) // self.style.leading))
            if len(self.lines) > room:
                self.lines = _shortened(self.lines[:room])  # /Alt still holds all of it
            self.width = availWidth
            self.height = max(len(self.lines), 1) * self.style.leading + 2 * self.padding
        else:
            w, h = self.image.getSize()
            scale = min(1.0, availWidth / w, self.max_height / h)
            self.width, self.height = w * scale, h * scale
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        slot = self.element.slot()
        mcid = self.context.recorder.mark(_page(canvas), self.element, slot)
        canvas._code.append(f"/Figure <</MCID {mcid}>> BDC")
        x0, y0 = canvas.absolutePosition(0, 0)
        x1, y1 = canvas.absolutePosition(self.width, self.height)
        self.element.attributes = {"O": "/Layout", "BBox": [round(float(v), 2) for v in (x0, y0, x1, y1)]}
        if self.image is None:
            canvas.setStrokeColor(colour(self.colour))
            canvas.setDash(3, 3)
            canvas.rect(0, 0, self.width, self.height)
            canvas.setDash()
        else:
            canvas.drawImage(self.image, 0, 0, self.width, self.height)
        canvas._code.append("EMC")
        painter = Painter(canvas, self.context.recorder, self.context.codes)
        leading = self.style.leading
        for i, line in enumerate(self.lines):
            baseline = self.height - self.padding - i * leading - leading / 2 - self.style.size * 0.3
            painter.line(line, self.padding, baseline, self.width - 2 * self.padding, "left")


def _shortened(lines: list[Line]) -> list[Line]:
    """The lines with an ellipsis at the end of the last: a description cut to fit the page."""
    last = lines[-1]
    if not last.pieces:
        return lines
    ellipsis = clone(last.pieces[-1], " …")
    shown = Line([*last.pieces, ellipsis], last.width + ellipsis.width, last.spaces, None, last=True)
    return [*lines[:-1], shown]


class TaggedTable(NoteReserving, Table):  # type: ignore[misc]
    """A reportlab table whose grid is an artifact; repeated header rows are drawn as artifacts."""

    def __init__(self, data: Any, context: Context | None = None, head_rows: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("repeatRows", head_rows)
        super().__init__(data, **kwargs)
        if context is not None:
            self.context = context
        self.head_rows = head_rows
        self.repeated = False

    def cited_notes(self) -> list[str]:
        rows = self._cellvalues[self.head_rows if self.repeated else 0 :]
        notes: list[str] = []
        for row in rows:
            for cell in row:
                for flowable in cell if isinstance(cell, list | tuple) else ():
                    if isinstance(flowable, TextBlock):
                        notes += [note for word in flowable.words for note in word.notes]
        return notes

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = super().wrap(availWidth, availHeight)
        return w, h + self._reserve(getattr(self, "canv", None))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        extra = self._reserve(getattr(self, "canv", None))
        parts: list[Flowable] = super().split(availWidth, availHeight - extra)
        for part in parts[1:]:
            part.repeated = True
        return parts

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Any]:
        parts: list[Any] = super()._splitRows(availHeight, doInRowSplit)
        for part in parts:
            if part is not self:
                part.context = self.context
                part.head_rows = self.head_rows
                part.repeated = self.repeated
                part.reserve_notes = self.reserve_notes
                part._extra = 0.0
        return parts

    def getSpaceAfter(self) -> float:
        return float(getattr(self, "spaceAfter", 0.0) - self._extra)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y + self._extra, _sW)

    def draw(self) -> None:
        repeated: set[int] = set()
        if self.repeated:
            for row in self._cellvalues[: self.head_rows]:
                for cell in row:
                    repeated.update(id(f) for f in (cell if isinstance(cell, list | tuple) else ()))
        self.context.artifacts |= repeated
        super().draw()
        self.context.artifacts -= repeated
        self._give_back()

    def _drawBkgrnd(self) -> None:
        self.canv._code.append("/Artifact <</Type /Layout>> BDC")
        super()._drawBkgrnd()
        self.canv._code.append("EMC")

    def _drawLines(self) -> None:
        self.canv._code.append("/Artifact <</Type /Layout>> BDC")
        super()._drawLines()
        self.canv._code.append("EMC")
