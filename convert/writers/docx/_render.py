"""The model's blocks and inlines as Word paragraphs, lists, tables and footnotes (python-docx API).

Reading order is :mod:`convert.text`'s: front matter, body, and the notes, which Word keeps in
``footnotes.xml`` and shows at the foot of the page of their reference.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass, replace
from typing import Any, assert_never

from docx.document import Document as WordDocument
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shape import InlineShape
from docx.shared import Length, Pt, Twips
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.parfmt import ParagraphFormat

from convert.model import (
    Block,
    BlockQuote,
    Cell,
    Closing,
    Emphasis,
    Figure,
    Foreign,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Meta,
    Note,
    PageStart,
    Paragraph,
    Quoted,
    Row,
    Section,
    Strong,
    Table,
    Text,
)
from convert.outline import HeadingLevels
from convert.style import Style
from convert.text import QUOTE_MARKS, block_lines, front_matter, inline_text
from convert.writers.docx import _oxml, _styles


@dataclass(frozen=True, slots=True)
class _RunFormat:
    """What a run inherits from the inlines around it."""

    italic: bool = False
    bold: bool = False
    lang: str = ""
    style_id: str = ""


@dataclass(frozen=True, slots=True)
class _Place:
    """Where blocks go: a story element (``w:body``, ``w:tc``, ``w:footnote``) and how deep in lists and quotes."""

    element: Any  # the lxml element that receives w:p and w:tbl
    parent: Any  # a python-docx proxy whose ``.part`` owns the element (relationships, styles)
    outline: bool = True  # headings here are document headings (not in notes or table cells)
    list_depth: int = 0
    quote_depth: int = 0
    in_note: bool = False
    bold: bool = False  # header cells


class _StoryParent:
    """The minimal parent python-docx proxies need: the part they live in."""

    def __init__(self, part: Any) -> None:
        self.part = part


_LABEL = re.compile(r"^(?P<open>\(?)(?P<number>[0-9]+|[a-zA-Z]+)(?P<close>[.)°:]?)$")


def list_format(block: List) -> _oxml.ListFormat:
    """The marker of a list, from its kind and the printed label of its first item ("a)" keeps its ")")."""
    kind = block.kind
    if kind == "bullet":
        return _oxml.ListFormat("bullet", "•")
    if kind == "dash":
        return _oxml.ListFormat("bullet", "–")
    opening, closing = "", "."
    label = block.items[0].label.strip() if block.items else ""
    match = _LABEL.match(label)
    upper = False
    if match:
        opening, closing = match["open"], match["close"]
        upper = match["number"].isupper()
    number_format = {
        "number": "decimal",
        "letter": "upperLetter" if upper else "lowerLetter",
        "roman": "upperRoman" if upper else "lowerRoman",
    }[kind]
    return _oxml.ListFormat(number_format, f"{opening}%1{closing}", max(block.start, 1 if kind != "number" else 0))


def _image(src: str) -> bytes | None:
    """The bytes of a ``data:image/...;base64,`` source that python-docx can place; else None.

    A path is not read: writers touch no files. The model would have to carry the bytes.
    """
    if not src.startswith("data:image/") or ";base64," not in src:
        return None
    try:
        data = base64.b64decode(src.split(";base64,", 1)[1], validate=True)
        Image.from_blob(data)
    except (binascii.Error, ValueError, UnrecognizedImageError, ZeroDivisionError, IndexError, KeyError):
        return None
    return data


class Renderer:
    """Writes one document into a python-docx ``Document`` whose styles are already set."""

    def __init__(self, document: WordDocument, style: Style) -> None:
        self.document = document
        self.style = style
        self.footnotes: _oxml.FootnotesPart | None = None
        self._footnote_count = 0
        self._auto_numbered = 0
        self._pending_mark: tuple[str | None] | None = None  # a footnote mark waiting for its paragraph
        self._bookmark_count = 0
        self._bookmarks: set[str] = set()
        self._bookmark_suffixes: dict[str, int] = {}  # a repeated name's next suffix to try
        self._numbering: _oxml.Numbering | None = None
        self._external_targets = _oxml.ExternalTargets()
        self._pictures: dict[int, int] = {}  # pictures so far in each story part (the document's, the notes')
        self._levels = HeadingLevels()  # the outline's levels: the title is level 1
        section = document.sections[0]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None, "apply_styles sets the page"
        self.text_width = Length(width - left - right)
        self._indent = int(_styles.indent_step(style).twips)

    # ------------------------------------------------------------ places

    def body(self) -> _Place:
        return _Place(self.document.element.body, self.document._body)

    def _paragraph(self, place: _Place, style_id: str) -> Any:
        """A new ``w:p`` (the lxml element: python-docx proxies cost more than the XML) at the end of ``place``."""
        p = _oxml.add_paragraph(place.element, style_id)
        if place.list_depth or place.quote_depth:
            # Inside lists and quotes, text lines up with the item text: one step per level of either.
            ParagraphFormat(p).left_indent = Twips(self._indent * (place.list_depth + place.quote_depth))
        if self._pending_mark is not None:
            (custom,) = self._pending_mark
            self._pending_mark = None
            _oxml.footnote_mark(_oxml.add_run(p, ""), _styles.FOOTNOTE_REFERENCE, custom)
            _oxml.add_run(p, " ")
        return p

    # ------------------------------------------------------------ front matter and blocks

    def front_matter(self, meta: Meta) -> None:
        """The paper's own header as real text; its title in Word's Title style, at outline level 1."""
        place = self.body()
        paragraph = None
        for field_name, text in front_matter(meta):
            style_id = _styles.TITLE if field_name == "title" else _styles.FRONT_MATTER
            paragraph = self._paragraph(place, style_id)
            _oxml.add_run(paragraph, _oxml.xml_safe(text))
        if paragraph is not None and field_name != "title":  # the header block is set off from the text
            space = self.style.layout.paragraph_space_em * self.style.body.size_pt
            ParagraphFormat(paragraph).space_after = Pt(2 * space)

    def blocks(self, blocks: tuple[Block, ...], place: _Place) -> None:
        for block in blocks:
            self.block(block, place)

    def block(self, block: Block, place: _Place) -> None:
        match block:
            case Heading():
                self._heading(block, place)
            case Paragraph():
                if inline_text(block.children).strip() or _has_content(block.children):
                    self._inlines(self._paragraph(place, self._body_style(place)), block.children, place)
            case List():
                self._list(block, place)
            case BlockQuote():
                self.blocks(block.blocks, replace(place, quote_depth=place.quote_depth + 1))
            case Table():
                self._table(block, place)
            case Figure():
                self._figure(block, place)
            case Section():
                self._heading(block.heading, place)
                self.blocks(block.blocks, place)
            case Closing():
                self._closing(block, place)
            case _:
                assert_never(block)

    def _body_style(self, place: _Place) -> str:
        if place.quote_depth:
            return _styles.QUOTATION
        if place.in_note:
            return _styles.FOOTNOTE_TEXT
        return _styles.LIST_PARAGRAPH if place.list_depth else _styles.NORMAL

    def _heading(self, heading: Heading, place: _Place) -> None:
        """A built-in Heading n at its outline level (convert.outline): under the title, levels never skip."""
        if not place.outline:
            paragraph = self._paragraph(place, self._body_style(place))
            self._inlines(paragraph, heading.children, replace(place, bold=True))
            return
        level = self._levels.level(heading.level)
        paragraph = self._paragraph(place, _styles.HEADINGS[level - 1])
        if heading.id:
            self._bookmark(paragraph, _anchor(heading.id))
        self._inlines(paragraph, heading.children, place)

    def _list(self, block: List, place: _Place) -> None:
        """Real Word numbering: every item's first paragraph carries ``w:numPr`` of this list."""
        if self._numbering is None:  # python-docx finds the part among all relationships at every call
            self._numbering = _oxml.Numbering(self.document.part.numbering_part.element)
        num_id = _oxml.add_numbering(self._numbering, list_format(block), place.list_depth, self._indent)
        inner = replace(place, list_depth=place.list_depth + 1)
        for item in block.items:
            self._list_item(item, num_id, place.list_depth, inner)

    def _list_item(self, item: ListItem, num_id: int, level: int, place: _Place) -> None:
        for index, child in enumerate(item.blocks):
            if index == 0 and isinstance(child, Paragraph):
                style_id = _styles.FOOTNOTE_TEXT if place.in_note else _styles.LIST_PARAGRAPH
                paragraph = self._paragraph(place, style_id)
                _oxml.number_paragraph(paragraph, num_id, level)
                self._inlines(paragraph, child.children, place)
                ParagraphFormat(paragraph).first_line_indent = -Twips(self._indent)
            else:
                self.block(child, place)

    def _figure(self, figure: Figure, place: _Place) -> None:
        """A picture with alternative text when the model holds its bytes; otherwise the text itself."""
        data = _image(figure.src)
        if data is not None:
            paragraph = self._paragraph(place, self._body_style(place))
            run = _oxml.add_run(paragraph, "")
            part = place.parent.part
            self._pictures[id(part)] = shape_id = self._pictures.get(id(part), 0) + 1
            inline = _oxml.picture_inline(part, io.BytesIO(data), shape_id)
            run.add_drawing(inline)
            shape = InlineShape(inline)
            if shape.width > self.text_width:
                shape.height = Length(int(shape.height * self.text_width / shape.width))
                shape.width = self.text_width
            _oxml.describe_picture(shape._inline, _oxml.xml_safe(figure.alt))
            ParagraphFormat(paragraph).keep_with_next = bool(figure.caption)
        elif figure.alt.strip():
            # No image bytes in the model: its description stands in for it, as a reader would hear it.
            _oxml.add_run(self._paragraph(place, self._body_style(place)), _oxml.xml_safe(figure.alt), italic=True)
        if figure.caption:
            self._inlines(self._paragraph(place, _styles.CAPTION), figure.caption, place)

    def _closing(self, closing: Closing, place: _Place) -> None:
        """The signature: its own paragraphs, kept together, set off by space (not by empty lines)."""
        lines = [closing.place_date] if closing.place_date else []
        for signatory in closing.signatories:
            lines += [part for part in (signatory.function, signatory.name) if part]
        for index, line in enumerate(lines):
            paragraph = self._paragraph(place, _styles.SIGNATURE)
            _oxml.add_run(paragraph, _oxml.xml_safe(line))
            fmt = ParagraphFormat(paragraph)
            if index == 0:
                fmt.space_before = Pt(2 * self.style.layout.paragraph_space_em * self.style.body.size_pt)
            if index == len(lines) - 1:
                fmt.keep_with_next = False
            else:
                fmt.space_after = Pt(0)

    # ------------------------------------------------------------ tables

    def _table(self, table: Table, place: _Place) -> None:
        """A Word table: header rows marked (``w:tblHeader``), spans merged, a caption above it."""
        if table.caption:
            self._inlines(self._paragraph(place, _styles.CAPTION), table.caption, place)
        rows = table.head + table.body
        # A table without a marked head still gets one: its first row (Word's checker asks for a header row).
        head_count = len(table.head) if table.head else min(1, len(table.body))
        placements, columns = _grid(rows, head_count)
        if not rows or not columns:
            return
        previous = _last_block(place.element)
        if previous is not None and previous.tag == _TBL:
            # Two tables in a row would be joined into one by Word and LibreOffice; only a paragraph parts them.
            _append_block(place.element, OxmlElement("w:p"))
        tbl = CT_Tbl.new_tbl(len(rows), columns, self.text_width)
        _append_block(place.element, tbl)
        word_table = WordTable(tbl, place.parent)
        tbl.tblPr.style = _styles.TABLE
        word_table.autofit = True
        # The new table's cells, by row and column, read once: python-docx's ``table.cell()`` lists every
        # cell of the table at each call. A merge keeps its top-left w:tc and touches no other placement's.
        grid = [tr.tc_lst for tr in tbl.tr_lst]
        for r, c, row_span, col_span, _ in placements:
            if row_span > 1 or col_span > 1:
                _oxml.span_cells(grid, r, c, row_span, col_span)
        for tr in tbl.tr_lst[:head_count]:
            _oxml.mark_header_row(tr)
        for r, c, _, _, cell in placements:
            tc = grid[r][c]
            word_cell = _Cell(tc, word_table)
            for p in tc.findall(qn("w:p")):
                tc.remove(p)
            cell_place = _Place(tc, word_cell, outline=False, in_note=place.in_note, bold=r < head_count)
            self.blocks(cell.blocks, cell_place)
        for tc in tbl.iter(qn("w:tc")):
            if tc.find(_P) is None or tc[-1].tag == _TBL:
                tc.append(OxmlElement("w:p"))  # a cell ends with a paragraph (ECMA-376 §17.4.66)
        caption = _oxml.xml_safe(inline_text(table.caption))
        head_text = ", ".join(
            t for row in rows[:head_count] for cell in row.cells for b in cell.blocks
            for t in [_oxml.xml_safe(_block_text(b))] if t
        )  # fmt: skip
        _oxml.describe_table(tbl, caption, caption or head_text)

    # ------------------------------------------------------------ inlines

    def _inlines(self, paragraph: Any, inlines: tuple[Inline, ...], place: _Place,
                 fmt: _RunFormat | None = None, target: Any = None) -> None:  # fmt: skip
        """``inlines`` as runs at the end of ``target`` (``paragraph``, the ``w:p``, or a hyperlink in it)."""
        fmt = fmt or _RunFormat(bold=place.bold)
        target = paragraph if target is None else target
        for inline in inlines:
            match inline:
                case Text():
                    self._run(target, inline.text, fmt)
                case Emphasis():
                    self._inlines(paragraph, inline.children, place, replace(fmt, italic=True), target)
                case Strong():
                    self._inlines(paragraph, inline.children, place, replace(fmt, bold=True), target)
                case Quoted():
                    opening, closing = QUOTE_MARKS[inline.kind]
                    self._run(target, opening, fmt)
                    self._inlines(paragraph, inline.children, place, fmt, target)
                    self._run(target, closing, fmt)
                case Foreign():
                    self._inlines(paragraph, inline.children, place, replace(fmt, lang=inline.lang), target)
                case Link():
                    self._link(paragraph, inline, place, fmt, target)
                case Note():
                    self._note(paragraph, inline, place, fmt, target)
                case PageStart():
                    self._bookmark(paragraph, _oxml.bookmark_name("page_", inline.label), target)
                case LineBreak():
                    _oxml.add_break(self._run(target, "", fmt))
                case _:
                    assert_never(inline)

    @staticmethod
    def _run(target: Any, text: str, fmt: _RunFormat) -> Any:
        return _oxml.add_run(
            target,
            _oxml.xml_safe(text),
            style_id=fmt.style_id,
            bold=fmt.bold,
            italic=fmt.italic,
            lang=_oxml.xml_safe(fmt.lang) if fmt.lang else "",
        )

    def _link(self, paragraph: Any, link: Link, place: _Place, fmt: _RunFormat, target: Any) -> None:
        destination = link.target.strip()
        if not destination or target is not paragraph:  # no links inside links
            self._inlines(paragraph, link.children, place, fmt, target)
            return
        if destination.startswith("#"):
            element = _oxml.hyperlink(target, anchor=_anchor(destination[1:]))
        else:
            relationship_id = self._external_targets.relate(place.parent.part, _oxml.xml_safe(destination))
            element = _oxml.hyperlink(target, relationship_id=relationship_id)
        self._inlines(paragraph, link.children, place, replace(fmt, style_id=_styles.HYPERLINK), element)

    def _note(self, paragraph: Any, note: Note, place: _Place, fmt: _RunFormat, target: Any) -> None:
        """A real footnote: ``w:footnoteReference`` here, the note's text in ``footnotes.xml``."""
        if place.in_note:  # Word has no notes inside notes: the marker stays as text
            self._run(target, note.label, fmt)
            return
        if self.footnotes is None:
            self.footnotes = _oxml.add_footnotes_part(self.document.part)
        self._footnote_count += 1
        number = self._footnote_count
        # Word numbers the notes without a mark of their own 1, 2, 3...; any other label is kept as a custom mark.
        custom = None if note.label == str(self._auto_numbered + 1) else _oxml.xml_safe(note.label)
        self._auto_numbered += custom is None
        run = self._run(target, "", replace(fmt, italic=False, bold=False))
        _oxml.footnote_reference(run, number, _styles.FOOTNOTE_REFERENCE, custom)
        element = _oxml.new_footnote(self.footnotes.element, number)
        note_place = _Place(element, _StoryParent(self.footnotes), outline=False, in_note=True)
        self._pending_mark = (custom,)
        self.blocks(note.blocks, note_place)
        if self._pending_mark is not None:  # a note without text still shows its number
            self._paragraph(note_place, _styles.FOOTNOTE_TEXT)
        last = next(reversed(element), None)
        if last is not None and last.tag == _TBL:
            element.append(OxmlElement("w:p"))

    def _bookmark(self, paragraph: Any, name: str, target: Any = None) -> None:
        if name in self._bookmarks:
            base = name[:36]
            suffix = self._bookmark_suffixes.get(base, 2)
            while f"{base}_{suffix}" in self._bookmarks:
                suffix += 1
            self._bookmark_suffixes[base] = suffix + 1
            name = f"{base}_{suffix}"
        self._bookmarks.add(name)
        self._bookmark_count += 1
        _oxml.bookmark(paragraph if target is None else target, self._bookmark_count, name)


