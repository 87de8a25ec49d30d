"""Model blocks and inlines as semantic HTML fragments, shared by the HTML and EPUB writers.

Output is well-formed XML as well as HTML (every element closed, void elements written
``<br/>`` only in XHTML mode), so EPUB can wrap the same fragments in XHTML documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape
from typing import assert_never

from convert.model import (
    Block,
    BlockQuote,
    Closing,
    Emphasis,
    Figure,
    Foreign,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
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
from convert.text import QUOTE_MARKS, front_matter

# Characters XML 1.0 cannot hold: the sanitizer removes them from sources with a warning, and a
# model built some other way must still give well-formed (X)HTML.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text without the characters XML cannot hold (for libraries that build the XML themselves)."""
    return _NOT_XML.sub("", text)


def escape(text: str, quote: bool = True) -> str:
    """Text escaped for (X)HTML, without characters XML cannot hold."""
    return html_escape(xml_text(text), quote=quote)


# Words the page itself says (not the paper's text), by language.
LABELS = {
    "nl": {
        "skip": "Naar de tekst",
        "notes": "Voetnoten",
        "backlink": "Terug naar de tekst bij voetnoot {label}",
        "page": "Pagina {label}",
        "meta": "Gegevens van het stuk",
        "table": "Tabel {number}",
        "generated": "Omgezet met pubconvert",
    },
    "en": {
        "skip": "Skip to the text",
        "notes": "Footnotes",
        "backlink": "Back to the text at footnote {label}",
        "page": "Page {label}",
        "meta": "About this paper",
        "table": "Table {number}",
        "generated": "Converted with pubconvert",
    },
}
LIST_TYPES = {"number": "1", "letter": "a", "roman": "i"}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang.split("-")[0], LABELS["en"])


