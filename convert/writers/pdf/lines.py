"""Inline text: model inlines -> words with their structure elements; lines -> marked content.

reportlab's Paragraph cannot mark content inside a line, so the writer breaks lines itself:
greedy, with Dutch hyphenation (pyphen's patterns) whose hyphen is drawn as an ``/Artifact`` so that no
reader ever hears "drugs- beleid" (PDF/UA-1 7.1). Spaces are real glyphs (also at a line's end)
so that extracted text keeps its words apart; justification uses word spacing (``Tw``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, assert_never

from reportlab.lib.colors import Color, toColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
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
from convert.writers.pdf.fonts import BlockStyle, glyph_runs
from convert.writers.pdf.structure import Annotation, Element, Recorder, Slot

SUPERSCRIPT = 0.7  # note markers: size and rise as a fraction of the text size
RISE = 0.33
MAX_STRETCH = 0.6  # the most a justified space may grow, in em
_SPACES = re.compile(r"[ \t\r\n]+")
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


@dataclass(eq=False, slots=True)
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


@functools.lru_cache(maxsize=64)
def colour(value: str) -> Any:
    """A colour of the style as reportlab's Color, parsed once (``toColor`` parses a string each time)."""
    return toColor(value)


@functools.lru_cache(maxsize=64)
def _fill(value: str) -> str | None:
    """The fill colour operator reportlab writes for ``value``, made once; None: not plain RGB."""
    rgb = colour(value)
    if type(rgb) is not Color or rgb.alpha != 1:
        return None
    return f"{fp_str((rgb.red, rgb.green, rgb.blue))} rg"


@functools.lru_cache(maxsize=256)
def _font_setting(font: str, size: float) -> str | None:
    """What follows a TrueType subset's name when reportlab selects it (``Tf`` and ``TL``), or None
    for a font that is not a TrueType font."""
    if not getattr(getFont(font), "_dynamicFont", False):
        return None
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"


@dataclass(eq=False, slots=True)
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

    @functools.cached_property
    def notes(self) -> list[str]:
        """Keys of the notes cited in this line (asked for often while a page is filled)."""
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

    def plain(self, text: str, owner: Element, bold: bool = False) -> list[Word]:
        """Words of a plain string (front matter, labels, signatures) owned by ``owner``."""
        self._text(text, self._fmt(self.style.bold or bold, False, None), owner, None)
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
        size = max(self.style.size * SUPERSCRIPT, self.style.min_size)
        fmt = Format(self.style.faces.regular, size, self.style.colour, rise=self.style.size * RISE)
        self._piece(Piece(note.label, fmt, element, element.slot(), target, key))

    def _text(self, text: str, fmt: Format, owner: Element, link: LinkTarget | None) -> None:
        """The words of one run of text; its spaces share one piece (nothing changes a space), and
        its pieces the owner's slot, asked for once (it changes only where a stand-in adds a Span)."""
        words = self.words
        slot: Slot | None = None
        space: Piece | None = None
        for i, part in enumerate(_SPACES.split(text)):
            if i > 0 and words[-1].pieces:  # collapse spaces, drop leading ones
                if space is None:
                    slot = slot or owner.slot()
                    space = Piece(" ", fmt, owner, slot, link)
                words[-1].space = space
                words.append(Word())
            if part:
                slot = slot or owner.slot()
                piece = Piece(part, fmt, owner, slot, link)
                runs = glyph_runs(part, fmt.font)
                if i and len(runs) == 1 and runs[0][0] == part:
                    words[-1].pieces.append(piece)  # a new word the font can draw: nothing to join
                    continue
                self._piece(piece)
                if owner.kids[-1] is not slot:
                    slot = space = None  # what follows the Span of a stand-in takes a new slot

    def _piece(self, piece: Piece) -> None:
        runs = glyph_runs(piece.text, piece.fmt.font)
        if len(runs) == 1 and runs[0][0] == runs[0][1]:
            self._add(piece)
            return
        for shown, actual in runs:
            if shown == actual:
                self._add(Piece(shown, piece.fmt, piece.element, piece.element.slot(), piece.link, piece.note))
            else:
                # drawn as "�" (the font has no glyph), read as what it is: PDF/UA-1 7.21.7, 14.9.4 ActualText
                span = piece.element.add(Element("Span", actual_text=actual))
                self._add(Piece(shown, piece.fmt, span, span.slot(), piece.link, piece.note))

    def _add(self, piece: Piece) -> None:
        word = self.words[-1]
        last = word.pieces[-1] if word.pieces else None
        if (
            last
            and last.slot is piece.slot
            and last.link is piece.link
            and not last.note
            and _same(last.fmt, piece.fmt)
        ):
            last.text += piece.text
        else:
            word.pieces.append(piece)

    def _space(self, fmt: Format, owner: Element, link: LinkTarget | None) -> None:
        word = self.words[-1]
        if not word.pieces:
            return  # collapse spaces, drop leading ones
        word.space = Piece(" ", fmt, owner, owner.slot(), link)
        self.words.append(Word())


