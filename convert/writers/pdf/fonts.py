"""Style tokens in reportlab's terms: registered TrueType faces and one :class:`BlockStyle` per role.

This is the one place where ``styles/*.toml`` turns into sizes, faces and colours for the PDF
(STYLE.md Part 6); no other module of the writer names a font, a size or a colour.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from convert.style import Style

MM = 72 / 25.4


@dataclass(frozen=True)
class Faces:
    """Registered reportlab font names of one family; a family without italics reuses upright faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, bold: bool, italic: bool) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular


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


def register(path: Path) -> str:
    """Register a TrueType file once in reportlab's font table, under a name unique to the file
    (two styles may ship different fonts with the same file name). The name never reaches the PDF."""
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:10]
    name = f"pubconvert-{path.stem}-{digest}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def faces(style: Style) -> tuple[Faces, Faces]:
    """(body faces, heading faces) for a style; fonts embedded and subset by reportlab."""
    body = style.body
    serif = Faces(
        regular=register(style.font_path(body.regular)),
        bold=register(style.font_path(body.bold)),
        italic=register(style.font_path(body.italic)),
        bold_italic=register(style.font_path(body.bold_italic)),
    )
    head = style.heading
    sans_regular = register(style.font_path(head.regular))
    sans_bold = register(style.font_path(head.bold))
    sans = Faces(regular=sans_regular, bold=sans_bold, italic=sans_regular, bold_italic=sans_bold)
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
            faces=Faces(sans.bold, sans.bold, sans.bold, sans.bold),
            size=heading_size,
            leading=heading_size * style.heading.leading,
            align="left",
            hyphenate=False,
            space_before=heading_size * 0.9,
            space_after=heading_size * 0.45,
            keep_with_next=True,
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
