"""Model -> structure tree and reportlab flowables (pages.py puts them on pages).

Each builder method creates the structure element of a block in reading order (front matter,
body, notes; :mod:`convert.text`) together with the flowables that will draw its content into it.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any, assert_never

from reportlab.platypus import Flowable, KeepTogether, TableStyle

from convert.model import (
    Block,
    BlockQuote,
    Closing,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    List,
    Note,
    Paragraph,
    Section,
    Table,
    Text,
)
from convert.outline import HeadingLevels, heading_label
from convert.style import Style
from convert.text import front_matter, inline_text
from convert.walk import notes
from convert.writers.pdf.breaking import PrintPoints
from convert.writers.pdf.flowables import Context, FigureBlock, NoteArea, Rule, TaggedTable, TextBlock
from convert.writers.pdf.fonts import BlockStyle, PageGeometry, block_styles, page_geometry
from convert.writers.pdf.grid import Placed, place_cells
from convert.writers.pdf.images import embedded_image
from convert.writers.pdf.lines import InlineBuilder, Word
from convert.writers.pdf.structure import Element, Recorder

FRONT_STYLES = {
    "chamber": "front",
    "session": "front",
    "dossier": "dossier",
    "number": "number",
    "title": "title",
    "questioners": "address",
    "date": "address",
    "date_submitted": "address",
    "addressee": "address",
    "place_date": "place_date",
}
LIST_NUMBERING = {
    "bullet": "/Disc", "dash": "/None", "number": "/Decimal", "letter": "/LowerAlpha", "roman": "/LowerRoman",
}  # fmt: skip
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))  # fmt: skip


def list_label(kind: str, number: int) -> str:
    """The printed marker of a list item that has none of its own."""
    if kind == "bullet":
        return "•"
    if kind == "dash":
        return "–"
    if kind == "letter":
        return _letters(number) + "."
    if kind == "roman":
        roman = ""
        for numeral, value in _ROMAN:
            while number >= value:
                roman, number = roman + numeral, number - value
        return roman + "."
    return f"{number}."


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


LONG_NOTE = 0.4  # a note taller than this share of the column is set after the text
NO_ALT = {"nl": "Afbeelding zonder beschrijving", "en": "Image without description"}


def figure_alt(figure: Figure, lang: str) -> str:
    """PDF/UA-1 7.3: every Figure has /Alt. Without one in the source: the caption, else say so."""
    if figure.alt.strip():
        return figure.alt
    caption = inline_text(figure.caption).strip()  # a caption of only spaces or page marks says nothing
    return caption or NO_ALT.get(lang.split("-")[0], NO_ALT["en"])


def placeholder_text(figure: Figure, lang: str) -> str:
    """What a figure without image bytes shows in its frame: its description, or that it has none
    (not the caption, which follows below it anyway)."""
    return figure.alt if figure.alt.strip() else NO_ALT.get(lang.split("-")[0], NO_ALT["en"])


def print_points(doc: Document) -> dict[str, tuple[int, ...]]:
    """The print's own hyphenation points of each word (``Document.print_breaks``), for the breaker."""
    points: dict[str, list[int]] = {}
    for found in doc.print_breaks:
        points.setdefault(found.word, []).append(found.position)
    return {word: tuple(sorted(positions)) for word, positions in points.items()}


