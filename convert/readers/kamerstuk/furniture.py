"""Page furniture: running footers, page numbers, the colophon and printer lines.

None of it is text of the paper, so it leaves the body; what it tells (the official identifier,
each print page's number) is kept. Rules, from the layout of the printed papers:

* the running footer names the chamber and the vergaderjaar (``Tweede Kamer, vergaderjaar
  2023–2024, Aanhangsel``; before 1990 ``zitting``); the page number follows it on its own line;
* a rijksoverheid.nl attachment prints ``Pagina 3 van 15`` instead;
* the first page's colophon is the official identifier (``kst-32545-143``), the ISSN of the series
  and ``’s-Gravenhage 2021``; in the 1990s one printer line (``312629F ISSN0921 7371 Sdu …``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from convert.readers.kamerstuk.lines import SourceLine

# "Tweede Kamer, zitting 1980-1981,NNNNN, nr. 24", as print and OCR give it: "Tweede Kamerzitting",
# "Éérste Kamer", years with a space inside ("1 989-1 990"), "nr, 221a", "nrs. 1-2", the letters of a
# paper without a number ("NN NNN VI, A"), "Aanhangsel" for written questions.
_FOOTER_HEAD = (
    r"(?P<head>(?:(?:Tweede|Eerste|Éérste|[TIl1]weede)\s*Kamer|Staten-Generaal)\s?[,.]?\s*"
    r"(?:vergaderjaar|zitting|Vergaderjaar|Zitting)"
    r"\s*[12](?: ?\d){3}(?:\s*[–—-]\s*[12](?: ?\d){3})?)"
)
_FOOTER_NAME = (
    r"(?:Aanhangsel(?:\s+(?:nr\.?\s*)?\d{1,5})?\.?"
    r"|(?P<dossier>\d[\d ]*\d|\d)(?P<extra>[^,]{0,30}(?:,\s*(?:hfdst|hoofdstuk)[^,]*)?)\s*[,.]?\s*"
    r"(?:[Nn]rs?\s?[.,]?\s*(?P<number>\d[\d ]*[a-z]?)|(?P<letter>[A-Z]{1,2}))\*?(?:\s*(?:en|-|t/m)\s*\w+)?\W{0,3})"
)
FOOTER = re.compile(r"^" + _FOOTER_HEAD + r"(?:\s*[,.]\s*" + _FOOTER_NAME + r")?\s*$")
# the same footer at the end of a line the OCR ran into it ("Van Dam Jansen Tweede Kamer, zitting …")
GLUED_FOOTER = re.compile(r"\s" + _FOOTER_HEAD + r"\s*[,.]\s*" + _FOOTER_NAME + r"\s*$")
# Before about 1975 the pages carry a running head and sheet marks instead:
# "Handelingen der Staten-Generaal. Bijlagen. 1945—1946." (whole, or split over lines), "Bijlagen." and
# its OCR misreadings ("Bijlage A.", "Byiagen.", "Belagen,"), the printer's sheet mark ("Vel 38.",
# "[64.", "1-2.]", "2 vel"), and the foot's mark of chamber, dossier and number ("II NNNN enz. 4").
# A part's own mark of dossier and number ("[133. 2.]") starts the part, and stays.
RUNNING_HEAD = re.compile(
    r"^(?:Handelingen der Staten[- ]?Generaal\.?(?:\s*Bijl\w{0,5}\.?)?(?:\s*\d{4}\s*[—–-]\s*\d{4}\.?)?"
    r"(?:\s*(?:Tweede|Eerste) Kamer\.?)?"
    r"|\d{4}\s*[—–-]\s*\d{4}\.(?:\s*(?:Tweede|Eerste) Kamer\.?)?"
    r"|[BRKW]\w{0,3}[lj1i!I]\w{0,2}a[gc]e?[nu]\w{0,2}[.,](?:\s+[A-F]\.)?"
    r"|Vel\s*\d{0,3}\.?|\d{1,3}\s+vel"
    r"|\[\S{1,5}\.|\d{1,3}\s*[—–-]\s*\d{1,3}\.?\]|\[\d{1,4}\.?\s*\d{1,3}\s*[—–-]\s*\d{1,3}\.?\]?"
    r"|(?:I|II|1|11)\s+\d{3,5}(?:\s+\S+){0,2}\s+\d{1,3}[a-z]?)$"
)
# "Zitting 1972-1973 -NN NNN", "ZITTING 1958—1959 — NNNN, NNNN": the session and the dossiers of the page
# (a session alone, "Zitting 1982-1983", is a header line and stays)
ZITTING_HEAD = re.compile(
    r"^(?:ZITTING|Zitting)\s+(?P<session>\d{4}\s*[—–-]\s*\d{4}|\d{4}(?=\s+[—–-]))"
    r"\s*[—–-]\s*(?P<dossiers>\d(?:[\d ,]|\(R ?\d+\))*)"
    r"(?:\s*(?:enz\.|[IVX]+[A-Z]?|[A-Z]))?,?\.?$"
)
# An older page's head or foot that names the house: "Tweede Kamer. 45", "Eerste Kamer 3", "TWEEDE KAMER",
# "Zitting 1973-1974 Aanhangsel" (a bare "Tweede Kamer" may be the first half of a split header, and stays)
RUNNING_CHAMBER = re.compile(
    r"^(?:(?P<house>Tweede|Eerste) Kamer(?:\.(?:\s*[\dil]{1,4}\.?)?|,?\s+\d{1,4}\.?)"
    r"|(?P<caps>TWEEDE|EERSTE) KAMER\.?"
    r"|(?:Zitting|ZITTING)\s+\d{4}\s*[—–-]\s*\d{4}\s+Aanhangsel\.?)$"
)
# On a paper's first lines only (elsewhere they may be a heading): "Bijlage A", "Bijlagen", "(jyiage A."
TOP_MARK = re.compile(
    r"^[(\[]?[BRKWIJ(]?\w{0,3}\s?[lj1i!I]?\w{0,2}a[gc]\w{0,3}[.,]?(?:\s+[A-Z]\.?)?$|^\w{0,3}\s?lagen\w{0,2}[.,]?$"
)
TOP_LINES = 3
# the signs a printer's line, running head or sheet mark can start with: other lines need no pattern tried
_MARK_STARTS = frozenset("HBRKWVIZ[0123456789'’s")
_SHORT = 200  # characters: running heads, sheet marks, printer's lines and running heads' dossier lists are shorter
_FOOT_LINES = 5  # lines: how far from a page's end its footer may stand
PAGE_OF = re.compile(r"^Pagina (\d{1,4}) van (\d{1,4})$")
PAGE_NUMBER = re.compile(r"^\d{1,4}$")
IDENTIFIER = re.compile(r"^((?:kst|ah-tk|ah-ek|h-tk|h-ek|stb|stcrt|trb|blg|gmb|prb|wsb)-[0-9A-Za-z-]+)$")
# The ISSN of the series, a 1990s printer line and the place of print, in one pattern: one search a line.
PRINT_LINE = re.compile(
    r"^(?:ISSN\s*\d{4}\s*[-–•]?\s*\d{3}[\dX]$"
    r"|(?:\d+\s?[A-Z]?\s+)?ISSN\s*\d{4}\s*[-–•]?\s*\d{3}[\dX]\b.{0,60}$"
    r"|[’']?\s?s[- ]?Gravenhage\s+[12](?: ?\d){3}$)"
)


class FooterName(NamedTuple):
    """The paper a running footer names: its first dossier's number as printed, and the paper number."""

    dossier: str
    number: str
    line: int


