"""Headers of papers printed before about 1975, and the minutes of a sitting, as the archive's OCR gives them.

An older paper prints no "Nr." header. Its first lines are (after the running head and sheet marks,
which are furniture) the dossier number, the dossier's title, the dossier and paper number together
("142. 1.", "2147 1", "(208. 1.)") and the kind line in capitals ("KONINKLIJKE BOODSCHAP.",
"MEMORIE VAN TOELICHTING"); from about 1950 the running head names the session and dossier
("Zitting 1972-1973 -NN NNN") and the number follows the kind line ("VERSLAG Nr. 4", or "No. 1"
on the next line). The chamber is printed as "Tweede Kamer." beside them.

Minutes of a sitting ("17de VERGADERING. — 28 JANUARI 1889", "ZITTING VAN DINSDAG 18 SEPTEMBER")
are no paper: their title is the sitting and their date its day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from convert.model import Dossier
from convert.readers.kamerstuk.front import Header, is_caps
from convert.readers.kamerstuk.furniture import Furniture
from convert.readers.kamerstuk.lines import SourceLine

TITLE_LIMIT = 150  # characters: a longer first line of an unrecognised text is no title, only its start is
_SCANNED = 25  # the header is among a paper's first lines
_TITLE_REST = 200  # characters of running text after a kind line that a title may carry
_LONG = 250  # characters: a longer line is running text, so the header has ended (or was never printed)
_DOSSIER_AND_NUMBER = re.compile(
    r"^[(\[]?(?P<dossier>\d{1,5}(?: \d{3})?)\s?[.,]?\s+(?P<number>\d{1,3}[a-z]?)(?:\s*[-—–]\s*\d{1,3})?\s?[.,]?[)\]]?"
    r"(?:\s+(?P<rest>[A-Z(].*))?$"
)
_DOSSIER_AND_KIND = re.compile(r"^[(\[]?(?P<dossier>\d{1,5})\.?[)\]]?\s+(?P<rest>[A-Z]{2}.*)$")
_SESSION = re.compile(r"^(?:ZITTING|Zitting)\s+(\d{4})\s*[—–-]\s*(\d{4})\.?$")
_NUMBER_RANGE = re.compile(r"^[\[(]?(?P<number>\d{1,3})\s*[-—–]\s*\d{1,3}\.?[)\]]?$")  # papers printed together
_LONE_DOSSIER = re.compile(r"^(?P<dossier>\d{2,5}(?: \d{3})?)\.?(?:\s+(?P<note>\([^)]*\)))?$")
_DOSSIER_LIST = re.compile(r"^\d{3,5}(?:,?\s*(?:\d{3,5}|\(R ?\d+\)))*,?$")  # a running head's list goes on
# the dossier's title and the kind line on one line: "Voorschriften … diergeneeskunst VERSLAG No. 9"
_KIND_AT_END = re.compile(r"(?<=[a-z,.)]) (?P<kind>[A-Z][A-Z ]{3,}\s(?:Nr|No|NR)\.?\s*\d{1,3}[a-z]?)$")
_NUMBER = re.compile(r"^(?:Nrs?|No|N°|NO)\s?[.,]?\s*(?P<number>\d{1,3}[a-z]?)\.?$")
_NUMBER_AT_END = re.compile(r"\s+(?:Nrs?|No|N°)\s?[.,]?\s*(?P<number>\d{1,3}[a-z]?)\.?$")
_CHAMBER = re.compile(r"^(?P<house>Tweede|Eerste|TWEEDE|EERSTE)\s+(?:Kamer|KAMER)\b\W{0,3}(?:\d{1,4}|[il1])?\.?$")
# words in capitals, one space apart (one way only to split them, so a failing match never backtracks far)
_CAPS_WORDS = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’.,-]*(?:\s[A-ZÀ-Ý][A-ZÀ-Ý'’.,-]*)*(?=\s|$)")
_NOISE = re.compile(r"^\W*\w{0,2}\W*$|^[\[(]?\d{1,4}[.\])]*$|^[IVXLC]+\.$")
_ADDRESSEE = re.compile(r"^Aan (?:de|den|het|Zijne|Hare) [^.]{3,80}\.?$")
_ADDRESSEE_REST = re.compile(r"^(?:Kamer der )?Staten\W{0,2}G\w{6,7}\.?$")  # "… der" / "Staten-Generaal."
_ADDRESSEE_LINES = 3
_KIND_WORD = re.compile(
    r"^(?:KONINKLIJKE|ONTWERP|MEMORIE|NOTA|VOORLOOPIG|VOORLOPIG|VERSLAG|EINDVERSLAG|AMENDEMENT|BRIEF|MOTIE|ADVIES|RAPPORT"
    r"|NADER|GEWIJZIGD|ADRES|VERZOEKSCHRIFT|STAAT|OVERZICHT|LIJST|BIJLAGE|WETSONTWERP)\b"
)
_AHEAD = 6  # lines: how far a kind line may follow the dossier's title in capitals
_SITTING = re.compile(
    r"^(?:\d{1,3}\s?(?:ste|de|e|sle|STE|DE|E)\.?\s+(?:VERGADERING|ZITTING)\b"
    r"|(?:VERGADERING|ZITTING) VAN (?:DEN\s+)?(?:MAANDAG|DINSDAG|DINGSDAG|WOENSDAG|DONDERDAG|VRIJDAG|ZATERDAG|ZATURDAG"
    r"|ZONDAG|\d))"
)
_SITTING_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,})\.?\s+(1[89]\d\d)")
_DATED = re.compile(
    r"\(?(?P<label>Ingezonden|Voorgesteld|Ontvangen|Vastgesteld)\s+(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,})\s+(?P<year>1[89]\d\d)\.?\)?\.?$"
)
_MONTH_STARTS = ("jan", "feb", "maa", "apr", "mei", "jun", "jul", "aug", "sep", "o", "nov", "dec")


def read_older_header(
    lines: list[SourceLine], running_dossier: str | None, session: str | None, house: str | None = None
) -> Header:
    """The header of an older paper: dossier, number and kind line, from its first lines.

    ``running_dossier``, ``session`` and ``house`` come from the running head, which furniture took off."""
    header = Header(session=session, chamber=f"{house.capitalize()} Kamer der Staten-Generaal" if house else None)
    if running_dossier:
        header.dossiers.append(Dossier(running_dossier, ""))
    titles: list[str] = []
    for index, line in enumerate(lines[:_SCANNED]):
        text = line.text
        if len(text) > _LONG and not header.kind_caps:
            break
        if (match := _SESSION.match(text)) and not header.kind_caps:
            header.session = "–".join(match.groups())
        elif (match := _CHAMBER.match(text)) and not header.kind_caps:
            header.chamber = ("Eerste" if match.group("house")[0] in "Ee" else "Tweede") + " Kamer der Staten-Generaal"
        elif (match := _DOSSIER_AND_NUMBER.match(text)) and not header.paper_number:
            _set_dossier(header, match.group("dossier"))
            header.paper_number = match.group("number")
            rest = match.group("rest")
            if rest and _kind_of(rest):
                header.consumed = index + _take_kind(header, rest)
                break
        elif (match := _DOSSIER_AND_KIND.match(text)) and not header.kind_caps and _kind_of(match.group("rest")):
            _set_dossier(header, match.group("dossier"))  # "56. VOORLOOPIG VERSLAG …": no paper number
            header.consumed = index + _take_kind(header, match.group("rest"))
            break
        elif (match := _LONE_DOSSIER.match(text)) and not header.paper_number and not header.kind_caps:
            _set_dossier(header, match.group("dossier"))
            if match.group("note"):
                titles.append(match.group("note"))  # "889 (Zitting 1948-1949)": kept with the title
        elif (match := _NUMBER_RANGE.match(text)) and header.dossiers and not header.paper_number:
            header.paper_number = match.group("number")  # "301." / "2-3.": the paper's first number
        elif (match := _NUMBER.match(text)) and header.dossiers and not header.paper_number:
            header.paper_number = match.group("number")  # "KONINKLIJKE BOODSCHAP" / "No. 1"
            if header.kind_caps:
                header.consumed = index + 1
                break
        elif header.kind_caps:
            break  # the kind line came with no number after it
        elif len(text) <= _LONG and (match := _KIND_AT_END.search(text)) and header.dossiers:
            titles.append(text[: match.start()])
            header.consumed = index + _take_kind(header, match.group("kind"))
            break
        elif _DOSSIER_LIST.match(text) and header.dossiers:
            pass  # the rest of the running head's dossiers
        elif _kind_of(text) and header.dossiers and not _kind_ahead(lines, index):
            header.consumed = index + _take_kind(header, text)
            if header.paper_number or header.consumed == index:
                break
            continue
        elif _NOISE.match(text):
            pass  # a page number, a speck, a section mark in the margin
        elif is_caps(text) and not header.dossiers:
            titles.append(text)  # a heading in capitals above the dossier number ("HOOFDSTUK A.")
        elif header.dossiers and not header.kind_caps:
            titles.append(text)  # the dossier's title, before the kind line
        else:
            break
        header.consumed = index + 1
    if header.dossiers and titles:
        first = header.dossiers[0]
        header.dossiers[0] = Dossier(first.number, " ".join([first.title, *titles]).strip())
    if header.kind_caps:
        _read_addressee(header, lines)
    return header if header.recognised else Header()


def _read_addressee(header: Header, lines: list[SourceLine]) -> None:
    """The addressee under the kind line ("Aan de Tweede Kamer der" / "Staten-Generaal."), maybe split."""
    parts: list[str] = []
    for line in lines[header.consumed : header.consumed + _ADDRESSEE_LINES]:
        if _ADDRESSEE.match(line.text) or (parts and _ADDRESSEE_REST.match(line.text)):
            parts.append(line.text)
        else:
            break
    if parts:
        header.addressee = " ".join(parts).rstrip(".")
        header.consumed += len(parts)


def _kind_ahead(lines: list[SourceLine], index: int) -> bool:
    """A line in capitals that is no kind line while one follows it: part of the dossier's title in capitals
    ("VASTSTELLING VAN DE BEGROTING VAN" … "ONTWERP VAN WET")."""
    if _KIND_WORD.match(lines[index].text):
        return False
    return any(_KIND_WORD.match(line.text) for line in lines[index + 1 : index + _AHEAD])


def _set_dossier(header: Header, number: str) -> None:
    if not any(d.number == number for d in header.dossiers):
        header.dossiers.insert(0, Dossier(number, ""))


def _kind_of(text: str) -> str | None:
    """The words in capitals a kind line opens with ("VOORLOPIG VERSLAG … over het ontwerp"), if it is one."""
    match = _CAPS_WORDS.match(text)
    if not match:
        return None
    caps = match.group(0).strip(" ,")
    letters = sum(c.isalpha() for c in caps)
    if letters < 4 or len(caps.split()) < 1 or _CHAMBER.match(caps):
        return None
    if len(caps.split()) == 1 and letters < 4:
        return None
    return caps


def _take_kind(header: Header, text: str) -> int:
    """The kind line: the title in capitals, maybe with its number at the end ("VERSLAG Nr. 4") or going on
    in running text ("… over het ontwerp van wet"). Returns 1 when the line is taken whole, 0 when its
    running text is too long for a title and stays in the body."""
    if (match := _NUMBER_AT_END.search(text)) and not header.paper_number:
        header.paper_number = match.group("number")
        text = text[: match.start()]
    caps = _kind_of(text) or text
    rest = text[len(caps) :].strip() if text.startswith(caps) else ""
    caps = caps.rstrip(" ,")
    if caps.endswith(".") and len(caps.split()[-1]) > 3:
        caps = caps[:-1]  # "KONINKLIJKE BOODSCHAP." but "… C. S."
    header.kind_caps.append(caps)
    if (match := _DATED.search(rest)) and (date := _date(*match.group("day", "month", "year"))):
        header.date_label = match.group("label").capitalize()
        header.date = date
        rest = rest[: match.start()].strip()  # a date that cannot be read stays in the title
    if len(rest) > _TITLE_REST:
        return 0
    header.title_rest = rest
    return 1


class Sitting(NamedTuple):
    """Minutes of a sitting: which of the lines names it, and its day when printed."""

    position: int
    line: SourceLine
    date: dt.date | None


def read_sitting(lines: list[SourceLine]) -> Sitting | None:
    """The line naming the sitting, among the first lines of minutes, and the sitting's date."""
    for index, line in enumerate(lines[:10]):
        if _SITTING.match(line.text):
            return Sitting(index, line, _sitting_date(lines[index : index + 4]))
    return None


