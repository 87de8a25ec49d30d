"""The paper's header (dossiers, number, kind, addressee, place and date) and its closing signature."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from convert.model import Dossier, Signatory
from convert.readers.kamerstuk.lines import SourceLine

MONTHS = {
    name: number
    for number, name in enumerate(
        ("januari", "februari", "maart", "april", "mei", "juni", "juli",
         "augustus", "september", "oktober", "november", "december"), start=1)
}  # fmt: skip
_DATE = r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})"
_DOSSIER = re.compile(r"^(\d{1,3}(?: \d{3})+(?:-\d+)?(?: [A-Z]{1,2})?(?: \(R ?\d+\))?)(?:\s+(\S.*))?$")
_NUMBER = re.compile(r"^Nr\.\s*(\d+[a-z]?|[A-Z]{1,2})\b\s*(.*)$")
_CHAMBER = re.compile(r"^(Tweede|Eerste) Kamer der Staten-Generaal$")
_CHAMBER_NUMBER = re.compile(r"^(1|2|1/2)$")
_SESSION = re.compile(r"^Vergaderjaar (\d{4}\s*[–-]\s*\d{4})$")
_DATED = re.compile(r"^(Voorgesteld|Ontvangen|Vastgesteld)\s*" + _DATE + r"$")
_ADDRESSEE = re.compile(r"^Aan (de|het|den) \S.*$")
_PLACE_DATE = re.compile(r"^([A-Z'’][\w'’ .-]*?), " + _DATE + r"$")
_FUNCTION = re.compile(r"^(De|Het) \S.*,$")


@dataclass
class Header:
    """What the header block says; filled line by line."""

    chamber: str | None = None
    session: str | None = None
    dossiers: list[Dossier] = field(default_factory=list)
    paper_number: str | None = None
    kind_caps: list[str] = field(default_factory=list)  # the title line in capitals, maybe wrapped
    date: dt.date | None = None
    date_label: str | None = None
    addressee: str | None = None
    place: str | None = None
    consumed: int = 0  # how many of the given lines belong to the header

    @property
    def recognised(self) -> bool:
        return bool(self.dossiers and self.paper_number)


def parse_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def read_header(lines: list[SourceLine]) -> Header:
    """Consume header lines from the top of the paper; stop at the first line of the body."""
    header = Header()
    state = "start"  # "dossier-title": a dossier's title may follow on its own lines; "kind": caps title
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if _CHAMBER.match(text):
            header.chamber = text
        elif _CHAMBER_NUMBER.match(text) and state == "start":
            pass  # the chamber's number printed in the margin
        elif match := _SESSION.match(text):
            header.session = re.sub(r"\s*[–-]\s*", "–", match.group(1))
        elif (match := _DOSSIER.match(text)) and not header.paper_number:
            header.dossiers.append(Dossier(match.group(1), match.group(2) or ""))
            state = "dossier-title"
        elif match := _NUMBER.match(text):
            header.paper_number = match.group(1)
            if match.group(2):
                header.kind_caps.append(match.group(2))
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
        elif state == "dossier-title" and header.dossiers and not _is_caps(text):
            last = header.dossiers[-1]
            title = f"{last.title} {text}".strip()
            header.dossiers[-1] = Dossier(last.number, title)
        elif state == "kind" and _is_caps(text):
            header.kind_caps.append(text)
        else:
            break
        header.consumed = index + 1
    return header


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def recase(caps: str, cased_words: Counter[str]) -> str:
    """A title in capitals in the casing the document itself uses for each word.

    "BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID" becomes "Brief van de Minister van
    Justitie en Veiligheid": each word takes its most frequent casing elsewhere in the text,
    lower case when the text never writes it; the first word starts with a capital.
    """
    words = caps.split()
    out: list[str] = []
    for position, word in enumerate(words):
        forms = [(count, form) for form, count in cased_words.items() if form.lower() == word.lower() and not
                 (form.isupper() and len(form) > 1)]  # fmt: skip
        form = max(forms)[1] if forms else word.lower()
        if word.isupper() and len(word) > 1 and not forms and position > 0 and len(word) <= 3 and "." not in word:
            form = word.lower()
        if position == 0:
            form = form[:1].upper() + form[1:]
        out.append(form)
    return " ".join(out)


def read_closing(lines: list[SourceLine]) -> list[Signatory] | None:
    """Signatories from the last lines of a letter: ``De Minister van …,`` then the name."""
    signatories: list[Signatory] = []
    index = 0
    while index < len(lines):
        function = lines[index].text
        if not _FUNCTION.match(function) or index + 1 >= len(lines):
            return None
        name = lines[index + 1].text
        if not name or name.endswith(",") or len(name.split()) > 6:
            return None
        signatories.append(Signatory(name=name, function=function.rstrip(",").strip()))
        index += 2
    return signatories or None