@dataclass
class Furniture:
    """The body lines without furniture, and what the furniture said."""

    lines: list[SourceLine]
    identifier: str | None = None
    page_labels: dict[int, str] = field(default_factory=dict)  # page index -> printed page number
    pages: int = 0
    footers: int = 0  # running footers seen: the text shows print pages
    names: list[FooterName] = field(default_factory=list)  # the dossier and number each footer prints
    running_heads: list[re.Match[str]] = field(default_factory=list)  # "Zitting 1972-1973 -NN NNN", in order
    chamber: str | None = None  # the house an older page's running head names ("Tweede Kamer. 45")
    removed: list[SourceLine] = field(default_factory=list)


def _printed_footers(lines: list[SourceLine]) -> set[str]:
    """What the whole-line footers say after their session (", NN NNN, nr. 109", ", Aanhangsel")."""
    return {_footer_name(match) for line in lines if _may_be_footer(line.text) and (match := FOOTER.match(line.text))}


def _may_be_footer(text: str) -> bool:
    """A footer names the chamber: a line without "Kamer" or "Generaal" needs no footer pattern tried."""
    return "Kamer" in text or "Generaal" in text


def _footer_name(match: re.Match[str]) -> str:
    return re.sub(r"\W", "", match.string[match.end("head") : match.end()]).lower()


