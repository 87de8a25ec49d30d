"""The only traversal code: walk the tree in reading order (after pandoc's ``Walk.hs``)."""

from __future__ import annotations

from collections.abc import Iterator
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


def block_inlines(block: Block) -> Iterator[Inline]:
    """Every inline of a block and of the blocks inside it, in reading order (notes not entered)."""
    match block:
        case Heading() | Paragraph():
            yield from _deep(block.children)
        case Table() | Figure():
            yield from _deep(block.caption)
        case List() | BlockQuote() | Section() | Closing():
            pass
        case _:
            assert_never(block)
    for child in child_blocks(block):
        yield from block_inlines(child)


def child_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks directly inside ``block``, in reading order."""
    match block:
        case Heading() | Paragraph() | Figure() | Closing():
            return ()
        case List():
            return tuple(b for item in block.items for b in item.blocks)
        case BlockQuote():
            return block.blocks
        case Table():
            return tuple(b for row in block.head + block.body for cell in row.cells for b in cell.blocks)
        case Section():
            return (block.heading, *block.blocks)
        case _:
            assert_never(block)


def _deep(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    for inline in inlines:
        yield inline
        match inline:
            case Emphasis() | Strong() | Quoted() | Foreign() | Link():
                yield from _deep(inline.children)
            case Text() | Note() | PageStart() | LineBreak():
                pass
            case _:
                assert_never(inline)


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, in reading order (notes not entered)."""
    for block in blocks:
        yield block
        yield from iter_blocks(child_blocks(block))


def notes(doc: Document) -> tuple[Note, ...]:
    """The document's footnotes in the order they are referenced."""
    return tuple(i for b in doc.body for i in block_inlines(b) if isinstance(i, Note))


def page_starts(doc: Document) -> tuple[PageStart, ...]:
    """The print page starts of the source edition, in order."""
    return tuple(i for b in doc.body for i in block_inlines(b) if isinstance(i, PageStart))
