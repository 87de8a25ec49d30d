"""Which source lines make one paragraph: blank lines, line fill and the paper's fixed lines decide.

pdf text gives a text box per paragraph in kst papers, but every line its own box in some layouts
(the BNC-fiche) and several paragraphs in one box in others (Aanhangsel answers). So the rule is
the typesetter's: a line that ends a sentence while the next line's first word would still have
fitted on it ends a paragraph; a full line that does not end a clause goes on, even over a blank
line or a page break (a list item or a footnote that wraps). Lines that are structure by their form
(``Vraag 3``, ``– item``, ``constaterende dat``) always start a paragraph.

Text made from XML or OCR is not wrapped at all (one line per block); there every line is a block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from convert.readers.kamerstuk.lines import SourceLine
from convert.readers.kamerstuk.notes import RAISED_DIGITS

# Lines that are a block of their own: nothing joins them, before or after.
HEADING_LINE = re.compile(
    r"^(?:(?:Vraag|Antwoord)(?: \d+[a-z]?(?:(?:, | en | t/m |-)\d+[a-z]?)*)?"
    r"|Mededeling|Toelichting|(?:Artikel|ARTIKEL) [0-9IVXLC]+[a-z]*\.?|\[afbeelding[^\]]*\]"
    r"|[IVX]{1,5}|[A-Z])$"
)
# Lines that start a block by their form: list items, motion clauses, run-in headings.
BLOCK_START = re.compile(
    r"^(?:[–•▪●◦]|- |\d{1,2}[.)](?:\s|$)|§ ?\d|\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]"
    r"|[a-z][.)]\s|[ivx]{1,4}[.)]\s|\(\d{1,2}\)\s|\([a-z]\)\s"
    r"|De Kamer,$|gehoord de beraadslaging|constaterende,? dat|overwegende,? dat|(?:voorts )?van mening,? dat"
    r"|verzoekt (?:de|het)\b|spreekt (?:als haar mening )?uit|roept (?:de|het)\b|draagt (?:de|het)\b"
    r"|en gaat over tot de orde van de dag|Toelichting\b|De ondergetekenden? stel)"
)
LIST_START = re.compile(r"^(?:[–•▪●◦]|- |\d{1,2}[.)](?:\s|$)|[a-z][.)]\s|[ivx]{1,4}[.)]\s|\(\d{1,2}\)\s|\([a-z]\)\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:nr|nrs|art|artt|blz|jl|resp|vgl|bijv|ca|zgn|incl|excl|p|pp|lid|sub)\.|\b(?:[a-zA-Z]\.){2,})$"
)
_TRAILING_MARKER = re.compile(r"(?<=[^\W\d_]|[.,;:?!»”’)])\d{1,3}$")
_TERMINAL = ".?!:;"
LONE_MARKER = re.compile(r"^(?:(?:\d{1,2}|[a-z])[.)]|[•▪●◦–])$")
# Between cells: two or more white-space characters, or a tab (``\s{2,}|\t``, written to start with
# the white space, so that a search skips to it: a third of the time on long papers).
CELL_GAP = re.compile(r"\s(?:\s+|(?<=\t))")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S*$", re.IGNORECASE)
UNWRAPPED_WIDTH = 130  # a text whose long lines are longer than this was never wrapped


@dataclass
class RawParagraph:
    """Lines of one paragraph, with the print pages that start inside it."""

    lines: list[SourceLine]
    page_starts: dict[int, str] = field(default_factory=dict)  # line index -> page label
    table: bool = False  # the lines are the rows of a table, cells set apart by runs of spaces

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number


def typical_width(lines: list[SourceLine]) -> int:
    """The length of a full line: a high quantile of line lengths (a few long lines are notes)."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def ends_clause(text: str) -> bool:
    """The line ends a sentence or clause (a note marker after the punctuation does not count).

    The patterns look at the end of the line only, so they run only when its last character can
    be part of what they match (a digit, a full stop): most lines cost no search over the line."""
    text = text.rstrip()
    if text[-1:].isdecimal():
        text = _TRAILING_MARKER.sub("", text)
    elif text[-1:] in RAISED_DIGITS:  # a raised note number (PDF source): a marker, whatever it follows
        text = text.rstrip(RAISED_DIGITS)
    text = text.rstrip("»”’\"')]")
    if not text or (text[-1] == "." and _ABBREVIATION.search(text)):
        return False
    return text[-1] in _TERMINAL


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def is_full(previous: str, following: str, width: int, slack: float = 0.92) -> bool:
    """The next line's first word would not have fitted at the end of ``previous``.

    Characters are not all equally wide, so a line counts as full a little before the typical
    width (``slack``); a line that ends without a stop before a capital needs the whole width.
    """
    return len(previous) + 1 + len(_first_word(following)) > width * slack