def _page_ends(lines: list[SourceLine]) -> set[int]:
    """The last few lines with text of every print page: where a page's footer stands."""
    by_page: dict[int, list[int]] = {}
    for line in lines:
        if line.text:
            by_page.setdefault(line.page, []).append(line.number)
    return {number for numbers in by_page.values() for number in numbers[-_FOOT_LINES:]}


def _glued_footer(text: str, printed: set[str], at_page_end: bool) -> re.Match[str] | None:
    """A footer the OCR ran into the end of a line: the paper's own footer, as its whole-line footers print
    it, or (with none printed whole) one among a page's last lines; never one in brackets, which is a
    reference in the text."""
    match = GLUED_FOOTER.search(text) if _may_be_footer(text) else None
    if match is None or text[: match.start()].rstrip().endswith("("):
        return None
    return match if _footer_name(match) in printed or (at_page_end and not printed) else None


def strip_furniture(lines: list[SourceLine]) -> Furniture:
    """Drop furniture lines; remember the identifier and each page's printed number."""
    result = Furniture(lines=[])
    after_footer = False
    seen = 0  # lines with text so far
    printed = _printed_footers(lines)
    page_ends = _page_ends(lines)
    for line in lines:
        text = line.text
        if not text:
            continue
        seen += 1
        if seen <= TOP_LINES and TOP_MARK.match(text):
            result.removed.append(line)
            continue
        if _may_be_footer(text) and (
            (match := FOOTER.match(text)) or (match := _glued_footer(text, printed, line.number in page_ends))
        ):
            result.footers += 1
            result.removed.append(line)
            after_footer = True
            if match.group("dossier"):
                number = (match.group("number") or match.group("letter")).replace(" ", "")
                result.names.append(FooterName(" ".join(match.group("dossier").split()), number, line.number))
            if match.start() > 0:  # the words the OCR ran into the footer stay
                result.lines.append(line._replace(text=text[: match.start()]))
            continue
        if after_footer and PAGE_NUMBER.match(text):
            result.page_labels[line.page] = text
            result.removed.append(line)
            after_footer = False
            continue
        after_footer = False
        if match := PAGE_OF.match(text):
            result.footers += 1  # "Pagina 3 van 15" stands for a running footer
            result.page_labels[line.page] = match.group(1)
            result.removed.append(line)
            continue
        if match := IDENTIFIER.match(text):
            result.identifier = result.identifier or match.group(1)
            result.removed.append(line)
            continue
        marked = len(text) <= _SHORT and text[0] in _MARK_STARTS
        if marked and (PRINT_LINE.match(text) or RUNNING_HEAD.match(text)):
            result.removed.append(line)
            continue
        if marked and (match := ZITTING_HEAD.match(text)):
            result.running_heads.append(match)
            result.removed.append(line)
            continue
        if text[0] in "TEZ" and len(text) <= _SHORT and (match := RUNNING_CHAMBER.match(text)):
            result.chamber = result.chamber or match.group("house") or (match.group("caps") or "").capitalize() or None
            result.removed.append(line)
            continue
        result.lines.append(line)
    result.pages = max((line.page for line in result.lines), default=0)
    return result
