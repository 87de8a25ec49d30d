"""Style tokens in reportlab's terms: registered TrueType faces and one :class:`BlockStyle` per role.

This is the one place where ``styles/*.toml`` turns into sizes, faces and colours for the PDF
(STYLE.md Part 6); no other module of the writer names a font, a size or a colour.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from convert.style import Style

MM = 72 / 25.4


@dataclass(frozen=True)
class Faces:
    """The TrueType files of one family, each registered with reportlab when its name is first asked
    for: parsing a file takes 5-7 ms, and most papers set only three of a style's six faces. A
    family without italics reuses upright faces."""

    regular_file: Path
    bold_file: Path
    italic_file: Path
    bold_italic_file: Path

    @property
    def regular(self) -> str:
        return register(self.regular_file)

    def pick(self, bold: bool, italic: bool) -> str:
        if bold and italic:
            return register(self.bold_italic_file)
        if bold:
            return register(self.bold_file)
        if italic:
            return register(self.italic_file)
        return register(self.regular_file)


@dataclass(frozen=True)
class BlockStyle:
    faces: Faces
    size: float
    leading: float  # points from line to line
    colour: str
    link_colour: str
    align: str  # "justify" or "left"
    hyphenate: bool
    space_before: float = 0.0
    space_after: float = 0.0
    indent: float = 0.0  # left indent of the block
    keep_with_next: bool = False
    bold: bool = False
    min_size: float = 0.0  # nothing is set smaller (note markers): the style's small print
    balance: bool = False  # lines of even width, never split over pages (headings and titles)


@functools.cache
def register(path: Path) -> str:
    """Register a TrueType file once in reportlab's font table, under a name unique to the file
    (two styles may ship different fonts with the same file name). The name never reaches the PDF."""
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:10]
    name = f"pubconvert-{path.stem}-{digest}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


REPLACEMENT = "\ufffd"  # "�", REPLACEMENT CHARACTER: shown for a character the font cannot draw
ZWJ = "\u200d"  # ZERO WIDTH JOINER: joins emoji into one
_SILENT = frozenset(("Mn", "Me", "Cf"))  # combining marks and format characters: no box of their own


@functools.cache
def _glyphs(font: str) -> frozenset[int]:
    """The code points a registered font can draw."""
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@functools.lru_cache(maxsize=65536)
def glyph_runs(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """``text`` as runs of (text to draw, text it stands for), equal where the font has the glyphs.

    A character the font lacks ("→", CJK, emoji) would be drawn as .notdef, which maps to no
    Unicode (PDF/UA-1 7.21.7) and drops out of the text. Each one becomes a run of its own, with
    the combining and format characters that follow it, drawn as one "�" (a space for a space);
    the caller keeps the real text as /ActualText.
    """
    glyphs = _glyphs(font)
    if all(ord(c) in glyphs for c in text):
        return ((text, text),)
    runs: list[tuple[str, str]] = []
    for char in text:
        stood_in = bool(runs) and runs[-1][0] != runs[-1][1]
        if stood_in and (_joins(char) or runs[-1][1].endswith(ZWJ)):
            runs[-1] = (runs[-1][0], runs[-1][1] + char)  # one box for "👍🏽", "❤️", "👨‍👩‍👧"
        elif ord(char) in glyphs:
            if runs and not stood_in:
                runs[-1] = (runs[-1][0] + char, runs[-1][1] + char)
            else:
                runs.append((char, char))
        else:
            space = unicodedata.category(char) == "Zs" and ord(" ") in glyphs
            runs.append((" " if space else REPLACEMENT if ord(REPLACEMENT) in glyphs else "?", char))
    return tuple(runs)


def _joins(char: str) -> bool:
    """A character drawn as part of the one before: combining marks, joiners, variation selectors,
    emoji skin-tone modifiers."""
    return unicodedata.category(char) in _SILENT or 0x1F3FB <= ord(char) <= 0x1F3FF


def visible(text: str, font: str) -> str:
    """``text`` with what the font lacks replaced, for page furniture (artifacts have no /ActualText)."""
    return "".join(shown for shown, _ in glyph_runs(text, font))


def faces(style: Style) -> tuple[Faces, Faces]:
    """(body faces, heading faces) for a style; fonts embedded and subset by reportlab."""
    body = style.body
    serif = Faces(
        regular_file=style.font_path(body.regular),
        bold_file=style.font_path(body.bold),
        italic_file=style.font_path(body.italic),
        bold_italic_file=style.font_path(body.bold_italic),
    )
    head = style.heading
    sans_regular = style.font_path(head.regular)
    sans_bold = style.font_path(head.bold)
    sans = Faces(sans_regular, sans_bold, sans_regular, sans_bold)
    return serif, sans


def block_styles(style: Style) -> dict[str, BlockStyle]:
    """Every block style the writer uses, from the style tokens (body, headings, small print)."""
    serif, sans = faces(style)
    colours = style.colours
    size = style.body.size_pt
    gap = style.layout.paragraph_space_em * size
    body = BlockStyle(
        faces=serif,
        size=size,
        leading=size * style.body.leading,
        colour=colours.text,
        link_colour=colours.link,
        align=style.body.align,
        hyphenate=style.body.hyphenate,
        space_after=gap,
        min_size=style.small.size_pt,
    )
    small_size = style.small.size_pt
    small = dataclasses.replace(
        body, size=small_size, leading=small_size * style.small.leading, space_after=0.0, align="left"
    )
    styles: dict[str, BlockStyle] = {"body": body, "small": small}
    for level, heading_size in enumerate(style.heading.sizes_pt, start=1):
        styles[f"h{level}"] = dataclasses.replace(
            body,
            faces=Faces(sans.bold_file, sans.bold_file, sans.bold_file, sans.bold_file),
            size=heading_size,
            leading=heading_size * style.heading.leading,
            align="left",
            hyphenate=False,
            space_before=heading_size * 0.9,
            space_after=heading_size * 0.45,
            keep_with_next=True,
            balance=True,
        )
    styles["front"] = dataclasses.replace(small, faces=sans, colour=colours.muted)
    styles["dossier"] = dataclasses.replace(body, faces=sans, align="left", hyphenate=False, space_after=0.0)
    styles["number"] = dataclasses.replace(styles["dossier"], bold=True, space_before=gap)
    styles["title"] = dataclasses.replace(styles["h1"], space_before=gap)
    styles["address"] = dataclasses.replace(body, align="left", hyphenate=False, space_after=0.0)
    styles["place_date"] = dataclasses.replace(styles["address"], space_after=2 * gap)
    styles["note"] = dataclasses.replace(small, hyphenate=style.body.hyphenate)
    styles["caption"] = dataclasses.replace(small, space_after=gap)
    styles["cell"] = dataclasses.replace(body, align="left", space_after=0.0)
    styles["cell_head"] = dataclasses.replace(styles["cell"], bold=True)
    styles["signature"] = dataclasses.replace(body, align="left", hyphenate=False, space_after=0.0)
    styles["footer"] = dataclasses.replace(small, faces=sans, colour=colours.muted)
    return styles


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float
    rule_colour: str
    muted: str


def page_geometry(style: Style) -> PageGeometry:
    from reportlab.lib import pagesizes

    size = getattr(pagesizes, style.page.size.upper(), None)
    if size is None:
        from convert.diagnostics import StyleError

        raise StyleError(f"unknown page size {style.page.size!r} in page.size; use a name such as A4 or LETTER")
    top, right, bottom, left = (m * MM for m in style.page.margin_mm)
    width, height = size
    measure = style.layout.measure_em * style.body.size_pt
    spare = max(0.0, width - left - right - measure)
    # A column narrower than the page sits a little right of centre, like the printed papers.
    left += spare * 0.6
    right += spare * 0.4
    return PageGeometry(width, height, top, right, bottom, left, style.colours.rule, style.colours.muted)