@dataclass
class Renderer:
    """Renders one document; keeps the running numbers of notes, headings and tables."""

    lang: str
    xhtml: bool = False  # EPUB content documents: XHTML serialisation
    epub: bool = False  # add epub:type beside the ARIA roles
    note_href: str = ""  # file part of links to notes ("" when notes are in the same file)
    images: bool = True  # False: every figure is described in words (EPUB packages no files it cannot read)
    notes: list[Note] = field(default_factory=list)
    headings: int = 0
    tables: int = 0
    levels: HeadingLevels = field(default_factory=HeadingLevels)  # the outline's levels (convert.outline)

    # ------------------------------------------------------------ front matter

    def front_matter(self, meta: Meta) -> str:
        """The paper's header as text: the metadata block around the one ``h1``."""
        parts: list[str] = []
        for name, text in front_matter(meta):
            if name == "title":
                parts.append(f'<h1 id="title">{escape(text)}</h1>')
            else:
                parts.append(f'<p class="meta-{name.replace("_", "-")}">{escape(text)}</p>')
        return '<header class="paper-header">' + "".join(parts) + "</header>"

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        return "".join(self.block(block) for block in blocks)

    def block(self, block: Block) -> str:
        match block:
            case Heading():
                return self.heading(block)
            case Paragraph():
                return f"<p>{self.inlines(block.children)}</p>"
            case List():
                return self.list(block)
            case BlockQuote():
                return f"<blockquote>{self.blocks(block.blocks)}</blockquote>"
            case Table():
                return self.table(block)
            case Figure():
                caption = f"<figcaption>{self.inlines(block.caption)}</figcaption>" if block.caption else ""
                # An image the source only names (no file) is described in words, visibly.
                image = (
                    self._void("img", src=block.src, alt=block.alt)
                    if block.src and self.images
                    else f'<p class="image-description">{escape(block.alt)}</p>'
                )
                return f"<figure>{image}{caption}</figure>"
            case Section():
                heading_id = self._heading_id(block.heading)
                role = f' class="{escape(block.role)}"' if block.role else ""
                return (
                    f'<section{role} aria-labelledby="{heading_id}">'
                    f"{self.heading(block.heading, heading_id)}{self.blocks(block.blocks)}</section>"
                )
            case Closing():
                return self.closing(block)
            case _:
                assert_never(block)

    def heading(self, heading: Heading, heading_id: str = "") -> str:
        """Body headings sit one level below the paper's title, which is the page's only ``h1``."""
        # Levels follow the nesting, so none is skipped (WCAG 1.3.1; axe and Ace "heading-order"):
        # a paper whose first heading is a level-2 "Vraag 1" gets an h2, not an h3 under nothing.
        level = self.levels.level(heading.level)
        heading_id = heading_id or self._heading_id(heading)
        return f'<h{level} id="{heading_id}">{self.inlines(heading.children)}</h{level}>'

    def _heading_id(self, heading: Heading) -> str:
        if heading.id:
            return escape(heading.id)
        self.headings += 1
        return f"h-{self.headings}"

    def list(self, block: List) -> str:
        items = "".join(f"<li>{self.blocks(item.blocks)}</li>" for item in block.items)
        if not block.ordered:
            return f'<ul class="list-{block.kind}">{items}</ul>'
        start = f' start="{block.start}"' if block.start != 1 else ""
        return f'<ol type="{LIST_TYPES[block.kind]}"{start}>{items}</ol>'

    def table(self, table: Table) -> str:
        self.tables += 1
        caption = f"<caption>{self.inlines(table.caption)}</caption>" if table.caption else ""
        head = "".join(self._row(row, header=True) for row in table.head)
        body = "".join(self._row(row, header=False) for row in table.body)
        name = escape(labels(self.lang)["table"].format(number=self.tables))
        return (
            f'<div class="table-scroll" role="region" aria-label="{name}" tabindex="0">'
            f"<table>{caption}{f'<thead>{head}</thead>' if head else ''}<tbody>{body}</tbody></table></div>"
        )

    def _row(self, row: Row, header: bool) -> str:
        cells = []
        for cell in row.cells:
            spans = "".join(
                f' {name}="{value}"'
                for name, value in (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                if value > 1
            )
            if header:
                cells.append(f'<th scope="col"{spans}>{self.blocks(cell.blocks)}</th>')
            else:
                cells.append(f"<td{spans}>{self.blocks(cell.blocks)}</td>")
        return f"<tr>{''.join(cells)}</tr>"

    def closing(self, closing: Closing) -> str:
        parts = [f'<p class="place-date">{escape(closing.place_date)}</p>'] if closing.place_date else []
        for signatory in closing.signatories:
            if signatory.function:
                parts.append(f'<p class="signatory-function">{escape(signatory.function)}</p>')
            parts.append(f'<p class="signatory-name">{escape(signatory.name)}</p>')
        return f'<div class="closing">{"".join(parts)}</div>'

    # ------------------------------------------------------------ inlines

    def inlines(self, inlines: tuple[Inline, ...]) -> str:
        return "".join(self.inline(inline) for inline in inlines)

    def inline(self, inline: Inline) -> str:
        match inline:
            case Text():
                return escape(inline.text, quote=False)
            case Emphasis():
                return f"<em>{self.inlines(inline.children)}</em>"
            case Strong():
                return f"<strong>{self.inlines(inline.children)}</strong>"
            case Quoted():
                opening, closing = QUOTE_MARKS[inline.kind]
                return f"<q>{opening}{self.inlines(inline.children)}{closing}</q>"
            case Foreign():
                lang = escape(inline.lang)
                xml_lang = f' xml:lang="{lang}"' if self.xhtml else ""
                return f'<span lang="{lang}"{xml_lang}>{self.inlines(inline.children)}</span>'
            case Link():
                return f'<a href="{escape(inline.target)}">{self.inlines(inline.children)}</a>'
            case Note():
                self.notes.append(inline)
                number = len(self.notes)
                epub = ' epub:type="noteref"' if self.epub else ""
                return (
                    f'<sup><a href="{self.note_href}#fn-{number}" id="fnref-{number}" role="doc-noteref"{epub}>'
                    f"{escape(inline.label)}</a></sup>"
                )
            case PageStart():
                label = escape(inline.label)
                epub = ' epub:type="pagebreak"' if self.epub else ""
                return f'<span id="page-{label}" role="doc-pagebreak"{epub} title="{label}"></span>'
            case LineBreak():
                return "<br/>" if self.xhtml else "<br>"
            case _:
                assert_never(inline)

    # ------------------------------------------------------------ notes

    def notes_section(self, back_href: str = "") -> str:
        """The footnotes referenced so far, each with a link back to its reference."""
        if not self.notes:
            return ""
        words = labels(self.lang)
        epub = ' epub:type="footnote"' if self.epub else ""
        asides = []
        for number, note in enumerate(self.notes, start=1):
            back = escape(words["backlink"].format(label=note.label))
            backlink = (
                f' <a href="{back_href}#fnref-{number}" role="doc-backlink" class="backlink generated"'
                f' aria-label="{back}">↩</a>'
            )
            label = f'<span class="note-label">{escape(note.label)}</span> '
            first, rest = (note.blocks[0], note.blocks[1:]) if note.blocks else (None, ())
            if isinstance(first, Paragraph):
                body = f"<p>{label}{self.inlines(first.children)}{backlink}</p>{self.blocks(rest)}"
            else:
                body = f"<p>{label}{backlink}</p>{self.blocks(note.blocks)}"
            asides.append(f'<aside id="fn-{number}" role="doc-footnote"{epub}>{body}</aside>')
        return (
            '<section class="footnotes" aria-labelledby="notes-title">'
            f'<h2 id="notes-title" class="generated">{escape(words["notes"])}</h2>{"".join(asides)}</section>'
        )

    def _void(self, name: str, **attributes: str) -> str:
        rendered = "".join(f' {key}="{escape(value)}"' for key, value in attributes.items())
        return f"<{name}{rendered}/>" if self.xhtml else f"<{name}{rendered}>"