class Builder:
    def __init__(
        self, doc: Document, style: Style, break_plans: dict[tuple[int, float], tuple[int, ...]] | None = None
    ) -> None:
        self.doc = doc
        self.style = style
        self.styles = block_styles(style)
        self.geometry: PageGeometry = page_geometry(style)
        self.width = self.geometry.width - self.geometry.left - self.geometry.right
        self.recorder = Recorder()
        small = self.styles["small"]
        self.context = Context(self.recorder, separator=small.leading, print_points=PrintPoints(print_points(doc)))
        if break_plans is not None:
            self.context.break_plans = break_plans
        self.root = Element("Document")
        self._note_label_width = 0.0
        self._notes_cited = 0  # note keys follow the order of reference, as convert.walk.notes does
        self._levels = HeadingLevels()
        self.lang = doc.meta.lang

    # ------------------------------------------------------------ text

    def builder(self, style: BlockStyle) -> InlineBuilder:
        return InlineBuilder(style, self.lang, self._note_key)

    def _note_key(self, note: Note) -> str:
        self._notes_cited += 1
        return f"note-{self._notes_cited}"

    def words(self, inlines: tuple[Inline, ...] | str, owner: Element, style: BlockStyle) -> list[Word]:
        if isinstance(inlines, str):
            return self.builder(style).plain(inlines, owner)
        return self.builder(style).build(inlines, owner)

    def text(
        self,
        inlines: tuple[Inline, ...] | str,
        element: Element,
        style: BlockStyle,
        label: tuple[str, float] | None = None,
        outline: tuple[str, int] | None = None,
    ) -> TextBlock:
        words = self.words(inlines, element, style)
        label_words = None
        label_width = 0.0
        if label is not None:
            text, label_width = label
            lbl = Element("Lbl")
            label_words = self.words(text, lbl, dataclasses.replace(style, bold=False))
            element.kids.insert(0, lbl)
        return TextBlock(self.context, words, style, label_words, label_width, outline)

    # ------------------------------------------------------------ document

    def build(self) -> list[Flowable]:
        flowables = self.front()
        flowables += self.blocks(self.doc.body, self.root, 0.0, "body")
        for block, following in itertools.pairwise(flowables):
            if isinstance(block, TextBlock) and block.style.keep_with_next:
                block.keep_next = following  # headings and captions stay with what they introduce
        cited = notes(self.doc)
        note_style = self.styles["note"]
        widest = max((text_width(n.label, note_style) for n in cited), default=0.0)
        self._note_label_width = widest + note_style.size * 0.5
        for number, note in enumerate(cited, start=1):
            self.note(note, f"note-{number}")
        # A note too long for the foot of a page is set after the text instead, where it may run on.
        column = self.geometry.height - self.geometry.top - self.geometry.bottom
        long_notes = [area for area in self.context.notes.values() if area.height > LONG_NOTE * column]
        if long_notes:
            small = self.styles["small"]
            flowables.append(Rule(self.geometry.rule_colour, small.size / 18, small.leading))
        for area in long_notes:
            del self.context.notes[area.note_id]
            first = area.flowables[0]
            if isinstance(first, TextBlock):
                first.anchor = area.note_id
            flowables += area.flowables
        return flowables

    def front(self) -> list[Flowable]:
        flowables: list[Flowable] = []
        rule = Rule(self.geometry.rule_colour, self.styles["small"].size / 18, self.styles["small"].leading / 2)
        lines = front_matter(self.doc.meta)
        dossiers_seen = 0
        for i, (name, text) in enumerate(lines):
            style = self.styles[FRONT_STYLES[name]]
            if name == "title":
                element = self.root.add(Element("H1"))
                flowables.append(self.text(text, element, style, outline=(text, 1)))
            elif name == "dossier":
                # the dossier number set bold, as the printed papers do: "24 077 Drugbeleid"
                element = self.root.add(Element("P"))
                dossier = self.doc.meta.dossiers[dossiers_seen]
                dossiers_seen += 1
                number, title = dossier.number, text.removeprefix(dossier.number).strip()
                builder = self.builder(style)
                builder.plain(number, element, bold=True)
                words = builder.plain(" " + title if title else "", element)
                flowables.append(TextBlock(self.context, words, style))
            else:
                element = self.root.add(Element("P"))
                flowables.append(self.text(text, element, style))
            if name == "session" and i + 1 < len(lines):
                flowables.append(rule)
        flowables.append(Rule(self.geometry.rule_colour, rule.thickness, rule.spaceAfter))
        return flowables

    def heading_level(self, level: int) -> int:
        """PDF/UA-1 7.4.2: headings nest without skipping a level; the title is the only H1."""
        return self._levels.level(level)

    def blocks(self, blocks: tuple[Block, ...], parent: Element, indent: float, base: str) -> list[Flowable]:
        flowables: list[Flowable] = []
        for block in blocks:
            flowables += self.block(block, parent, indent, base)
        return flowables

    def block(self, block: Block, parent: Element, indent: float, base: str) -> list[Flowable]:
        style = dataclasses.replace(self.styles[base], indent=indent)
        match block:
            case Paragraph():
                return [self.text(block.children, parent.add(Element("P")), style)]
            case Heading():
                level = self.heading_level(block.level)
                heading_style = dataclasses.replace(self.styles[f"h{level}"], indent=indent)
                element = parent.add(Element(f"H{level}"))
                title = heading_label(block.children)
                return [self.text(block.children, element, heading_style, outline=(title, level))]
            case List():
                return self.list_block(block, parent, indent, base)
            case BlockQuote():
                element = parent.add(Element("BlockQuote"))
                return self.blocks(block.blocks, element, indent + 2 * style.size, base)
            case Table():
                return self.table(block, parent, indent)
            case Figure():
                alt = figure_alt(block, self.lang)
                element = parent.add(Element("Figure", alt=alt))
                column = self.geometry.height - self.geometry.top - self.geometry.bottom
                image = embedded_image(block.src)
                described = dataclasses.replace(self.styles["caption"], indent=0.0)
                shown = (Emphasis((Text(placeholder_text(block, self.lang)),)),)
                words = self.words(shown, element, described) if image is None else []
                figure = FigureBlock(
                    self.context, element, image, words, described, self.geometry.rule_colour, 0.8 * column
                )
                flowables: list[Flowable] = [figure]
                if block.caption:
                    caption = dataclasses.replace(self.styles["caption"], indent=indent)
                    flowables.append(self.text(block.caption, parent.add(Element("P")), caption))
                return flowables
            case Section():
                element = parent.add(Element("Sect"))
                return self.blocks((block.heading, *block.blocks), element, indent, base)
            case Closing():
                return self.closing(block, parent, indent)
            case _:
                assert_never(block)

    def list_block(self, block: List, parent: Element, indent: float, base: str) -> list[Flowable]:
        style = dataclasses.replace(self.styles[base], indent=indent)
        element = parent.add(Element("L", attributes={"O": "/List", "ListNumbering": LIST_NUMBERING[block.kind]}))
        labels = [item.label or list_label(block.kind, block.start + i) for i, item in enumerate(block.items)]
        label_width = max(text_width(label, style) for label in labels) + style.size * 0.6
        flowables: list[Flowable] = []
        for item, label in zip(block.items, labels, strict=True):
            li = element.add(Element("LI"))
            body_indent = indent + label_width
            item_flowables: list[Flowable] = []
            lbody = Element("LBody")
            first = item.blocks[0] if item.blocks else None
            rest = list(item.blocks[1:])
            if first is None or isinstance(first, Paragraph):
                p = lbody.add(Element("P"))
                first_style = dataclasses.replace(style, indent=body_indent, space_after=style.space_after / 2)
                children = first.children if first is not None else ()
                item_flowables.append(self.text(children, p, first_style, label=(label, label_width)))
                li.add(p.kids.pop(0))  # type: ignore[arg-type]  # the Lbl goes before the LBody
            else:
                lbl = li.add(Element("Lbl"))
                label_style = dataclasses.replace(style, space_after=0.0)
                item_flowables.append(TextBlock(self.context, self.words(label, lbl, style), label_style))
                rest = [first, *rest]
            li.add(lbody)
            item_flowables += self.blocks(tuple(rest), lbody, body_indent, base)
            flowables += item_flowables
        last = flowables[-1] if flowables else None
        if isinstance(last, TextBlock):
            last._space_after = max(last._space_after, style.space_after)  # the list ends as a paragraph does
        return flowables

    def table(self, block: Table, parent: Element, indent: float) -> list[Flowable]:
        placed, columns = place_cells(block.head + block.body)
        if not columns:
            # no cells at all: nothing to tabulate (reportlab needs a row and a column), as in the DOCX
            # writer; a caption stays as the paragraph it then is, in the caption's style
            if not block.caption:
                return []
            caption_style = dataclasses.replace(self.styles["caption"], indent=indent)
            return [self.text(block.caption, parent.add(Element("P")), caption_style)]
        element = parent.add(Element("Table"))
        flowables: list[Flowable] = []
        if block.caption:
            caption_style = dataclasses.replace(self.styles["caption"], indent=indent, keep_with_next=True)
            flowables.append(self.text(block.caption, element.add(Element("Caption")), caption_style))
        grid: list[list[Any]] = [["" for _ in range(columns)] for _ in placed]
        commands: list[tuple[Any, ...]] = []
        for r, cells in enumerate(placed):
            tr = element.add(Element("TR"))
            for place in cells:
                grid[r][place.column] = self.cell(place, tr, head=r < len(block.head))
                if place.rowspan > 1 or place.colspan > 1:
                    end = (place.column + place.colspan - 1, r + place.rowspan - 1)
                    commands.append(("SPAN", (place.column, r), end))
        style = self.styles["cell"]
        pad = style.size * 0.35
        commands += [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad / 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LINEBELOW", (0, 0), (-1, -1), style.size / 22, self.geometry.rule_colour),
        ]
        if block.head:
            commands.append(("LINEBELOW", (0, len(block.head) - 1), (-1, len(block.head) - 1), style.size / 10,
                             self.geometry.muted))  # fmt: skip
        width = self.width - indent
        table = TaggedTable(
            grid,
            context=self.context,
            head_rows=len(block.head),
            colWidths=[width / columns] * columns,
            style=TableStyle(commands),
            hAlign="LEFT",
            splitInRow=1,  # a row taller than a page may break inside its cells
            spaceAfter=self.styles["body"].space_after,
        )
        table.reserve_notes = True
        flowables.append(table)
        return flowables

    def cell(self, place: Placed, tr: Element, head: bool) -> list[Flowable]:
        """A cell's element and flowables; a filler (no model cell) is an empty cell of the grid."""
        attributes: dict[str, object] = {"O": "/Table"}
        if head:
            attributes["Scope"] = "/Column"  # PDF/UA-1 7.5: header cells say what they head
        if place.rowspan > 1:
            attributes["RowSpan"] = place.rowspan
        if place.colspan > 1:
            attributes["ColSpan"] = place.colspan
        element = tr.add(Element("TH" if head else "TD", attributes=attributes))
        blocks = place.cell.blocks if place.cell is not None else ()
        flowables = self.blocks(blocks, element, 0.0, "cell_head" if head else "cell")
        for flowable in flowables:
            if isinstance(flowable, TextBlock | TaggedTable):
                flowable.reserve_notes = False
        return flowables

    def closing(self, block: Closing, parent: Element, indent: float) -> list[Flowable]:
        style = dataclasses.replace(self.styles["signature"], indent=indent)
        lines = [block.place_date] if block.place_date else []
        for signatory in block.signatories:
            lines += [part for part in (signatory.function, signatory.name) if part]
        flowables: list[Flowable] = []
        for i, line in enumerate(lines):
            line_style = style if i else dataclasses.replace(style, space_before=2 * self.styles["body"].space_after)
            flowables.append(self.text(line, parent.add(Element("P")), line_style))
        return [KeepTogether(flowables)] if flowables else []

    def note(self, note: Note, note_id: str) -> None:
        element = self.root.add(Element("Note", id=note_id))
        style = self.styles["note"]
        label_width = self._note_label_width
        first = note.blocks[0] if note.blocks else None
        rest = list(note.blocks[1:])
        flowables: list[Flowable] = []
        if first is None or isinstance(first, Paragraph):
            p = Element("P")
            children = first.children if first is not None else ()
            flowables.append(self.text(children, p, dataclasses.replace(style, indent=label_width),
                                       label=(note.label, label_width)))  # fmt: skip
            element.add(p.kids.pop(0))  # type: ignore[arg-type]  # Lbl, then the note's text
            element.add(p)
        else:
            lbl = element.add(Element("Lbl"))
            flowables.append(TextBlock(self.context, self.words(note.label, lbl, style), style))
            rest = [first, *rest]
        flowables += self.blocks(tuple(rest), element, label_width, "note")
        for flowable in flowables:
            if isinstance(flowable, TextBlock | TaggedTable):
                flowable.reserve_notes = False
        self.context.notes[note_id] = NoteArea(note_id, element, flowables, self.width, style.leading / 4)


def text_width(text: str, style: BlockStyle) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, style.faces.regular, style.size))
