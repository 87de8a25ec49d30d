"""The paper's header (dossiers, number, kind, addressee, place and date) and its closing signature."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from convert.diagnostics import Diagnostic
from convert.model import Dossier
from convert.readers.kamerstuk.furniture import FooterName
from convert.readers.kamerstuk.lines import SourceLine
from convert.text import MONTHS_NL

MONTHS = {name: number for number, name in enumerate(MONTHS_NL, start=1)}
DATE = r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})"  # "11 maart 2024": day, month name, year
# A month as the OCR of the archive gives it: day and month may run together ("15juli 1994").
OCR_DATE = r"(\d{1,2}) ?(" + "|".join(MONTHS) + r"),? (\d{4})"
# "NN NNN-NN", "NNNNN", "NN NNN hoofdstuk XVI", "NN NNN, hfdst. XIII", "NN NNN V", "NN NNN (R NNNN)", "NNNNN enz."
_DOSSIER_NUMBER = (
    r"(?:\d{1,3}(?: [\dO]{3})+|\d{4,6})(?:-\d+)?"
    r"(?:,? (?:hoofdstuk|[Hh]fdst\.?) ?[IVXLC]+[A-Z]?\b| [IVXLC]+(?: ?[A-Z])?\b| [A-Z]{1,2}\b|-[IVXLC]+\b|-?[A-Z]\b)?"
    r"(?: ?[({]R ?\d+\))?(?: enz\.)?"
)
_DOSSIER = re.compile(r"^(" + _DOSSIER_NUMBER + r")(?:\s+(\S.*))?$")
_DOSSIER_LIST = re.compile(r"^" + _DOSSIER_NUMBER + r"(?:\s*,\s*" + _DOSSIER_NUMBER + r")+,?$")
_OTHER_CHAMBER = re.compile(r"^\((?:Tweede|Eerste) Kamer\)$")
_NUMBER = re.compile(
    r"^(?:Nr|NR|IMr|Nt|No)s?\s?[.,]?\s*(\d+ ?[a-z]?|[A-Z]{1,2})\*?(?![\w.])(?:\s*(?:en|-|t/m)\s*\d+[a-z]?)?\s*(.*)$"
)
_HOUSE = r"(?P<house>[TtIl1]weede|TWEEDE|Eerste|EERSTE|[ÉE]érste)"
# "Generaal" as the OCR reads it: "Generaai", "Gerteraal", "üeneraal", "G ENER AAL"
_GENERAAL = r"[A-Za-zü](?: ?[a-zA-Z]){6,8}"
_STATEN_GENERAAL = r"S ?t ?a ?t ?e ?n\W{0,3}" + _GENERAAL
_CHAMBER = re.compile(r"^(?:" + _HOUSE + r"\s+Kamer\s+der\s+)?" + _STATEN_GENERAAL + r"\W{0,2}$", re.IGNORECASE)
_CHAMBER_START = re.compile(r"^" + _HOUSE + r"(?:\s+Kamer(?:\s+der(?:\s+Staten)?)?)?$")
_CHAMBER_REST = re.compile(
    r"^(?:Kamer\s+der\s+)?" + _STATEN_GENERAAL + r"\W{0,2}$|^Kamer(?:\s+der)?$|^G\w{6,7}$", re.IGNORECASE
)
_CHAMBER_NUMBER = re.compile(r"^(1|2|1 ?/ ?2)$")
_SESSION = re.compile(
    r"^(?:Vergaderjaar|Zitting|VERGADERJAAR|ZITTING)\s*([12] ?\d ?\d ?\d)\s*[–—-]\s*([12] ?\d ?\d ?\d)"
    r"\s*(?:\s(Nrs?\..*))?$"
)
_DATED = re.compile(r"^\(?(Voorgesteld|Ontvangen|Vastgesteld|Ingezonden)\s*" + OCR_DATE + r"\)?\.?$")
_CAPS_DATED = re.compile(r"^(.*?)\s+(Voorgesteld|Ontvangen|Vastgesteld)?,?\s*" + OCR_DATE + r"$")
_ADDRESSEE = re.compile(r"^Aan (de|het|den|Hare|Zijne) \S.*$")
_PLACE_DATE = re.compile(r"^([A-Z'’][\w'’ .-]{0,40}?)[,.] " + OCR_DATE + r"\.?$")
_LONE_APOSTROPHE = re.compile(r"^[’'`]$")  # OCR: "'" / "s-Gravenhage, …" split over two lines
# "Aanhangsel van de Handelingen"; before 1975 "Aanhangsel tot het Verslag van de Handelingen der Tweede Kamer"
_AANHANGSEL = re.compile(
    r"^Aanhangsel (?:van de|\S{2,4} \S{2,4} \S{5,8} van de) Hand\S{5,8}(?: der (?:Tweede|Eerste) Kamer)?\.?$"
)
# the paper's number, alone or glued to the question ("487. VRAGEN van de heer …")
_AH_NUMBER = re.compile(
    r"^[^\w\s]?\s?(\d{1,5})(?:\s*(?:t/m|-)\s*\d{1,5})?[.>•]?(?:\s+Herdruk\d?)?"
    r"(?:\s+((?:Vragen|VRAGEN|VRAAG|Vraag) van .*))?$"
)
_AH_PAGE = re.compile(r"^['’]?\s?\d{1,5}\.?$")
_AH_KIND_START = re.compile(
    r"^(?:Vragen|VRAGEN),? (?:gesteld )?door (?:de )?\S{4,6} (?:der|van de) \S{4,7}\b|^Schriftelijk beantwoorde vragen$"
)
_MARKER_END = re.compile(r"(?<=[A-Z])(?:\d{1,2}|\s?['’*])$")  # a note marker glued to a title in capitals
_MARKER_INSIDE = re.compile(r"(?<=[A-Z]{2})(\d{1,2}|['’])(?= [A-Z])")  # "VERSLAG OVER HET ADRES' VAN …"
_BARE_DATE = re.compile(r"^" + OCR_DATE + r"\.?$")
# the words a kind line in capitals starts with, for a header that prints no "Nr." before it
_KIND_START = re.compile(
    r"^(?:BRIEF|MEMORIE|NOTA|VERSLAG|EINDVERSLAG|VOORLOPIG|MOTIE|AMENDEMENT|GEWIJZIGD|VOORSTEL|ONTWERP|KONINKLIJKE|"
    r"ADVIES|NADER|RAPPORT|LIJST|JAARVERSLAG|BIJLAGE|TEKST|WETSONTWERP|VERSLAGEN|REGERINGSBESLUIT"
    r"|TWEEDE|DERDE|VIERDE|VIJFDE|ZESDE|ZEVENDE|AANVULLENDE?|HERZIENE?)\b"
)
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "’t"})
_TITLE_REST = 200  # characters of running text after a kind line in capitals that a title may carry
_SPECK = 12  # characters: a line that short between the chamber and the session is OCR noise
# words in capitals (a note marker may close one), one space apart: a failing match never backtracks far
_CAPS_PREFIX = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’.,-]*\d?\)?(?:(?:\s|(?<=[\d)]))[A-ZÀ-Ý][A-ZÀ-Ý'’.,-]*\d?\)?)*(?=\s|$)")
_TITLE_LINE = 600  # characters: a dossier title's line is never longer
_TITLE_WORDS = 100  # words: a dossier title that long has run into the body
_NOTES_AHEAD = 6  # lines: how many notes the OCR may put between the number and the kind line
_NOTE_LINE = re.compile(r"^(?:\d{1,2}|['’*])\s+\S")  # "1 Ter inzage gelegd …": a note's first line
_JUNK = re.compile(r"^\W{1,3}$")  # a lone mark the OCR read from a speck


@dataclass
class Header:
    """What the header block says; filled line by line."""

    chamber: str | None = None
    session: str | None = None
    dossiers: list[Dossier] = field(default_factory=list)
    paper_number: str | None = None
    kind_caps: list[str] = field(default_factory=list)  # the title line in capitals, maybe wrapped
    kind_text: list[str] = field(default_factory=list)  # a kind in running text (Aanhangsel)
    title_rest: str = ""  # an older kind line's running text after its capitals ("… over het ontwerp van wet")
    aanhangsel: bool = False
    date: dt.date | None = None
    date_label: str | None = None
    addressee: str | None = None
    place: str | None = None
    consumed: int = 0  # how many of the given lines belong to the header
    unknown: list[SourceLine] = field(default_factory=list)  # lines inside the header not understood
    # a dossier title printed with no dossier number: the footer's dossier takes it, else it stays body text
    untitled: list[SourceLine] = field(default_factory=list)
    question_start: str | None = None  # an Aanhangsel's question sentence printed on the number's line
    title_notes: list[int] = field(default_factory=list)  # the notes the title's markers refer to

    @property
    def recognised(self) -> bool:
        """A dossier (or an Aanhangsel) with a paper number or a kind line, or a chamber's numbered paper of a
        session: enough to name the paper."""
        named = self.dossiers or self.aanhangsel or (self.chamber and self.session and self.paper_number)
        return bool(named and (self.paper_number or self.kind_caps))


def parse_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def read_header(lines: list[SourceLine]) -> Header:
    """Consume header lines from the top of the paper; stop at the first line of the body.

    The rules take the header as the OCR of the archive gives it too: the chamber split over two
    lines or misread, the lone chamber number, dossier numbers without their space, "Nr" without
    its dot, a note marker glued to the title, a speck read as a lone mark."""
    header = Header()
    state = "start"  # "dossier-title", "kind" (caps title), "ah-kind", "after-kind"
    pending_chamber = ""
    pending_place = False  # a lone "'" before "s-Gravenhage, …"
    series = ""  # a line above the first dossier number that belongs to its title
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if state == "start" and (chamber := _chamber(text, pending_chamber)):
            header.chamber = chamber
            pending_chamber = ""
        elif (match := _CHAMBER_START.match(text)) and state == "start":
            pending_chamber = match.group("house")
        elif _CHAMBER_NUMBER.match(text) and state == "start":
            pass  # the chamber's number printed in the margin
        elif (match := _SESSION.match(text)) and state == "start":
            header.session = "–".join(year.replace(" ", "") for year in match.group(1, 2))
            if match.group(3) and (number := _NUMBER.match(match.group(3))):
                header.paper_number = number.group(1).replace(" ", "")  # EK: "Vergaderjaar 1993-1994 Nr. 339d"
        elif _AANHANGSEL.match(text) and state == "start":
            header.aanhangsel = True
        elif header.aanhangsel and _AH_KIND_START.match(text) and not header.paper_number:
            header.kind_text.append(text)
            state = "ah-kind"
        elif header.aanhangsel and not header.kind_text and _AH_PAGE.match(text):
            pass  # a page number above the kind: older Aanhangsels print it there
        elif header.aanhangsel and (match := _AH_NUMBER.match(text)) and not header.paper_number:
            header.paper_number = match.group(1)
            if match.group(2):  # "1022 Vragen van het lid …": the number glued to the question
                header.question_start = match.group(2)
            else:
                header.consumed = index + 1
            break
        elif state == "ah-kind" and text[:1].islower():
            header.kind_text.append(text)
        elif (
            (match := _DOSSIER.match(text) or _DOSSIER_LIST.match(text))
            and (state in ("start", "dossier-title") or (state == "kind" and not header.kind_caps))
            and (not header.paper_number or not header.dossiers or state == "dossier-title")
        ):
            if match.re is _DOSSIER_LIST:  # "NN NNN, NN NNN": several dossiers, their titles on the next lines
                numbers = [number.strip() for number in match.group(0).split(",")]
                header.dossiers += [Dossier(number, "") for number in numbers if number]
            else:
                header.dossiers.append(Dossier(match.group(1), " ".join(filter(None, (series, match.group(2))))))
            series = ""
            state = "dossier-title"
        elif _OTHER_CHAMBER.match(text) and header.dossiers:
            pass  # "(Tweede Kamer)": the chamber the bill came from, in an Eerste Kamer header
        elif (match := _NUMBER.match(text)) and not header.paper_number:
            header.paper_number = match.group(1).replace(" ", "")
            if match.group(2):
                _kind_line(header, match.group(2))
            state = "kind"
        elif match := _DATED.match(text):
            header.date_label = match.group(1)
            header.date = parse_date(*match.group(2, 3, 4))
            state = "after-kind"
        elif _ADDRESSEE.match(text) and (header.paper_number or header.kind_caps):
            header.addressee = f"{header.addressee}; {text}" if state == "addressee" else text  # several addressees
            state = "addressee"
        elif (match := _BARE_DATE.match(text)) and state == "addressee":
            header.date = parse_date(*match.group(1, 2, 3))  # a date with no place before it
            header.consumed = index + 1
            break
        elif state == "addressee" and _CHAMBER_REST.match(text) and header.addressee:
            header.addressee = f"{header.addressee} {text}"  # OCR: "Aan de Tweede Kamer der" / "Staten-Generaal"
        elif _LONE_APOSTROPHE.match(text) and (header.paper_number or header.kind_caps):
            pending_place = True
        elif (match := _PLACE_DATE.match("'" + text if pending_place else text)) and (
            header.paper_number or header.kind_caps
        ):
            header.place = match.group(1)
            header.date = parse_date(*match.group(2, 3, 4))
            header.consumed = index + 1
            break
        elif state == "dossier-title" and (header.paper_number or _KIND_START.match(text)) and _is_kind_line(text):
            _kind_line(header, text)  # EK: the number came with the vergaderjaar; or no number is printed
            state = "kind"
        elif (
            state in ("start", "kind", "dossier-title")
            and header.session
            and not header.kind_caps
            and not _is_kind_line(text)
            and _next_is_kind(lines, index)
        ):
            if _NOTE_LINE.match(text):
                header.unknown.append(line)  # a page's note the OCR put above the kind line: body text
            elif header.dossiers:
                dossier = header.dossiers[-1]  # the dossier's title after "Nr. 1", or above the dossier number
                header.dossiers[-1] = Dossier(dossier.number, f"{dossier.title} {text}".strip())
            else:
                header.untitled.append(line)
            state = "kind"
        elif state == "dossier-title" and header.dossiers and not is_caps(text) and _continues_title(header, text):
            # each untitled dossier of a list takes the next line; else the title wraps
            at = next((i for i, d in enumerate(header.dossiers) if not d.title), len(header.dossiers) - 1)
            dossier = header.dossiers[at]
            header.dossiers[at] = Dossier(dossier.number, f"{dossier.title} {text}".strip())
        elif state == "kind" and _is_kind_line(text):
            _kind_line(header, text)
        elif (
            state in ("kind", "dossier-title")
            and not header.kind_caps
            and (caps := caps_prefix(text))
            and _KIND_START.match(caps)
        ):
            # "EINDVERSLAG van de vaste Commissie … omtrent …": the kind in capitals, the title going on in text
            header.kind_caps.append(_title_markers(header, caps.removesuffix(")").rstrip(" ,")))
            rest = text[len(caps) :].strip()
            if len(rest) > _TITLE_REST:
                break  # a long line is the body's first paragraph: it stays there
            header.title_rest = rest
        elif _JUNK.match(text) and state != "after-kind":
            pass
        elif state == "start" and header.chamber and len(text) <= _SPECK and not any(c.isdigit() for c in text):
            pass  # a speck the OCR read as letters ("fWfll'Ji") between the chamber and the session
        elif state == "start" and header.session and not header.dossiers and _next_is_dossier(lines, index):
            series = text  # "Rijksbegroting voor het jaar 1986" above the dossier: the start of its title
        else:
            break
        header.consumed = index + 1
    return header


def prefer_footer(header: Header, names: list[FooterName]) -> list[Diagnostic]:
    """Where the running footer names the paper, its dossier and number win over a header the OCR
    misread (the footer is printed on every page, the header once); a disagreement is a warning."""
    if not names or header.aanhangsel:
        return []
    votes = Counter((name.dossier, name.number) for name in names)
    (dossier, number), _ = votes.most_common(1)[0]
    line = next(name.line for name in names if (name.dossier, name.number) == (dossier, number))
    digits = dossier.replace(" ", "")
    printed = [_digits(d.number) for d in header.dossiers]
    if header.dossiers and digits in printed and (header.paper_number or "").lower() == number.lower():
        return []
    said = f"{header.dossiers[0].number if header.dossiers else '?'}, nr. {header.paper_number or '?'}"
    if digits not in printed:
        title = header.dossiers[0].title if header.dossiers and len(header.dossiers) == 1 else ""
        if not header.dossiers and header.untitled:
            title = " ".join(line.text for line in header.untitled)
            header.untitled = []
        header.dossiers = [Dossier(dossier, title)] + [d for d in header.dossiers if title and d.title != title]
    header.paper_number = number
    if said == "?, nr. ?":
        message = f"the header names no dossier and number; the page footer's ({dossier}, nr. {number}) are taken"
        return [Diagnostic("KS005", "warning", message, line=line)]
    message = f"the header reads {said}, the page footer {dossier}, nr. {number}; the footer's reading is taken"
    return [Diagnostic("KS004", "warning", message, line=line)]


def _digits(dossier: str) -> str:
    """A dossier number's leading digits without spaces: "NN NNN hoofdstuk XVI" -> "NNNNN"."""
    match = re.match(r"[\d ]+", dossier)
    return match.group(0).replace(" ", "") if match else ""


