"""The paper's header (dossiers, number, kind, addressee, place and date) and its closing signature."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from convert.model import Dossier
from convert.readers.kamerstuk.lines import SourceLine
from convert.text import MONTHS_NL

MONTHS = {name: number for number, name in enumerate(MONTHS_NL, start=1)}
DATE = r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})"  # "11 maart 2024": day, month name, year
_DOSSIER = re.compile(r"^(\d{1,3}(?: \d{3})+(?:-\d+)?(?: [A-Z]{1,4})?(?: \(R ?\d+\))?)(?:\s+(\S.*))?$")
_NUMBER = re.compile(r"^Nrs?\.\s*(\d+[a-z]?|[A-Z]{1,2})\b(?: en \d+[a-z]?)?\s*(.*)$")
_CHAMBER = re.compile(r"^((?:Tweede|Eerste) Kamer der Staten-Generaal|Staten-Generaal)$")
_CHAMBER_START = re.compile(r"^(Tweede|Eerste)$")
_CHAMBER_NUMBER = re.compile(r"^(1|2|1/2)$")
_SESSION = re.compile(r"^(?:Vergaderjaar|Zitting) (\d{4}\s*[–-]\s*\d{4})(?:\s+(Nrs?\..*))?$")
_DATED = re.compile(r"^(Voorgesteld|Ontvangen|Vastgesteld)\s*" + DATE + r"$")
_CAPS_DATED = re.compile(r"^(.*?)\s+(Voorgesteld|Ontvangen|Vastgesteld)\s*" + DATE + r"$")
_ADDRESSEE = re.compile(r"^Aan (de|het|den) \S.*$")
_PLACE_DATE = re.compile(r"^([A-Z'’][\w'’ .-]*?), " + DATE + r"$")
_AANHANGSEL = re.compile(r"^Aanhangsel van de Handelingen$")
_AH_NUMBER = re.compile(r"^(\d{1,5})$")
_AH_KIND_START = re.compile(r"^Vragen gesteld door de leden der Kamer")


@dataclass
class Header:
    """What the header block says; filled line by line."""

    chamber: str | None = None
    session: str | None = None
    dossiers: list[Dossier] = field(default_factory=list)
    paper_number: str | None = None
    kind_caps: list[str] = field(default_factory=list)  # the title line in capitals, maybe wrapped
    kind_text: list[str] = field(default_factory=list)  # a kind in running text (Aanhangsel)
    aanhangsel: bool = False
    date: dt.date | None = None
    date_label: str | None = None
    addressee: str | None = None
    place: str | None = None
    consumed: int = 0  # how many of the given lines belong to the header
    unknown: list[SourceLine] = field(default_factory=list)  # lines inside the header not understood

    @property
    def recognised(self) -> bool:
        return bool((self.dossiers or self.aanhangsel) and self.paper_number)


def parse_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def read_header(lines: list[SourceLine]) -> Header:
    """Consume header lines from the top of the paper; stop at the first line of the body."""
    header = Header()
    state = "start"  # "dossier-title", "kind" (caps title), "ah-kind", "after-kind"
    pending_chamber = ""
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if pending_chamber and text == "Kamer der Staten-Generaal":
            header.chamber = f"{pending_chamber} {text}"  # OCR: "Tweede" / "Kamer der Staten-Generaal"
            pending_chamber = ""
        elif _CHAMBER.match(text) and state == "start":
            header.chamber = text
        elif _CHAMBER_START.match(text) and state == "start":
            pending_chamber = text
        elif _CHAMBER_NUMBER.match(text) and state == "start":
            pass  # the chamber's number printed in the margin
        elif (match := _SESSION.match(text)) and state == "start":
            header.session = re.sub(r"\s*[–-]\s*", "–", match.group(1))
            if match.group(2) and (number := _NUMBER.match(match.group(2))):
                header.paper_number = number.group(1)  # EK: "Vergaderjaar 1993-1994 Nr. 339d"
        elif _AANHANGSEL.match(text) and state == "start":
            header.aanhangsel = True
        elif header.aanhangsel and _AH_KIND_START.match(text) and not header.paper_number:
            header.kind_text.append(text)
            state = "ah-kind"
        elif header.aanhangsel and (match := _AH_NUMBER.match(text)) and not header.paper_number:
            header.paper_number = match.group(1)
            header.consumed = index + 1
            break
        elif state == "ah-kind" and text[:1].islower():
            header.kind_text.append(text)
        elif (
            (match := _DOSSIER.match(text))
            and state in ("start", "dossier-title")
            and (not header.paper_number or not header.dossiers)
        ):
            header.dossiers.append(Dossier(match.group(1), match.group(2) or ""))
            state = "dossier-title"
        elif (match := _NUMBER.match(text)) and not header.paper_number:
            header.paper_number = match.group(1)
            if match.group(2):
                _kind_line(header, match.group(2))
            state = "kind"
        elif match := _DATED.match(text):
            header.date_label = match.group(1)
            header.date = parse_date(*match.group(2, 3, 4))
            state = "after-kind"
        elif _ADDRESSEE.match(text) and header.paper_number:
            header.addressee = text
            state = "after-kind"
        elif (match := _PLACE_DATE.match(text)) and header.paper_number:
            header.place = match.group(1)
            header.date = parse_date(*match.group(2, 3, 4))
            header.consumed = index + 1
            break
        elif state == "dossier-title" and header.paper_number and _is_caps(text):
            _kind_line(header, text)  # EK: the number came with the vergaderjaar
            state = "kind"
        elif state == "dossier-title" and header.dossiers and not _is_caps(text):
            last = header.dossiers[-1]
            title = f"{last.title} {text}".strip()
            header.dossiers[-1] = Dossier(last.number, title)
        elif state == "kind" and _is_caps(_CAPS_DATED.sub(r"\1", text)):
            _kind_line(header, text)
        else:
            break
        header.consumed = index + 1
    return header


def _kind_line(header: Header, text: str) -> None:
    """A line of the title in capitals, maybe with "Ontvangen <date>" at its end (1990s amendments)."""
    if match := _CAPS_DATED.match(text):
        header.kind_caps.append(match.group(1))
        header.date_label = match.group(2)
        header.date = parse_date(*match.group(3, 4, 5))
    else:
        header.kind_caps.append(text)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def recase(caps: str, cased_words: Counter[str], inner_capitals: Counter[str] | None = None) -> str:
    """A title in capitals in the casing the document itself uses for each word.

    "BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID" becomes "Brief van de Minister van
    Justitie en Veiligheid": each word takes its most frequent casing elsewhere in the text,
    lower case when the text never writes it; the first word starts with a capital. A longer
    word that the text capitalises inside a sentence (``inner_capitals``: "van Justitie") is a
    name and keeps its capital.
    """
    words = caps.split()
    out: list[str] = []
    small = {"van", "de", "het", "der", "den", "en", "ter", "te", "in", "op", "over", "tot", "voor", "met", "die",
             "dat", "aan", "bij", "onder", "uit", "of", "een", "inzake", "naar", "om"}  # fmt: skip
    # each word's casings in the text, forms in capitals left out: one pass over the text's words
    casings: dict[str, list[tuple[int, str]]] = {}
    for form, count in cased_words.items():
        if not (form.isupper() and len(form) > 1):
            casings.setdefault(form.lower(), []).append((count, form))
    for position, word in enumerate(words):
        forms = casings.get(word.lower(), [])
        form = max(forms)[1] if forms else word.lower()
        if word.lower() in small:
            form = word.lower()  # function words: lower case inside a title
        capital = word[:1] + word[1:].lower()
        if inner_capitals and len(word) > 3 and inner_capitals[capital]:
            form = capital
        if word.isupper() and len(word) > 1 and not forms and position > 0 and len(word) <= 3 and "." not in word:
            form = word.lower()
        if position == 0:
            form = form[:1].upper() + form[1:]
        out.append(form)
    return " ".join(out)