def continues(
    previous: SourceLine,
    line: SourceLine,
    width: int,
    in_item: bool = False,
    alone: bool = False,
    starts_sentence: Callable[[str], bool] | None = None,
) -> bool:
    """Does ``line`` go on with the paragraph that ``previous`` is in?

    ``in_item``: that paragraph is a list item; ``alone``: that paragraph could be a title so far
    (a capital, one line, or two with the second short);
    ``starts_sentence``: whether a capitalised word is a sentence start (not a name) in this text.
    """
    a, b = previous.text, line.text
    if HEADING_LINE.match(a) or HEADING_LINE.match(b) or line.indented:
        return False
    # a list marker inside a box after an open clause is a dash in running text ("Sport / – Jeugd")
    in_text = bool(LIST_START.match(b)) and not (line.gap or ends_clause(a) or in_item or line.page != previous.page)
    if BLOCK_START.match(b) and not in_text:
        return False
    if _URL_LINE.match(a) and _URL_LINE.match(b) and not a.endswith(("/", "_", "-", "=", "?", "&")):
        return False  # a list of links, one a line
    if a.endswith("-"):
        return True
    if alone and starts_sentence and not ends_clause(a) and len(a.split()) <= 15 and starts_sentence(_first_word(b)):
        return False  # a title line: no stop, and the next line starts a sentence
    if in_item and ends_clause(a) and b[:1].isupper():
        return False  # a list item ends with its sentence; running text follows the list
    if not (line.gap or line.page != previous.page):
        return is_full(a, b, width) or not ends_clause(a)
    if ends_clause(a):
        return False
    return is_full(a, b, width) or (b[:1].islower() and len(a) > width * 0.6)


def paragraphs(
    lines: list[SourceLine], page_labels: dict[int, str], starts_sentence: Callable[[str], bool] | None = None
) -> list[RawParagraph]:
    """Group body lines into paragraphs; remember where each print page starts."""
    width = typical_width(lines)
    unwrapped = width > UNWRAPPED_WIDTH
    tables = table_runs(lines)
    result: list[RawParagraph] = []
    current: RawParagraph | None = None  # the paragraph a line may continue (never a lone list number)
    seen_page = 0
    for line in lines:
        if not line.text:
            continue
        label = page_labels.get(line.page, str(line.page)) if line.page != seen_page else None
        seen_page = line.page
        if line.number in tables:
            if not (
                current is not None and current.table and tables.get(current.lines[-1].number) == tables[line.number]
            ):
                current = RawParagraph([], table=True)
                result.append(current)
            target = current
        elif LONE_MARKER.match(line.text) and not unwrapped:
            # pdf text may put a list number in a box of its own, even at the page bottom: it
            # interrupts nothing, so the paragraph before it can go on after it
            target = RawParagraph([])
            result.append(target)
        else:
            if current is not None and current.table:
                current = None  # a table ends where its rows end
            in_item = current is not None and bool(LIST_START.match(current.lines[0].text))
            # a title may wrap once: then its last line ends short
            alone = (
                current is not None and len(current.lines) <= 2  # first: most paragraphs are longer
                and LIST_START.sub("", current.lines[0].text).lstrip()[:1].isupper()
                and (len(current.lines) == 1 or (not ends_clause(current.lines[0].text)
                                                 and not is_full(current.lines[1].text, line.text, width)))
            )  # fmt: skip
            if (
                current is not None
                and not unwrapped
                and continues(current.lines[-1], line, width, in_item, alone, starts_sentence)
            ):
                target = current
            else:
                target = RawParagraph([])
                result.append(target)
            current = target
        if label is not None:
            target.page_starts[len(target.lines)] = label
        target.lines.append(line)
    return result


def cells(text: str) -> list[str]:
    return [cell for cell in CELL_GAP.split(text.strip()) if cell]


def table_runs(lines: list[SourceLine], minimum: int = 3) -> dict[int, int]:
    """Line number -> run id for runs of at least ``minimum`` adjacent lines (same box, same page)
    that each split into the same number (two or more) of cells at runs of spaces: a table whose
    layout the text kept. Anything less regular stays text."""
    runs: dict[int, int] = {}
    run: list[SourceLine] = []

    def close() -> None:
        if len(run) >= minimum:
            for member in run:
                runs[member.number] = run[0].number
        run.clear()

    run_cells = 0  # the cells of each line of ``run``
    for line in lines:
        if not line.text:
            continue
        # a cell gap inside the stripped text splits it into two or more cells: most lines have none
        stripped = line.text.strip()
        count = len(cells(stripped)) if CELL_GAP.search(stripped) else 1
        fits = count >= 2
        if run and (not fits or line.gap or line.page != run[-1].page or count != run_cells):
            close()
        if fits:
            run.append(line)
            run_cells = count
    close()
    return runs