def _is_kind_line(text: str) -> bool:
    """A line of the title in capitals, once a date at its end and a glued note marker are left out."""
    return is_caps(_CAPS_DATED.sub(r"\1", _MARKER_END.sub("", text)))


def _continues_title(header: Header, text: str) -> bool:
    """A dossier title wraps over a few short lines; a long line or a fourth line is the body."""
    return len(text) <= _TITLE_LINE and header.dossiers[-1].title.count(" ") < _TITLE_WORDS


def _next_is_kind(lines: list[SourceLine], index: int) -> bool:
    """The next line, past the page's notes that the OCR put in the header, is a kind line in capitals
    ("BRIEF VAN DE MINISTER …"; after a note, any line in capitals: "VOORLOPJG VERSLAG")."""
    note = bool(_NOTE_LINE.match(lines[index].text))
    for line in lines[index + 1 : index + _NOTES_AHEAD]:
        if not line.text or _NOTE_LINE.match(line.text):
            continue
        caps = caps_prefix(line.text) or line.text
        return (note or bool(_KIND_START.match(line.text))) and len(caps.split()) > 1 and _is_kind_line(caps)
    return False


def _next_is_dossier(lines: list[SourceLine], index: int) -> bool:
    following = next((line.text for line in lines[index + 1 : index + 3] if line.text), "")
    return bool(_DOSSIER.match(following))