def _same(a: Format, b: Format) -> bool:
    """Equal formats, found quickly when they are the same object (the pieces of one text are)."""
    return a is b or a == b


def _utf16(text: str) -> str:
    """A PDF text string in hex: UTF-16BE with its byte order mark (ISO 32000-1 7.9.2.2)."""
    return "FEFF" + text.encode("utf-16-be").hex().upper()


def clone(piece: Piece, text: str) -> Piece:
    return Piece(text, piece.fmt, piece.element, piece.slot, piece.link, piece.note)


class _Unassigned(Exception):
    """A character without a code in a font's first subset yet (not a LookupError, which
    ``str.translate`` would take for "leave the character as it is")."""


class _SubsetCodes(dict[int, str]):
    """Character -> its code in a TrueType font's first subset, escaped for a PDF string."""

    def __missing__(self, key: int) -> str:
        raise _Unassigned


@dataclass
class TextCodes:
    """The codes reportlab has given characters in each font of one document so far.

    reportlab's ``splitString`` gives a character its code in a font subset when it is first
    drawn, then maps the text code by code in Python, and ``escapePDF`` escapes the bytes one by
    one. Once each character of a run has its code, one ``str.translate`` makes the same string;
    a run with a new character still goes through reportlab, which gives the codes in drawing order.
    """

    fonts: dict[str, tuple[_SubsetCodes, str]] = field(default_factory=dict)  # font -> codes, subset name

    def shown(self, text: str, font: str) -> tuple[str, str] | None:
        """The escaped codes of ``text`` and the name of their subset, if all have one."""
        known = self.fonts.get(font)
        if known is None or not text:
            return None
        codes, subset = known
        try:
            return text.translate(codes), subset
        except _Unassigned:
            return None

    def learn(self, text: str, font: str, canvas: Canvas) -> None:
        """Take the first subset's codes of the characters of ``text`` that reportlab has given."""
        doc = canvas._doc
        ttf = getFont(font)
        assignments = ttf.state[doc].assignments
        codes, _ = self.fonts.setdefault(font, (_SubsetCodes(), ttf.getSubsetInternalName(0, doc)))
        for char in set(text):
            code = assignments.get(32 if char == "\xa0" else ord(char))  # splitString draws a no-break space as a space
            if code is not None and code < 256:
                codes[ord(char)] = canvas._escape(bytes((code,)))