def _anchor(identifier: str) -> str:
    """The bookmark name for a heading id, the same for the heading and for links to it."""
    return _oxml.bookmark_name("h_", identifier)


def _has_content(inlines: tuple[Inline, ...]) -> bool:
    """Inlines that leave a trace without text: a note reference, a page start."""
    return any(isinstance(i, Note | PageStart) for i in inlines)


def _block_text(block: Block) -> str:
    return " ".join(block_lines(block))


_P, _TBL, _SECT_PR = qn("w:p"), qn("w:tbl"), qn("w:sectPr")


def _append_block(parent: Any, child: Any) -> None:
    """Add a paragraph or table at the end of a story, before the body's final ``w:sectPr``.

    ``w:sectPr`` can only be the body's last child (§17.2.2), so only the last child is looked at:
    constant time, where ``parent.find`` read the whole body for every block.
    """
    last = next(reversed(parent), None)  # lxml walks from the end: the last child without a count
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(child)
    else:
        parent.append(child)


def _last_block(parent: Any) -> Any:
    """The last paragraph or table of a story (the body ends with its ``w:sectPr``), looked for from the end."""
    for child in reversed(parent):
        if child.tag in (_P, _TBL):
            return child
    return None


def _grid(rows: tuple[Row, ...], head_count: int) -> tuple[list[tuple[int, int, int, int, Cell]], int]:
    """Place spanning cells on a grid: (row, column, rowspan, colspan, cell) and the column count.

    A row span stops at the end of the head and of the table; a cell never overlaps another.
    """
    occupied: set[tuple[int, int]] = set()
    placements: list[tuple[int, int, int, int, Cell]] = []
    for r, row in enumerate(rows):
        c = 0
        limit = head_count if r < head_count else len(rows)
        for cell in row.cells:
            while (r, c) in occupied:
                c += 1
            row_span = max(1, min(cell.rowspan, limit - r))
            col_span = max(1, cell.colspan)
            while any((r, c + j) in occupied for j in range(col_span)):
                col_span -= 1  # a span cannot run into a cell spanning down from above
            occupied.update((r + i, c + j) for i in range(row_span) for j in range(col_span))
            placements.append((r, c, row_span, col_span, cell))
            c += col_span
    columns = max((c for _, c in occupied), default=-1) + 1
    return placements, columns
