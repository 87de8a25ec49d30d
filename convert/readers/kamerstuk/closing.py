"""The closing of a paper: signatures of letters, committees, motions and decrees.

The closing is the run of last paragraphs that hold only names, functions (``De Minister van …,``),
a place and date (``Wassenaar, 9 maart 2018``), a greeting (``Hoogachtend,``) or the issue line of
a decree (``Uitgegeven de …``), with at least one person in it. A motion is signed with surnames
only; an OCR line may hold several names, which the title's list of members splits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from convert.model import Block, Closing, Inline, Lines, Paragraph, Signatory
from convert.readers.kamerstuk.blocks import Para

ParseText = Callable[[str], tuple[Inline, ...]]

_FUNCTION = re.compile(r"^(?:De|Het|Onze) \S.*,$")
_FUNCTION_NAME = re.compile(r"^(?P<function>(?:De|Het) [^,]+), (?P<name>[A-Z][^,]*)$")
_PLACE_DATE = re.compile(
    r"^[A-Z'’][\w'’ .-]*?, \d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december) \d{4}$"
)
_ISSUED = re.compile(r"^(?:Uitgegeven de \S.*\d{4}|Gegeven(?: \S.*)?)$")  # a decree's issue line, or "Gegeven te …"
_GREETING = re.compile(r"^(?:Hoogachtend|Met vriendelijke groet(?:en)?),?$")
_SIGNERS = 3  # words: a shorter line under a motion is one name ("Van Dam")
_MOST_SIGNERS = 30  # words: a motion's signers on one line
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.)+$")
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "’t", "in", "la", "le", "du", "d'"})
_OPEN_HYPHEN = re.compile(r"-(?:van|de|der|den|ter|ten|te)$", re.IGNORECASE)  # "Beckers-de" goes on
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:[A-Z]\.)+|van|der|den|de|ter|ten|te|het|'t|in|’t|c\.s\.)$")


def is_name(text: str) -> bool:
    """A person's name as printed under a paper: a few capitalised words, initials and particles."""
    words = text.split()
    if text.endswith(".") and not text.endswith("c.s."):
        return False  # "Ja." is an answer, not a name
    return 0 < len(words) <= 6 and all(_NAME_WORD.match(w) for w in words) and text[-1] not in ",;:"


def _closing_like(para: Para, motion: bool = False) -> bool:
    return all(
        is_name(line) or (motion and _signers(line)) or _FUNCTION.match(line) or _FUNCTION_NAME.match(line)
        or _PLACE_DATE.match(line) or _ISSUED.match(line) or _GREETING.match(line)
        for line in para.line_texts
    )  # fmt: skip


def _signers(line: str) -> bool:
    """A motion's signers on one line: capitalised surnames, initials and particles only."""
    words = line.split()
    return len(words) <= _MOST_SIGNERS and all(_NAME_WORD.match(word) for word in words) and line[-1] not in ",;:."


def split_closing(paras: list[Para], motion: bool = False) -> int:
    """Index of the first paragraph of the closing (``len(paras)`` when there is none)."""
    index = len(paras)
    while index > 0 and _closing_like(paras[index - 1], motion) and len(paras[index - 1].plain) < 200:
        index -= 1
    if index == len(paras):
        return index
    lines = [line for para in paras[index:] for line in para.line_texts]
    has_person = any(is_name(line) or (motion and _signers(line)) or _FUNCTION_NAME.match(line) for line in lines)
    return index if has_person else len(paras)


def closing_blocks(paras: list[Para], title_names: list[str], parse: ParseText, motion: bool = False) -> list[Block]:
    """Closing blocks from closing paragraphs: place and date, functions and names; ``Uitgegeven`` between."""
    blocks: list[Block] = []
    place_date = ""
    signatories: list[Signatory] = []
    function = ""
    function_lines: Lines | None = None
    first = paras[0].first if paras else 1
    last = first

    def flush(at: int) -> None:
        nonlocal place_date, signatories, first
        if signatories or place_date:
            blocks.append(Closing(tuple(signatories), place_date, lines=Lines(first, max(first, at))))
        place_date, signatories = "", []

    for para in paras:
        for line in para.line_texts:
            last = para.last
            if _PLACE_DATE.match(line):
                flush(para.first)
                first = para.first
                place_date = line
            elif _ISSUED.match(line):
                flush(para.first)
                blocks.append(Paragraph(parse(line), lines=para.lines))
                first = para.last
            elif _GREETING.match(line):
                blocks.append(Paragraph(parse(line), lines=para.lines))
                first = para.last
            elif match := _FUNCTION_NAME.match(line):
                signatories.append(Signatory(match.group("name").strip(), match.group("function").strip()))
            elif _FUNCTION.match(line):
                function = line.rstrip(",").strip()
                function_lines = para.lines
            else:
                for name in split_names(line, title_names, motion):
                    signatories.append(Signatory(name, function))
                    function = ""
    flush(last)
    if function:  # a function with no name under it (the page ends, or the name is not printed): kept as text
        blocks.append(Paragraph(parse(f"{function},"), lines=function_lines))
    return blocks


def split_names(line: str, title_names: list[str], motion: bool = False) -> list[str]:
    """Names on one line ("Van der Vlies Willems") split as the title lists them, if it does; under a motion
    or an amendment, whose signers the OCR puts on one line ("Van Thijn Jansen Moor"), by surname."""
    if len(title_names) > 1 and line.casefold().split() == " ".join(title_names).casefold().split():
        words = line.split()
        names: list[str] = []
        for name in title_names:
            count = len(name.split())
            names.append(" ".join(words[:count]))
            words = words[count:]
        return names
    if motion and len(line.split()) >= _SIGNERS:
        return surnames(line)
    return [line]


def surnames(line: str) -> list[str]:
    """Surnames printed one after another: each is its initials and particles ("M. van", "Van der"), then one
    surname ("Dam", "Beckers-de Bruijn" counts its particle after the hyphen as part of it). A name starts
    with a capital, so a particle in small letters belongs to the name before it ("Inge van Dijk")."""
    names: list[str] = []
    current: list[str] = []
    for word in line.split():
        if current and _complete(current) and word[:1].isupper():  # "Inge van Dijk": a small particle goes on
            names.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        names.append(" ".join(current))
    return names


def _complete(words: list[str]) -> bool:
    """Whether the name so far ends in a surname: not in an initial, a particle or a hyphen's particle."""
    last = words[-1]
    return not (
        _INITIALS.match(last) or last.casefold() in _PARTICLES or last.endswith("-") or _OPEN_HYPHEN.search(last)
    )


def title_names(title: str) -> list[str]:
    """The members a motion or amendment title names: "MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS"."""
    match = re.search(r"\bVAN (?:HET LID|DE LEDEN|DE MINISTER) (.+?)(?: C\.S\.| TER VERVANGING\b.*)?$", title.upper())
    if not match:
        return []
    return [n.strip() for n in re.split(r",| EN ", match.group(1)) if n.strip()]
