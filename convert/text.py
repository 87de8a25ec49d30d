"""The reading-order text of a document: what every writer's output must read as.

Order: the front matter (from ``Meta``, as :func:`front_matter` lists it), the body blocks (a
note's marker where it is referenced), then the notes. Every writer follows this order, and the
"same text" tests compare each output's extracted text with :func:`plain_text`.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_never

from convert.model import (
    Block,
    BlockQuote,
    Closing,
    Document,
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
    Section,
    Strong,
    Table,
    Text,
)
from convert.walk import notes

MONTHS_NL = (  # the month names Dutch papers print; the reader parses dates with them too
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

QUOTE_MARKS = {"double": ("«", "»"), "single": ("‘", "’")}


def format_date(date: dt.date, lang: str) -> str:
    """A date as the paper prints it: "11 maart 2024" in Dutch, ISO elsewhere."""
    if lang.split("-")[0] == "nl":
        return f"{date.day} {MONTHS_NL[date.month - 1]} {date.year}"
    return date.isoformat()


def paper_label(meta: Meta) -> str:
    """How the paper is cited: "Kamerstuk 24 077, nr. 537"; empty when it has no number."""
    if meta.identifier and meta.identifier.startswith("ah-"):
        return f"Aanhangsel {meta.session or ''}, nr. {meta.paper_number}".replace("  ", " ")
    if meta.dossiers and meta.paper_number:
        return f"Kamerstuk {meta.dossiers[0].number}, nr. {meta.paper_number}"
    return ""


def full_title(meta: Meta) -> str:
    """The title a browser tab or a reading system shows: label and title."""
    label = paper_label(meta)
    return f"{label} — {meta.title}" if label else meta.title


def front_matter(meta: Meta) -> tuple[tuple[str, str], ...]:
    """The paper's own header as (field, text) lines, in print order; ``title`` is the main heading.

    An Aanhangsel's question sentence is its title (the reader took it out of the body), followed by
    the questioners and "Ingezonden 21 juni 2024". Its "Ontvangen …" date is not repeated here: the
    answer's opening paragraph in the body already says it.
    """
    lines: list[tuple[str, str]] = []
    if meta.chamber:
        lines.append(("chamber", meta.chamber))
    if meta.session:
        lines.append(("session", f"Vergaderjaar {meta.session}"))
    for dossier in meta.dossiers:
        lines.append(("dossier", f"{dossier.number} {dossier.title}".strip()))
    if meta.paper_number:
        lines.append(("number", f"Nr. {meta.paper_number}"))
    lines.append(("title", meta.title))
    if meta.questioners:
        lines.append(("questioners", ", ".join(meta.questioners)))
    if meta.date_submitted:
        lines.append(("date_submitted", f"Ingezonden {format_date(meta.date_submitted, meta.lang)}"))
    elif meta.date and meta.date_label:
        lines.append(("date", f"{meta.date_label} {format_date(meta.date, meta.lang)}"))
    if meta.addressee:
        lines.append(("addressee", meta.addressee))
    if meta.date and not meta.date_label:
        place = f"{meta.place}, " if meta.place else ""
        lines.append(("place_date", place + format_date(meta.date, meta.lang)))
    return tuple(lines)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inlines as a reader hears it: quotation marks included, a note as its marker."""
    parts: list[str] = []
    for inline in inlines:
        match inline:
            case Text():
                parts.append(inline.text)
            case Emphasis() | Strong() | Foreign() | Link():
                parts.append(inline_text(inline.children))
            case Quoted():
                opening, closing = QUOTE_MARKS[inline.kind]
                parts.append(opening + inline_text(inline.children) + closing)
            case Note():
                parts.append(inline.label)
            case LineBreak():
                parts.append("\n")
            case PageStart():
                pass
            case _:
                assert_never(inline)
    return "".join(parts)


def block_lines(block: Block) -> list[str]:
    """The text lines of one block, in reading order."""
    match block:
        case Heading() | Paragraph():
            return [inline_text(block.children)]
        case List():
            return [line for item in block.items for b in item.blocks for line in block_lines(b)]
        case BlockQuote():
            return [line for b in block.blocks for line in block_lines(b)]
        case Table():
            caption = [inline_text(block.caption)] if block.caption else []
            cells = [line for row in block.head + block.body for cell in row.cells for b in cell.blocks
                     for line in block_lines(b)]  # fmt: skip
            return caption + cells
        case Figure():
            return [block.alt] + ([inline_text(block.caption)] if block.caption else [])
        case Section():
            return block_lines(block.heading) + [line for b in block.blocks for line in block_lines(b)]
        case Closing():
            lines = [block.place_date] if block.place_date else []
            for signatory in block.signatories:
                lines += [part for part in (signatory.function, signatory.name) if part]
            return lines
        case _:
            assert_never(block)


def note_lines(note: Note) -> list[str]:
    """A footnote as read at the end: its marker, then its text."""
    body = [line for b in note.blocks for line in block_lines(b)]
    return [f"{note.label} {body[0]}" if body else note.label] + body[1:]


def plain_text(doc: Document) -> str:
    """The document's whole text in reading order, one block per line."""
    lines = [text for _, text in front_matter(doc.meta)]
    lines += [line for block in doc.body for line in block_lines(block)]
    lines += [line for note in notes(doc) for line in note_lines(note)]
    return "\n".join(lines)
