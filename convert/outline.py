"""The document's outline: the headings every output shows, at the level every output gives them.

The paper's title is the one heading at level 1. Body headings sit below it and take their levels
from how they nest, not from the numbers the reader gave them, so that no level is skipped
(PDF/UA-1 7.4.2, WCAG 1.3.1): a paper whose first heading is a level-2 "Vraag 1" still has it at
level 2, right under the title. Each writer asks :class:`HeadingLevels` for the level of each
heading as it meets them, and the outline-parity test reads every output back against
:func:`outline`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
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
    Note,
    PageStart,
    Paragraph,
    Quoted,
    Section,
    Strong,
    Table,
    Text,
)
from convert.text import QUOTE_MARKS

TITLE_LEVEL = 1
DEEPEST = 6  # HTML, PDF and Word have six heading levels


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    level: int
    text: str


@dataclass(slots=True)
class HeadingLevels:
    """The output level of each body heading, in document order: one below the headings still open."""

    open_levels: list[int] = field(default_factory=list)  # model levels of the headings now open

    def level(self, model_level: int) -> int:
        while self.open_levels and self.open_levels[-1] >= model_level:
            self.open_levels.pop()
        self.open_levels.append(model_level)
        return min(len(self.open_levels) + TITLE_LEVEL, DEEPEST)


def heading_label(inlines: tuple[Inline, ...]) -> str:
    """A heading's words as an outline shows them: note markers left out, whitespace collapsed."""
    return " ".join(_label_parts(inlines).split())


def _label_parts(inlines: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for inline in inlines:
        match inline:
            case Text():
                parts.append(inline.text)
            case Emphasis() | Strong() | Foreign() | Link():
                parts.append(_label_parts(inline.children))
            case Quoted():
                opening, closing = QUOTE_MARKS[inline.kind]
                parts.append(opening + _label_parts(inline.children) + closing)
            case LineBreak():
                parts.append(" ")
            case Note() | PageStart():
                pass
            case _:
                assert_never(inline)
    return "".join(parts)


def outline_headings(blocks: tuple[Block, ...]) -> Iterator[Heading]:
    """The headings that belong to the outline, in reading order: not those in table cells or notes."""
    for block in blocks:
        match block:
            case Heading():
                yield block
            case Section():
                yield block.heading
                yield from outline_headings(block.blocks)
            case BlockQuote():
                yield from outline_headings(block.blocks)
            case List():
                for item in block.items:
                    yield from outline_headings(item.blocks)
            case Paragraph() | Table() | Figure() | Closing():
                pass
            case _:
                assert_never(block)


def outline(doc: Document) -> tuple[OutlineEntry, ...]:
    """The title at level 1, then every outline heading at the level all writers give it."""
    levels = HeadingLevels()
    entries = [OutlineEntry(TITLE_LEVEL, " ".join(doc.meta.title.split()))]
    for heading in outline_headings(doc.body):
        entries.append(OutlineEntry(levels.level(heading.level), heading_label(heading.children)))
    return tuple(entries)