def _sitting_date(lines: list[SourceLine]) -> dt.date | None:
    for line in lines:
        if match := _SITTING_DATE.search(line.text):
            return _date(*match.groups())
    return None


def _date(day: str, month: str, year: str) -> dt.date | None:
    """A date as older papers print it: "28 JANUARI 1889", "3 December 1931", "1 Apiil 1927" (OCR)."""
    number = next((n for n, start in enumerate(_MONTH_STARTS, 1) if month.lower().startswith(start)), 0)
    try:
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def running_head(furniture: Furniture) -> tuple[str | None, str | None, str | None]:
    """The first dossier, the session ("Zitting 1972-1973 -NN NNN") and the house ("Tweede Kamer. 45") that
    the running heads print."""
    if not furniture.running_heads:
        return None, None, furniture.chamber
    head = furniture.running_heads[0]
    session = re.sub(r"\s*[—–-]\s*", "–", head.group("session"))
    first = re.sub(r"\s*\(R ?\d+\)", "", head.group("dossiers").split(",")[0]).strip()
    return first or None, session, furniture.chamber


# A line that cannot name a text: a page or sheet number, a bare chamber, a speck of print.
_NO_TITLE = re.compile(
    r"^(?:\W*\w{0,2}\W*|[\[(]?\d{1,4}[.\])]*|[IVXLC]+\.?|[\[(]?\d{1,4}[.,]?\s*\d{1,3}(?:\s*[-—–]\s*\d{1,3})?[.\])]*"
    r"|[\[(]?\d{1,3}\s*[-—–]\s*\d{1,3}[.\])]*"
    r"|(?:(?:Tweede|Eerste|TWEEDE|EERSTE)(?:\s+(?:Kamer|KAMER))?(?:\s+(?:der|DER)(?:\s+Staten\W?Generaal|\s+STATEN\W?GENERAAL)?)?"
    r"|Staten\W?Generaal|STATEN\W?GENERAAL)\W{0,3}\w{0,2}\.?"
    r"|(?:ZITTING|Zitting|Vergaderjaar)\s+\d{4}\s*[—–-]\s*\d{4}.*)$"
)


def find_title_line(lines: list[SourceLine]) -> int | None:
    """Of a text with no header, the first line that can name it: not a page or sheet number, a bare
    chamber name or a session (None when the first lines hold nothing else)."""
    return next((index for index, line in enumerate(lines[:12]) if not _NO_TITLE.match(line.text)), None)