@dataclass
class Painter:
    """Draws lines as marked content; everything that is not text of the model is an artifact."""

    canvas: Canvas
    recorder: Recorder
    codes: TextCodes
    artifact: bool = False  # a repeated table header: drawn again, read once

    @property
    def page(self) -> int:
        return int(self.canvas.getPageNumber()) - 1

    def line(self, line: Line, x: float, baseline: float, width: float, align: str) -> None:
        spare = width - line.width
        word_space = spare / line.spaces if align == "justify" and not line.last and line.spaces else 0.0
        if word_space > MAX_STRETCH * (line.pieces[0].fmt.size if line.pieces else 0.0):
            word_space = 0.0  # a line that would gape is set ragged instead: no rivers, no false columns
        runs: list[tuple[Piece, list[str]]] = []  # the first piece of each run and the texts of all
        texts: list[str] = []
        last: Piece | None = None
        for piece in line.pieces:
            if last and last.slot is piece.slot and last.link is piece.link and _same(last.fmt, piece.fmt):
                texts.append(piece.text)
            else:
                texts = [piece.text]
                runs.append((piece, texts))
            last = piece
        links: dict[int, tuple[LinkTarget, float, float, float]] = {}
        page = self.page
        for first, texts in runs:
            text = "".join(texts)
            advance = _width(text, first.fmt.font, first.fmt.size) + word_space * text.count(" ")
            self._show(text, first, x, baseline, word_space, page)
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

    def _show(self, text: str, piece: Piece, x: float, baseline: float, word_space: float, page: int) -> None:
        if self.artifact:
            self.open_artifact()
        else:
            mcid = self.recorder.mark(page, piece.element, piece.slot)
            actual = f" /ActualText <{_utf16(piece.element.actual_text)}>" if piece.element.actual_text else ""
            self.canvas._code.append(f"/{piece.element.role} <</MCID {mcid}{actual}>> BDC")
        self._text(text, piece.fmt, x, baseline, word_space)
        self.close()
        if piece.fmt.underline:
            self.open_artifact()
            width = _width(text.rstrip(" "), piece.fmt.font, piece.fmt.size) + word_space * text.rstrip(" ").count(" ")
            self.canvas.setStrokeColor(colour(piece.fmt.colour))
            self.canvas.setLineWidth(piece.fmt.size / 18)
            self.canvas.line(x, baseline - piece.fmt.size * 0.12, x + width, baseline - piece.fmt.size * 0.12)
            self.close()

    def _text(self, text: str, fmt: Format, x: float, baseline: float, word_space: float) -> None:
        """A text object with one run of text: the bytes reportlab's text object would write
        (``beginText``, ``setFont``, ``setFillColor``, ``setWordSpace``, ``textOut``), made directly."""
        canvas = self.canvas
        fill = _fill(fmt.colour)
        setting = _font_setting(fmt.font, fmt.size)
        plain = canvas.bottomup and not canvas._enforceColorSpace and canvas._extgstate._d.get("ca", 1) == 1
        if fill is None or setting is None or not plain:
            self._text_object(text, fmt, x, baseline, word_space)
            return
        doc = canvas._doc
        doc.ensureMinPdfVersion("transparency")  # as setFillColor does for a colour with alpha 1
        code = ["BT", f"1 0 0 1 {fp_str(x, baseline + fmt.rise)} Tm", fill, f"{fp_str(word_space)} Tw"]
        shown = self.codes.shown(text, fmt.font)
        if shown is not None:
            escaped, subset_name = shown
            code += (f"{subset_name} {setting}", f"({escaped}) Tj")
        else:
            font = getFont(fmt.font)
            escape = canvas._escape
            current = -1
            for subset, part in font.splitString(text, doc):
                if subset != current:
                    code.append(f"{font.getSubsetInternalName(subset, doc)} {setting}")
                    current = subset
                code.append(f"({escape(part)}) Tj")
            self.codes.learn(text, fmt.font, canvas)
        code.append("ET")
        canvas._code.append(" ".join(code))

    def _text_object(self, text: str, fmt: Format, x: float, baseline: float, word_space: float) -> None:
        obj = self.canvas.beginText(x, baseline + fmt.rise)
        obj.setFont(fmt.font, fmt.size)
        obj.setFillColor(colour(fmt.colour))
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
