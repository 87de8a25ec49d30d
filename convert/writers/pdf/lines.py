"""Inline text: model inlines -> words with their structure elements -> lines -> marked content.

reportlab's Paragraph cannot mark content inside a line, so the writer breaks lines itself:
greedy, with Dutch hyphenation (pyphen) whose hyphen is drawn as an ``/Artifact`` so that no
reader ever hears "drugs- beleid" (PDF/UA-1 7.1). Spaces are real glyphs (also at a line's end)
so that extracted text keeps its words apart; justification uses word spacing (``Tw``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import assert_never

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from convert.model import (
    Emphasis,
    Foreign,
    Inline,
    LineBreak,
    Link,
    Note,
    PageStart,
    Quoted,
    Strong,
    Text,
)
from convert.text import QUOTE_MARKS, inline_text
from convert.writers.pdf.fonts import BlockStyle
from convert.writers.pdf.structure import Annotation, Element, Recorder, Slot

SUPERSCRIPT = 0.7  # note markers: size and rise as a fraction of the text size
RISE = 0.33
HYPHENS = "-‐‑"
MAX_STRETCH = 0.6  # the most a justified space may grow, in em
_SPACES = re.compile(r"[ \t\r\n]+")
_WORD = re.compile(r"^(\W*)([^\W\d_]+(?:-[^\W\d_]+)*)(\W*)$")
NOTE_LINK_TEXT = {"nl": "Voetnoot", "en": "Footnote"}


@dataclass(frozen=True)
class Format:
    font: str
    size: float
    colour: str
    rise: float = 0.0
    underline: bool = False


@dataclass(frozen=True, eq=False)
class LinkTarget:
    element: Element
    contents: str
    uri: str = ""
    note_id: str = ""


@dataclass(eq=False)
class Piece:
    text: str
    fmt: Format
    element: Element
    slot: Slot
    link: LinkTarget | None = None
    note: str = ""  # the key of the note this piece refers to

    @property
    def width(self) -> float:
        return _width(self.text, self.fmt.font, self.fmt.size)


@functools.lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


@dataclass(eq=False)
class Word:
    pieces: list[Piece] = field(default_factory=list)
    space: Piece | None = None  # the space that follows the word
    hard_break: bool = False  # a LineBreak follows the word

    @property
    def width(self) -> float:
        return sum(p.width for p in self.pieces)

    @property
    def notes(self) -> list[str]:
        return [p.note for p in self.pieces if p.note]


@dataclass(eq=False)
class Line:
    pieces: list[Piece]
    width: float  # natural width without the trailing space
    spaces: int  # inner spaces, which take the justification
    hyphen: Format | None = None  # an artifact hyphen at the end
    last: bool = False  # not justified

    @property
    def notes(self) -> list[str]:
        return [p.note for p in self.pieces if p.note]


class InlineBuilder:
    """Turns inlines into words, creating Span/Quote/Link elements under ``owner`` as it goes."""

    def __init__(self, style: BlockStyle, lang: str, note_id: Callable[[Note], str]) -> None:
        self.style = style
        self.lang = lang
        self.note_id = note_id
        self.words: list[Word] = [Word()]

    def build(self, inlines: tuple[Inline, ...], owner: Element) -> list[Word]:
        self._inlines(inlines, owner, self.style.bold, False, None)
        return [w for w in self.words if w.pieces or w.hard_break]

    def plain(self, text: str, owner: Element) -> list[Word]:
        """Words of a plain string (front matter, labels, signatures) owned by ``owner``."""
        self._text(text, self._fmt(self.style.bold, False, None), owner, None)
        return [w for w in self.words if w.pieces or w.hard_break]

    def _fmt(self, bold: bool, italic: bool, link: LinkTarget | None) -> Format:
        colour = self.style.link_colour if link and link.uri else self.style.colour
        return Format(self.style.faces.pick(bold, italic), self.style.size, colour, underline=bool(link and link.uri))

    def _inlines(
        self, inlines: tuple[Inline, ...], owner: Element, bold: bool, italic: bool, link: LinkTarget | None
    ) -> None:
        for inline in inlines:
            match inline:
                case Text():
                    self._text(inline.text, self._fmt(bold, italic, link), owner, link)
                case Emphasis():
                    self._inlines(inline.children, owner, bold, not italic, link)
                case Strong():
                    self._inlines(inline.children, owner, True, italic, link)
                case Quoted():
                    quote = owner.add(Element("Quote"))
                    opening, closing = QUOTE_MARKS[inline.kind]
                    self._text(opening, self._fmt(bold, italic, link), quote, link)
                    self._inlines(inline.children, quote, bold, italic, link)
                    self._text(closing, self._fmt(bold, italic, link), quote, link)
                case Foreign():
                    span = owner.add(Element("Span", lang=inline.lang))
                    self._inlines(inline.children, span, bold, italic, link)
                case Link():
                    element = owner.add(Element("Link"))
                    text = inline_text(inline.children).strip() or inline.target
                    target = LinkTarget(element, contents=text, uri=inline.target)
                    self._inlines(inline.children, element, bold, italic, target)
                case Note():
                    self._note_ref(inline, owner)
                case PageStart():
                    pass  # a print page of the source edition: no mark in this edition's text
                case LineBreak():
                    # a space stays at the break, so that the two lines are not read as one word
                    if self.words[-1].pieces:
                        self._space(self._fmt(bold, italic, link), owner, link)
                    if len(self.words) > 1:
                        self.words[-2].hard_break = True
                case _:
                    assert_never(inline)

    def _note_ref(self, note: Note, owner: Element) -> None:
        element = owner.add(Element("Link"))
        word = NOTE_LINK_TEXT.get(self.lang.split("-")[0], NOTE_LINK_TEXT["en"])
        key = self.note_id(note)
        target = LinkTarget(element, contents=f"{word} {note.label}", note_id=key)
        size = self.style.size * SUPERSCRIPT
        fmt = Format(self.style.faces.regular, size, self.style.colour, rise=self.style.size * RISE)
        self._piece(Piece(note.label, fmt, element, element.slot(), target, key))

    def _text(self, text: str, fmt: Format, owner: Element, link: LinkTarget | None) -> None:
        for i, part in enumerate(_SPACES.split(text)):
            if i > 0:
                self._space(fmt, owner, link)
            if part:
                self._piece(Piece(part, fmt, owner, owner.slot(), link))

    def _piece(self, piece: Piece) -> None:
        word = self.words[-1]
        last = word.pieces[-1] if word.pieces else None
        if last and last.fmt == piece.fmt and last.slot is piece.slot and last.link is piece.link and not last.note:
            last.text += piece.text
        else:
            word.pieces.append(piece)

    def _space(self, fmt: Format, owner: Element, link: LinkTarget | None) -> None:
        word = self.words[-1]
        if not word.pieces:
            return  # collapse spaces, drop leading ones
        word.space = Piece(" ", fmt, owner, owner.slot(), link)
        self.words.append(Word())


@functools.cache
def _hyphenator() -> object:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=3, right=3)


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


def break_lines(words: list[Word], width: float, hyphenate: bool) -> list[Line]:
    """Greedy line breaking; hyphenates a word that does not fit, and cuts one longer than a line."""
    lines: list[Line] = []
    current: list[Word] = []
    natural = 0.0
    queue = list(words)

    def emit(hyphen: Format | None = None, last: bool = False) -> None:
        nonlocal current, natural
        pieces: list[Piece] = []
        spaces = 0
        for i, word in enumerate(current):
            pieces += word.pieces
            if word.space is not None:
                pieces.append(word.space)
                if i < len(current) - 1:
                    spaces += 1
        width = natural + (_width("-", hyphen.font, hyphen.size) if hyphen else 0.0)
        lines.append(Line(pieces, width, spaces, hyphen, last))
        current, natural = [], 0.0

    while queue:
        word = queue.pop(0)
        gap = current[-1].space.width if current and current[-1].space else 0.0
        if natural + gap + word.width <= width:
            natural += gap + word.width
            current.append(word)
        else:
            room = width - natural - gap
            cut = _hyphenate(word, room) if hyphenate else None
            if cut is None and not current:
                cut = _cut(word, width)
            if cut is None:
                emit()
                queue.insert(0, word)
                continue
            head, tail, hyphen = cut
            natural += gap + head.width
            current.append(head)
            emit(hyphen)
            queue.insert(0, tail)
            continue
        if word.hard_break:
            emit(last=True)
    if current:
        emit(last=True)
    if lines:
        lines[-1].last = True
    return lines


def _hyphenate(word: Word, room: float) -> tuple[Word, Word, Format | None] | None:
    if not word.pieces:
        return None
    first = word.pieces[0]
    for head_text, tail_text in _hyphen_splits(first.text):
        hyphen_width = _width("-", first.fmt.font, first.fmt.size)
        if _width(head_text, first.fmt.font, first.fmt.size) + hyphen_width <= room:
            head = Word([_clone(first, head_text)])
            tail = Word([_clone(first, tail_text), *word.pieces[1:]], word.space, word.hard_break)
            return head, tail, first.fmt
    return None


def _cut(word: Word, width: float) -> tuple[Word, Word, Format | None] | None:
    """A word longer than a whole line (a URL) is cut without a hyphen where it must be."""
    first = word.pieces[0]
    if len(word.pieces) > 1 and first.width <= width:
        return Word(word.pieces[:1]), Word(word.pieces[1:], word.space, word.hard_break), None
    for n in range(len(first.text) - 1, 0, -1):
        if first.text[n - 1] in HYPHENS:
            continue  # a line that ends in a hyphen would be joined by text extraction, losing it
        if _width(first.text[:n], first.fmt.font, first.fmt.size) <= width:
            head = Word([_clone(first, first.text[:n])])
            tail = Word([_clone(first, first.text[n:]), *word.pieces[1:]], word.space, word.hard_break)
            return head, tail, None
    return None


def _clone(piece: Piece, text: str) -> Piece:
    return Piece(text, piece.fmt, piece.element, piece.slot, piece.link, piece.note)


@dataclass
class Painter:
    """Draws lines as marked content; everything that is not text of the model is an artifact."""

    canvas: Canvas
    recorder: Recorder
    artifact: bool = False  # a repeated table header: drawn again, read once

    @property
    def page(self) -> int:
        return int(self.canvas.getPageNumber()) - 1

    def line(self, line: Line, x: float, baseline: float, width: float, align: str) -> None:
        spare = width - line.width
        word_space = spare / line.spaces if align == "justify" and not line.last and line.spaces else 0.0
        if word_space > MAX_STRETCH * (line.pieces[0].fmt.size if line.pieces else 0.0):
            word_space = 0.0  # a line that would gape is set ragged instead: no rivers, no false columns
        groups: list[list[Piece]] = []
        for piece in line.pieces:
            last = groups[-1][-1] if groups else None
            if last and last.fmt == piece.fmt and last.slot is piece.slot and last.link is piece.link:
                groups[-1].append(piece)
            else:
                groups.append([piece])
        links: dict[int, tuple[LinkTarget, float, float, float]] = {}
        for group in groups:
            text = "".join(p.text for p in group)
            first = group[0]
            advance = _width(text, first.fmt.font, first.fmt.size) + word_space * text.count(" ")
            self._show(text, first, x, baseline, word_space)
            if first.link is not None:
                key = id(first.link)
                start = links[key][1] if key in links else x
                links[key] = (first.link, start, x + advance, first.fmt.size)
            x += advance
        if line.hyphen is not None:
            self.open_artifact()
            self._text("-", line.hyphen, x, baseline, 0.0)
            self.close()
        if not self.artifact:
            for target, start, end, size in links.values():
                self._link(target, start, end, baseline, size)

    def _show(self, text: str, piece: Piece, x: float, baseline: float, word_space: float) -> None:
        if self.artifact:
            self.open_artifact()
        else:
            mcid = self.recorder.mark(self.page, piece.element, piece.slot)
            self.canvas._code.append(f"/{piece.element.role} <</MCID {mcid}>> BDC")
        self._text(text, piece.fmt, x, baseline, word_space)
        self.close()
        if piece.fmt.underline:
            self.open_artifact()
            width = _width(text.rstrip(" "), piece.fmt.font, piece.fmt.size) + word_space * text.rstrip(" ").count(" ")
            self.canvas.setStrokeColor(piece.fmt.colour)
            self.canvas.setLineWidth(piece.fmt.size / 18)
            self.canvas.line(x, baseline - piece.fmt.size * 0.12, x + width, baseline - piece.fmt.size * 0.12)
            self.close()

    def _text(self, text: str, fmt: Format, x: float, baseline: float, word_space: float) -> None:
        obj = self.canvas.beginText(x, baseline + fmt.rise)
        obj.setFont(fmt.font, fmt.size)
        obj.setFillColor(fmt.colour)
        obj.setWordSpace(word_space)  # Tw is graphics state: always set it
        obj.textOut(text)
        self.canvas.drawText(obj)

    def _link(self, target: LinkTarget, start: float, end: float, baseline: float, size: float) -> None:
        rect = (start, baseline - size * 0.25, end, baseline + size * 0.9)
        annotation = Annotation(self.page, rect, target.contents, uri=target.uri, note_id=target.note_id)
        target.element.annotations.append(annotation)

    def open_artifact(self, kind: str = "") -> None:
        self.canvas._code.append(f"/Artifact {kind} BDC" if kind else "/Artifact BMC")

    def close(self) -> None:
        self.canvas._code.append("EMC")
