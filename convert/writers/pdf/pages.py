"""Pages: the A4 column, the running footer and the notes at the foot, and the reportlab build.

Everything drawn here besides the flowables is page furniture, so an artifact (PDF/UA-1 7.1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from convert.model import Document
from convert.style import Style
from convert.text import full_title, paper_label
from convert.writers.pdf.fonts import block_styles, page_geometry, visible
from convert.writers.pdf.layout import Builder, text_width
from convert.writers.pdf.lines import colour
from convert.writers.pdf.structure import Element, Recorder


@dataclass
class Laid:
    """The untagged PDF and what tagging needs to know about it."""

    pdf: bytes
    root: Element
    recorder: Recorder


def running_footer(doc: Document, style: Style) -> str:
    """The paper's name in the running footer (an artifact, never read): shortened to leave room
    for the page number."""
    text = paper_label(doc.meta) or doc.meta.title
    footer = block_styles(style)["footer"]
    g = page_geometry(style)
    room = g.width - g.left - g.right - 6 * footer.size
    if text_width(text, footer) <= room:
        return text
    fits, too_long = 0, len(text)  # the longest start that fits with " …": widths grow with length
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if text_width(text[:middle] + " …", footer) <= room:
            fits = middle
        else:
            too_long = middle
    return text[:fits].rstrip(" ,;:") + " …"


class ColumnFrame(Frame):  # type: ignore[misc]
    """The text column; each page starts with its whole height (notes raise the bottom as they come)."""

    def _reset(self) -> None:
        self._geom()
        super()._reset()


class Furniture:
    """Page furniture, all of it artifacts: the running footer, and the notes area at the foot."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.footer = visible(running_footer(builder.doc, builder.style), builder.styles["footer"].faces.regular)

    def on_page(self, canvas: Any, doc: Any) -> None:
        b = self.builder
        style = b.styles["footer"]
        g = b.geometry
        y = g.bottom / 2
        page = int(canvas.getPageNumber())
        canvas._code.append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
        canvas.setFillColor(colour(style.colour))
        canvas.setFont(style.faces.regular, style.size)
        canvas.drawString(g.left, y, self.footer)
        canvas.drawRightString(g.width - g.right, y, str(page))
        canvas._code.append("EMC")

    def on_page_end(self, canvas: Any, doc: Any) -> None:
        b = self.builder
        page = int(canvas.getPageNumber()) - 1
        frame = getattr(doc, "frame", None)
        if frame is not None:  # the room above the notes that nothing on this page filled
            b.context.room_left[page] = float(frame._y - frame._y1p)
        areas = b.context.on_page.get(page, [])
        if not areas:
            return
        g = b.geometry
        top = g.bottom + sum(area.height for area in areas) + b.context.separator
        rule_y = top - b.context.separator / 2
        canvas._code.append("/Artifact <</Type /Layout>> BDC")
        canvas.setStrokeColor(colour(g.rule_colour))
        canvas.setLineWidth(b.styles["small"].size / 18)
        canvas.line(g.left, rule_y, g.left + b.width / 3, rule_y)
        canvas._code.append("EMC")
        y = top - b.context.separator
        for area in areas:
            b.recorder.note_targets[area.note_id] = (page, y + b.styles["note"].size)
            for flowable in area.flowables:
                _, h = flowable.wrap(b.width, 1e6)
                y -= flowable.getSpaceBefore()
                flowable.drawOn(canvas, g.left, y - h)
                y -= h + flowable.getSpaceAfter()
            y -= area.gap


MAX_SHORT_LINES = 3.0  # a page may end this many body lines short; one that would end shorter is stretched
_STRETCH_MARGIN = 0.5  # points of the room left unused by a stretch, so that the same text fits again


def lay_out(doc: Document, style: Style) -> Laid:
    """Lay the document out on pages; the result is untagged but records every MCID it drew.

    Vertical justification: when a page other than the last would end more than
    :data:`MAX_SHORT_LINES` body lines above its notes (a heading that must stay with its text, a
    line whose note does not fit, a table row moved on), the document is laid out again with that
    page's room shared out over its lines (one share each) and the gaps between its blocks (two
    shares), so that its text reaches the foot of the page. The same text fits each page as before.
    """
    laid, builder = _lay_out_once(doc, style, {})
    stretch = _stretch(builder, laid.recorder.pages)
    if not stretch:
        return laid
    laid, _ = _lay_out_once(doc, style, stretch, builder.context.break_plans)
    return laid


def _stretch(builder: Builder, pages: int) -> dict[int, float]:
    """The stretch of each page (but the last) that ended more than MAX_SHORT_LINES lines short."""
    context = builder.context
    allowed = MAX_SHORT_LINES * builder.styles["body"].leading
    stretch = {}
    for page in range(pages - 1):
        room, shares = context.room_left.get(page, 0.0), context.shares.get(page, 0)
        # measured from the last line, as a reader sees it: the last block's space after is empty too
        if room + context.last_gap.get(page, 0.0) > allowed and shares:
            stretch[page] = (room - _STRETCH_MARGIN) / shares
    return stretch


def _lay_out_once(
    doc: Document,
    style: Style,
    stretch: dict[int, float],
    break_plans: dict[tuple[int, float], tuple[int, ...]] | None = None,
) -> tuple[Laid, Builder]:
    """One layout; with the ``break_plans`` of an earlier layout of the same document, its blocks'
    lines are not broken again."""
    builder = Builder(doc, style, break_plans)
    builder.context.stretch = stretch
    flowables = builder.build()
    g = builder.geometry
    furniture = Furniture(builder)
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(g.width, g.height),
        leftMargin=g.left,
        rightMargin=g.right,
        topMargin=g.top,
        bottomMargin=g.bottom,
        invariant=1,
        lang=doc.meta.lang,
        title=full_title(doc.meta),
        author=", ".join(s.name for s in doc.signatories),
        creator="pubconvert",
        initialFontName=builder.styles["body"].faces.regular,
        allowSplitting=1,
        # streams left plain: tagging decodes and compresses them all again (pikepdf), so compressing
        # (zlib, then ASCII85 in pure Python) here only costs time; the output is the same
        pageCompression=0,
    )
    frame = ColumnFrame(g.left, g.bottom, builder.width, g.height - g.top - g.bottom, 0, 0, 0, 0, id="column",
                  overlapAttachedSpace=0)  # fmt: skip
    template.addPageTemplates(
        [PageTemplate("page", [frame], onPage=furniture.on_page, onPageEnd=furniture.on_page_end)]
    )
    template.build(flowables)
    builder.recorder.pages = int(template.page)
    return Laid(buffer.getvalue(), builder.root, builder.recorder), builder
