"""Rule cases for the kamerstuk reader, read from ``tests/cases/*.txt`` (markdown-it-py's fixture format).

Each case is ``title`` / ``.`` / input / ``.`` / expected / ``.``; the test id is ``file:line`` so
a failure points at the case. In inputs, ``␌`` stands for a form feed and ``·`` at a line end for
a trailing space. What a case file checks depends on its name (see ``RENDERERS``):

* ``hyphens.txt``: the input lines re-flowed into one paragraph;
* ``headers.txt``: the metadata the reader found, one ``field: value`` a line;
* every other file: an outline of the body (one block a line, nesting by indent; ``[^1: …]`` is a
  note at its marker, ``[p2]`` a page start, ``[en: …]`` English, ``<…>`` a link) and ``! CODE @line``
  for each diagnostic.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

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
from convert.readers import read
from convert.readers.kamerstuk.hyphens import Vocabulary, reflow

CASES = Path(__file__).parent / "cases"


class Case(NamedTuple):
    file: str
    line: int
    title: str
    source: str
    expected: str


def read_cases(path: Path) -> list[Case]:
    """Parse one case file; a malformed file fails loudly with its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title, start = lines[index], index + 1
        if lines[index + 1] != ".":
            raise ValueError(f"{path.name}:{index + 2}: expected '.' after the case title {title!r}")
        parts: list[list[str]] = [[], []]
        index += 2
        for part in parts:
            while index < len(lines) and lines[index] != ".":
                part.append(lines[index])
                index += 1
            if index >= len(lines):
                raise ValueError(f"{path.name}:{start}: case {title!r} is not closed with '.'")
            index += 1
        source = re.sub("·+$", lambda m: " " * len(m.group(0)), "\n".join(parts[0]), flags=re.MULTILINE)
        source = source.replace("␌", "\f")
        cases.append(Case(path.name, start, title, source, "\n".join(parts[1])))
    return cases


# ---------------------------------------------------------------- renderers


def inline(inlines: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for node in inlines:
        match node:
            case Text():
                out.append(node.text)
            case Emphasis() | Strong():
                out.append(inline(node.children))
            case Quoted():
                out.append("«" + inline(node.children) + "»")
            case Foreign():
                out.append(f"[{node.lang}: {inline(node.children)}]")
            case Link():
                out.append(f"<{inline(node.children)}>")
            case Note():
                text = " ".join(inline(b.children) for b in node.blocks if isinstance(b, Paragraph))
                out.append(f"[^{node.label}: {text}]")
            case PageStart():
                out.append(f"[p{node.label}]")
            case LineBreak():
                out.append("/")
    return "".join(out)


def outline_block(block: Block, depth: int = 0) -> list[str]:
    pad = "  " * depth
    match block:
        case Heading():
            return [f"{pad}H{block.level} {inline(block.children)}"]
        case Paragraph():
            return [f"{pad}P {inline(block.children)}"]
        case List():
            lines = [f"{pad}L {block.kind} {block.start}"]
            for item in block.items:
                lines.append(f"{pad}  - {item.label}".rstrip())
                for child in item.blocks:
                    lines += outline_block(child, depth + 2)
            return lines
        case Section():
            lines = [f"{pad}S {block.role}"] + outline_block(block.heading, depth + 1)
            return lines + [line for child in block.blocks for line in outline_block(child, depth + 1)]
        case Closing():
            people = "; ".join(f"{s.function}: {s.name}" if s.function else s.name for s in block.signatories)
            return [f"{pad}C {block.place_date} | {people}"]
        case Figure():
            return [f"{pad}F {block.src} | {block.alt}"]
        case Table():
            rows = [f"{pad}T head={len(block.head)}"]
            for row in block.head + block.body:
                cells = [" ".join(inline(b.children) for b in c.blocks if isinstance(b, Paragraph)) for c in row.cells]
                rows.append(f"{pad}  | " + " | ".join(cells) + " |")
            return rows
        case BlockQuote():
            return [f"{pad}Q"] + [line for child in block.blocks for line in outline_block(child, depth + 1)]
    raise AssertionError(f"unknown block {block!r}")


def outline(doc: Document) -> str:
    lines = [line for block in doc.body for line in outline_block(block)]
    lines += [f"! {d.code} @{d.line}" for d in doc.diagnostics if d.code != "KS001"]
    return "\n".join(lines)


def meta_lines(doc: Document) -> str:
    lines = []
    for field in dataclasses.fields(doc.meta):
        value = getattr(doc.meta, field.name)
        if value in (None, (), "", 0) or field.name == "lang":
            continue
        if field.name == "dossiers":
            value = " + ".join(f"{d.number} {d.title}".strip() for d in value)
        elif isinstance(value, tuple):
            value = " + ".join(value)
        lines.append(f"{field.name}: {value}")
    lines += [f"! {d.code} @{d.line}" for d in doc.diagnostics]
    return "\n".join(lines)


def rendered_reflow(source: str) -> str:
    lines = source.split("\n")
    return reflow(lines, Vocabulary.of_lines(lines))


RENDERERS: dict[str, Callable[[str], str]] = {
    "hyphens.txt": rendered_reflow,
    "headers.txt": lambda source: meta_lines(read(source)),
    "archive.txt": lambda source: f"{meta_lines(read(source))}\n--\n{outline(read(source))}",
}


def _render(file: str, source: str) -> str:
    return RENDERERS.get(file, lambda s: outline(read(s)))(source)


ALL_CASES = [case for path in sorted(CASES.glob("*.txt")) for case in read_cases(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c.file}:{c.line}" for c in ALL_CASES])
def test_case(case: Case) -> None:
    assert _render(case.file, case.source) == case.expected, case.title


def test_every_case_file_has_cases() -> None:
    files = {case.file for case in ALL_CASES}
    assert {"hyphens.txt", "footnotes.txt", "headers.txt", "furniture.txt", "lists.txt"} <= files


def test_case_parser_reports_an_unclosed_case(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("title\n.\ninput\n.\nexpected\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.txt:1"):
        read_cases(broken)