def _chamber(text: str, pending: str) -> str | None:
    """The chamber's name in its printed form, from a whole line or the second half of a split one."""
    house = pending
    if match := _CHAMBER.match(text):
        house = match.group("house") or pending
    elif not (pending and _CHAMBER_REST.match(text)):
        return None
    if not house:
        return "Staten-Generaal"
    return ("Eerste" if house[:1] in "EeÉ" else "Tweede") + " Kamer der Staten-Generaal"


def _kind_line(header: Header, text: str) -> None:
    """A line of the title in capitals, maybe with "Ontvangen <date>" at its end (1990s amendments) or
    note markers glued to its words ("TOELICHTING1", "ADRES' VAN"): the title leaves them out and the
    header remembers them, so that their notes are found."""
    if (match := _CAPS_DATED.match(text)) and is_caps(_MARKER_END.sub("", match.group(1))):
        text = match.group(1)
        header.date_label = match.group(2)
        header.date = parse_date(*match.group(3, 4, 5))
    header.kind_caps.append(_title_markers(header, text))


def _title_markers(header: Header, text: str) -> str:
    """The title without its note markers, each noted in ``header.title_notes`` (a quote mark for the next note)."""
    for marker in [*_MARKER_INSIDE.findall(text), *_MARKER_END.findall(text)]:
        marker = marker.strip()
        header.title_notes.append(int(marker) if marker.isdigit() else len(header.title_notes) + 1)
    return _MARKER_END.sub("", _MARKER_INSIDE.sub("", text))


def caps_prefix(text: str) -> str:
    """The words in capitals a line opens with ("VOORLOPIG VERSLAG van …" -> "VOORLOPIG VERSLAG")."""
    match = _CAPS_PREFIX.match(text)
    return match.group(0).rstrip() if match else ""


def is_caps(text: str) -> bool:
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
    named = False  # after a person's initials, until the surname
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
        if len(word) == 2 and word[0].isupper() and word[1] == ".":
            form = word  # an initial: "K. TER LAAN"
            named = True
        elif named and word.lower() in _PARTICLES:
            form = word.lower()  # "K. ter Laan": the particles after the initials
        elif named:
            form = capital  # the surname after the initials: "H. E. BETIST" -> "Betist"
            named = False
        if re.match(r"^['’][Ss]-\w", word):
            form = word[:3].lower() + word[3:].capitalize()  # "'S-GRAVENHAGE" -> "'s-Gravenhage"
        if position == 0:
            form = form[:1].upper() + form[1:]
        out.append(form)
    return " ".join(out)
