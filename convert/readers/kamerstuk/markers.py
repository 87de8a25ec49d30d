"""List numbers that pdf text set apart from the text they number ("1." on a line of its own).

A lone number right before its text goes back in front of it. Numbers that the pdf moved further
off, to the bottom of the page ("2." and "3." after the page's last line of text), go back only
on evidence that names their places: they continue a numbered item on the same page ("1. De
Gezondheidsraad adviseert …"), and between that item and them the page has exactly as many
unnumbered title lines as there are numbers: one line, capitalised, without a closing stop,
after a finished sentence and before running text. The numbers go to those lines in order.
Any other lone number is left out with a warning (KS050), for a person to place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from convert.diagnostics import Diagnostic
from convert.readers.kamerstuk.blocks import Para
from convert.readers.kamerstuk.inlines import page_sentinel
from convert.readers.kamerstuk.paragraphs import HEADING_LINE, LIST_START, ends_clause

_LONE_MARKER = re.compile(r"^(?:(?:\d{1,2}|[a-z])[.)]|[•▪●◦–])$")
_LONE_NUMBER = re.compile(r"^(?P<number>\d{1,2})(?P<stop>[.)])$")
_TITLE_WORDS = 14  # a title line is short: as the heading rule in ``blocks`` counts it


def reglue_markers(paras: list[Para], page_of: Mapping[int, int], diagnostics: list[Diagnostic]) -> list[Para]:
    """The paragraphs with each lone list number back in front of the text it numbers.

    ``page_of`` maps a source line number to its print page."""
    result: list[Para] = []
    orphans: list[tuple[int, Para]] = []  # (where it stood in ``result``, the number)
    index = 0
    lasts = sorted(p.last for p in paras)
    while index < len(paras):
        para = paras[index]
        following = paras[index + 1] if index + 1 < len(paras) else None
        if _LONE_MARKER.match(para.plain):
            if (
                following is not None
                and (following.plain[:1].isupper() or not para.plain[:1].isalnum())
                and not _LONE_MARKER.match(following.plain)
                and page_sentinel("") not in following.text[:1]
                and "\ue000" not in following.text[:1]
                # nothing else printed between the number and the text
                and bisect.bisect_right(lasts, following.first - 1) - bisect.bisect_right(lasts, para.last) == 0
            ):
                result.append(_numbered(para.plain, following))
                index += 2
                continue
            orphans.append((len(result), para))
            index += 1
            continue
        result.append(para)
        index += 1
    placed = _place_page_bottom_numbers(result, orphans, page_of)
    for _, para in orphans:
        if id(para) not in placed:
            diagnostics.append(
                Diagnostic("KS050", "warning", f"the list number {para.plain!r} stands apart from the text it "
                           "numbers (the pdf put it elsewhere on the page); it was left out", line=para.first)
            )  # fmt: skip
    return result


def _numbered(label: str, para: Para) -> Para:
    """``para`` with the list number ``label`` in front; its source lines start at the number's."""
    return Para(f"{label} {para.text.strip()}", para.first, para.last,
                [f"{label} {para.line_texts[0]}", *para.line_texts[1:]])  # fmt: skip


def _place_page_bottom_numbers(
    result: list[Para], orphans: list[tuple[int, Para]], page_of: Mapping[int, int]
) -> set[int]:
    """Number the title lines that a run of page-bottom numbers belongs to; the ids of those placed."""
    placed: set[int] = set()
    runs: list[list[tuple[int, Para]]] = []
    for orphan in orphans:
        if runs and runs[-1][-1][0] == orphan[0]:
            runs[-1].append(orphan)  # nothing was kept between them: one run
        else:
            runs.append([orphan])
    for run in runs:
        position = run[0][0]
        numbers = [_LONE_NUMBER.match(para.plain) for _, para in run]
        if not all(numbers):
            continue
        values = [int(m.group("number")) for m in numbers if m]
        stops = {m.group("stop") for m in numbers if m}
        if len(stops) != 1 or values != list(range(values[0], values[0] + len(values))):
            continue
        page = page_of.get(run[0][1].first)
        anchor = _anchor(result, position, f"{values[0] - 1}{stops.pop()}", page, page_of)
        if anchor is None:
            continue
        titles = [i for i in range(anchor + 1, position) if _is_title_line(result, i)]
        if len(titles) != len(run):
            continue
        for i, (_, para) in zip(titles, run, strict=True):
            result[i] = _numbered(para.plain, result[i])
            placed.add(id(para))
    return placed


def _anchor(result: list[Para], position: int, label: str, page: int | None, page_of: Mapping[int, int]) -> int | None:
    """The index of the item numbered ``label`` that the run continues, on the run's page; else None."""
    for index in range(position - 1, -1, -1):
        para = result[index]
        if page is None or page_of.get(para.first) != page or HEADING_LINE.match(para.plain):
            return None  # another page, or a Vraag or Artikel between: the list cannot go on
        if para.plain.startswith(label + " "):
            return index
    return None


def _is_title_line(result: list[Para], index: int) -> bool:
    """One short line, capitalised, without a closing stop, after a finished sentence and before running text."""
    para = result[index]
    plain = para.plain
    before = result[index - 1].plain if index > 0 else ""
    after = result[index + 1].plain if index + 1 < len(result) else ""
    return (
        len(para.line_texts) == 1
        and not para.rows
        and plain[:1].isupper()
        and plain[-1:] not in ".?!:;,"
        and len(plain.split()) <= _TITLE_WORDS
        and not LIST_START.match(plain)
        and not HEADING_LINE.match(plain)
        and ends_clause(before)
        and after[:1].isupper()
    )
