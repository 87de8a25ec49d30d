"""Source lines: normalised text split into numbered lines, and blank-line separated chunks."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Control characters other than line ends, tab and form feed never belong in the text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class SourceLine(NamedTuple):
    """One line of the source; a tuple, as a paper has thousands of lines and a tuple is the cheapest to make."""

    number: int  # 1-based line in the source, for messages
    text: str  # without trailing white space; leading white space removed too
    indented: bool  # the source line began with white space (a paragraph start in pdf text)
    page: int = 1  # 1-based print page, counted by form feeds
    gap: bool = False  # a blank line (or a page break) comes before it in the source


def normalise(text: str) -> str:
    """NFC, one kind of line end, no byte-order mark: the text every rule sees."""
    return "\n".join(_normalised_lines(text))


def _normalised_lines(text: str) -> list[str]:
    """The lines of the normalised text. NFC is applied line by line, and only to lines that are not
    ASCII (a tenth of a paper's lines, and a line end never composes); over the whole text it cost
    more than the rest of the line splitting."""
    text = _CONTROL.sub("", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    return [line if line.isascii() else unicodedata.normalize("NFC", line) for line in text.split("\n")]


def source_lines(text: str) -> list[SourceLine]:
    """Number the lines of normalised text; a form feed starts a new print page."""
    lines: list[SourceLine] = []
    page = 1
    gap = False  # a blank line or a form feed since the last line with text
    for number, raw in enumerate(_normalised_lines(text), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            gap = True
            raw = raw.replace("\f", "")
        stripped = raw.strip()
        lines.append(SourceLine(number, stripped, bool(stripped) and raw[:1].isspace(), page, gap and bool(stripped)))
        gap = not stripped
    return lines


def chunks(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """Groups of consecutive non-blank lines: the text boxes of the source."""
    groups: list[list[SourceLine]] = []
    current: list[SourceLine] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups
