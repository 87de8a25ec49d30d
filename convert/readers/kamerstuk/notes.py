"""Footnotes: the note texts at the bottom of each page, and the markers in the text that they belong to.

Notes are numbered through the whole paper, so the next note's number is known. A page's note
area is the last run of the page whose lines that start with a number count up from that next
number without a gap, to the end of the page; everything between two note starts (even over a
blank line) is the earlier note's text. A body line that starts with a number (``4 april jl. …``)
is no note: its number is not the next one, or the run after it does not count up. The marker is
the number glued to the word or punctuation before it (``is?1``, ``Kit2``, ``gepubliceerd13.``),
looked for in order, so note *n*'s marker comes after note *n - 1*'s. A marker in superscript digits
(``2023⁵``: the PDF source writes a number the page set raised so) is one whatever stands before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from convert.readers.kamerstuk.lines import SourceLine

NOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")


@dataclass
class NoteText:
    number: int
    lines: list[SourceLine]  # the first line without its number

    @property
    def page(self) -> int:
        return self.lines[0].page


# A marker is the number glued to a word or to punctuation (one of these stands before it), and not part of
# a longer number (``100.000``) ...
_GLUED_TO = (r"[^\W\d_]", r"[^\d\s][.,]", r"[;:?!»”’)\]]")
_GLUED_AFTER = r"(?![\w%°]|[.,]\d)"
# ... or set off by spaces after the end of a sentence, before the next one (``nr. 182/2011. 13 Het``).
_SPACED_TO = r"[.;:?!] "
_SPACED_AFTER = r"(?= [A-Z])"
# Either, for any number: neither lets a digit stand before or after it, so a marker is a whole run of digits.
_ANY_MARKER = re.compile(
    "(?:" + "|".join(f"(?<={before})" for before in _GLUED_TO) + rf")(\d+){_GLUED_AFTER}"
    rf"|(?<={_SPACED_TO})(\d+){_SPACED_AFTER}"
)
_DIGITS = re.compile(r"\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_PLAIN_DIGITS = re.compile(r"\d+")
_RAISED = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
RAISED_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # the PDF source writes a note number set raised (superscript) so
_FROM_RAISED = str.maketrans(RAISED_DIGITS, "0123456789")
_TO_RAISED = str.maketrans("0123456789", RAISED_DIGITS)

# The patterns for one number put its digits first and look behind them after: a search skips from one
# occurrence of the digits to the next, where look-behinds first would try every position of the text.


@functools.cache
def glued_marker(number: int) -> re.Pattern[str]:
    """``number`` glued to a word or to punctuation, and not part of a longer number (``100.000``)."""
    digits = str(number)
    return re.compile(digits + "(?:" + "|".join(f"(?<={before}{digits})" for before in _GLUED_TO) + ")" + _GLUED_AFTER)


@functools.cache
def raised_marker(number: int) -> re.Pattern[str]:
    """``number`` in superscript digits (``2023⁵``): the page set it raised, so it is a marker whatever
    stands before it, where plain text cannot tell a year run into its note's number from a longer number."""
    digits = str(number).translate(_TO_RAISED)
    return re.compile(f"{digits}(?<![{RAISED_DIGITS}]{digits})(?![{RAISED_DIGITS}])")


@functools.cache
def spaced_marker(number: int) -> re.Pattern[str]:
    """``number`` set off by spaces after the end of a sentence, before the next one (``nr. 182/2011. 13 Het``)."""
    digits = str(number)
    return re.compile(f"{digits}(?<={_SPACED_TO}{digits}){_SPACED_AFTER}")


def marker_numbers(text: str) -> set[int]:
    """The note numbers (of up to three digits, as ``NOTE_START`` reads them) that have a marker in ``text``:
    those ``glued_marker``, ``spaced_marker`` or ``raised_marker`` finds there.

    One pass over the text for all numbers, where asking each number would take a pass per note."""
    return {number for _, number in _markers(text)}


def _markers(text: str) -> Iterator[tuple[int, int]]:
    """Each marker in ``text``: its place and its note number. A marker is a whole run of digits, so
    the pattern is tried at the start of each run only (its look-behinds first would make a search
    try every position)."""
    runs = _DIGITS if _RAISED.search(text) else _PLAIN_DIGITS  # raised digits come from a PDF's page only
    for run in runs.finditer(text):
        if text[run.start()] in RAISED_DIGITS:  # a raised run is all raised: one look at its first sign
            raised = run.group().translate(_FROM_RAISED)
            if len(raised) <= 3 and raised == str(int(raised)):
                yield run.start(), int(raised)
            continue
        if not (match := _ANY_MARKER.match(text, run.start())):
            continue
        digits = match.group(1) or match.group(2)
        if len(digits) <= 3 and digits == str(int(digits)):  # "007" is no marker of note 7, nor "٣" of note 3
            yield run.start(), int(digits)


def _first_markers(lines: list[SourceLine]) -> dict[int, int]:
    """Note number -> index of the first of ``lines`` that has its marker.

    One search over the lines joined by line ends, not one a line: no marker pattern looks past a
    line end (a line end is neither a letter, punctuation nor a space before or after a number)."""
    first: dict[int, int] = {}
    ends = list(accumulate(len(line.text) + 1 for line in lines))  # where each line's text ends, plus one
    index = 0
    for place, number in _markers("\n".join(line.text for line in lines)):
        while ends[index] <= place:
            index += 1
        first.setdefault(number, index)
    return first


def split_notes(
    lines: list[SourceLine], unwrapped: bool, referenced: frozenset[int] = frozenset()
) -> tuple[list[SourceLine], list[NoteText]]:
    """Take the note texts out of the body lines (which must be without furniture).

    ``referenced``: notes whose markers stand outside the body lines (in the title)."""
    pages: dict[int, list[SourceLine]] = {}
    for line in lines:
        if line.text:
            pages.setdefault(line.page, []).append(line)
    body: list[SourceLine] = []
    notes: list[NoteText] = []
    expected = 1
    previous: dict[int, int] = {}  # the page before: note number -> first line with its marker
    for page in sorted(pages):
        page_lines = pages[page]
        markers = _first_markers(page_lines)
        markers.update({number: -1 for number in referenced})
        if unwrapped:
            kept, found = _notes_inline(page_lines, expected, markers)
        else:
            kept, found = _notes_at_bottom(page_lines, expected, markers, previous)
        body.extend(kept)
        notes.extend(found)
        if found:
            expected = found[-1].number + 1
        previous = markers
    return body, notes


def _notes_at_bottom(
    page: list[SourceLine], expected: int, markers: dict[int, int], previous: dict[int, int]
) -> tuple[list[SourceLine], list[NoteText]]:
    """``markers`` and ``previous``: note number -> first line of this page and of the page before with its marker."""
    starts = [(i, int(m.group(1))) for i, line in enumerate(page) if (m := NOTE_START.match(line.text))]
    # counts_up[p]: the numbers of starts[p:] count up by one to the end of the page
    counts_up = [True] * len(starts)
    for position in range(len(starts) - 2, -1, -1):
        counts_up[position] = counts_up[position + 1] and starts[position + 1][1] == starts[position][1] + 1
    for position, (index, number) in enumerate(starts):
        if number != expected or not counts_up[position]:
            continue
        if not (markers.get(number, index) < index or number in previous):
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


def _notes_inline(
    page: list[SourceLine], expected: int, markers: dict[int, int]
) -> tuple[list[SourceLine], list[NoteText]]:
    """Text with one line per block (OCR): a note is one line, wherever the scan put it.

    ``markers``: note number -> first line of the page with its marker."""
    kept: list[SourceLine] = []
    notes: list[NoteText] = []
    for index, line in enumerate(page):
        match = NOTE_START.match(line.text)
        committee = match is not None and match.group(2).startswith("Samenstelling")  # a committee's members
        if match and int(match.group(1)) == expected and (markers.get(expected, index) < index or committee):
            for text in _run_together(match.group(2), expected, markers, index):
                notes.append(NoteText(expected, [SourceLine(line.number, text, False, line.page, line.gap)]))
                expected += 1
        else:
            kept.append(line)
    return kept, notes


def _run_together(text: str, number: int, markers: dict[int, int], index: int) -> list[str]:
    """Note ``number``'s text, and the notes after it that the OCR ran into the same line ("… leden. 2
    Samenstelling: …"): a next number after a sentence's end whose marker stands before the note line."""
    texts = [text]
    while (following := number + len(texts)) in markers and markers[following] < index:
        split = re.search(rf"(?<=[.;)]) {following} (?=[A-Z])", texts[-1])
        if split is None:
            break
        texts[-1:] = [texts[-1][: split.start()], texts[-1][split.end() :]]
    return texts
