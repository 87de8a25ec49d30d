"""Footnotes: the note texts at the bottom of each page, and the markers in the text that they belong to.

Notes are numbered through the whole paper, so the next note's number is known. A page's note
area is the last run of the page whose lines that start with a number count up from that next
number without a gap, to the end of the page; everything between two note starts (even over a
blank line) is the earlier note's text. A body line that starts with a number (``4 april jl. …``)
is no note: its number is not the next one, or the run after it does not count up. The marker is
the number glued to the word or punctuation before it (``is?1``, ``Kit2``, ``gepubliceerd13.``),
looked for in order, so note *n*'s marker comes after note *n - 1*'s.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from convert.readers.kamerstuk.lines import SourceLine

NOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")


@dataclass
class NoteText:
    number: int
    lines: list[SourceLine]  # the first line without its number

    @property
    def page(self) -> int:
        return self.lines[0].page


@functools.cache
def glued_marker(number: int) -> re.Pattern[str]:
    """``number`` glued to a word or to punctuation, and not part of a longer number (``100.000``)."""
    return re.compile(
        r"(?:(?<=[^\W\d_])|(?<=[^\d\s][.,])|(?<=[;:?!»”’)\]]))" + str(number) + r"(?![\w%°]|[.,]\d)", re.UNICODE
    )


@functools.cache
def spaced_marker(number: int) -> re.Pattern[str]:
    """``number`` set off by spaces after the end of a sentence, before the next one (``nr. 182/2011. 13 Het``)."""
    return re.compile(r"(?<=[.;:?!] )" + str(number) + r"(?= [A-Z])")


def split_notes(lines: list[SourceLine], unwrapped: bool) -> tuple[list[SourceLine], list[NoteText]]:
    """Take the note texts out of the body lines (which must be without furniture)."""
    pages: dict[int, list[SourceLine]] = {}
    for line in lines:
        if line.text:
            pages.setdefault(line.page, []).append(line)
    body: list[SourceLine] = []
    notes: list[NoteText] = []
    expected = 1
    previous: list[SourceLine] = []
    for page in sorted(pages):
        page_lines = pages[page]
        if unwrapped:
            kept, found = _notes_inline(page_lines, expected)
        else:
            kept, found = _notes_at_bottom(page_lines, expected, previous)
        body.extend(kept)
        notes.extend(found)
        if found:
            expected = found[-1].number + 1
        previous = page_lines
    return body, notes


def _has_marker(number: int, lines: list[SourceLine]) -> bool:
    glued, spaced = glued_marker(number), spaced_marker(number)
    return any(glued.search(line.text) or spaced.search(line.text) for line in lines)


def _notes_at_bottom(
    page: list[SourceLine], expected: int, previous: list[SourceLine]
) -> tuple[list[SourceLine], list[NoteText]]:
    starts = [(i, int(m.group(1))) for i, line in enumerate(page) if (m := NOTE_START.match(line.text))]
    for position, (index, number) in enumerate(starts):
        if number != expected:
            continue
        run = [n for _, n in starts[position:]]
        if run != list(range(number, number + len(run))):
            continue
        if not (_has_marker(number, page[:index]) or _has_marker(number, previous)):
            continue
        notes: list[NoteText] = []
        for line in page[index:]:
            match = NOTE_START.match(line.text)
            if match and int(match.group(1)) == expected + len(notes):
                first = SourceLine(line.number, match.group(2), False, line.page, line.gap)
                notes.append(NoteText(int(match.group(1)), [first]))
            else:
                notes[-1].lines.append(line)
        return page[:index], notes
    return page, []


def _notes_inline(page: list[SourceLine], expected: int) -> tuple[list[SourceLine], list[NoteText]]:
    """Text with one line per block (OCR): a note is one line, wherever the scan put it."""
    kept: list[SourceLine] = []
    notes: list[NoteText] = []
    for index, line in enumerate(page):
        match = NOTE_START.match(line.text)
        if match and int(match.group(1)) == expected and _has_marker(expected, page[:index]):
            notes.append(NoteText(expected, [SourceLine(line.number, match.group(2), False, line.page, line.gap)]))
            expected += 1
        else:
            kept.append(line)
    return kept, notes
