"""Reader for the plain text of Dutch parliamentary papers (Kamerstukken), as pdf text extraction gives it.

The steps run in this order (each module says why its rules are what they are):

1. ``lines``: number the lines, count print pages by form feeds;
2. ``furniture``: drop running footers, page numbers, the colophon and printer lines, keeping the
   official identifier and each page's printed number;
3. ``front``: read the header (kst, Aanhangsel, 1990s OCR) or a Staatsblad masthead;
4. ``notes``: take the note texts from the page bottoms;
5. ``paragraphs``: group the remaining lines into paragraphs;
6. ``hyphens``: re-flow each paragraph, undoing line-end hyphenation; ``markers``: put list numbers
   that pdf text set apart back in front of their text;
7. link each note to its marker in the text; ``aanhangsel``: an Aanhangsel's question sentence
   becomes metadata and leaves the body;
8. ``blocks``: headings, sections, lists, tables, figures; ``closing``: the signatures;
   ``inlines``: page starts, notes, links, quotations and language changes.

A text that is not a recognisable paper still converts, with a warning.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from convert.diagnostics import Diagnostic, SourceError
from convert.model import Block, Document, Inline, Meta, Note, Paragraph
from convert.readers.kamerstuk.aanhangsel import Opening, drop_question, read_opening
from convert.readers.kamerstuk.blocks import BlockBuilder, Para
from convert.readers.kamerstuk.closing import closing_blocks, split_closing, title_names
from convert.readers.kamerstuk.front import DATE, Header, is_caps, parse_date, prefer_footer, read_header, recase
from convert.readers.kamerstuk.furniture import strip_furniture
from convert.readers.kamerstuk.hyphens import Vocabulary, reflow, repair_inline_breaks
from convert.readers.kamerstuk.inlines import note_sentinel, page_sentinel, parse_text
from convert.readers.kamerstuk.lines import SourceLine, source_lines
from convert.readers.kamerstuk.markers import reglue_markers
from convert.readers.kamerstuk.notes import NoteText, glued_marker, raised_marker, spaced_marker, split_notes
from convert.readers.kamerstuk.older import (
    TITLE_LIMIT,
    Sitting,
    find_title_line,
    read_older_header,
    read_sitting,
    running_head,
)
from convert.readers.kamerstuk.paragraphs import UNWRAPPED_WIDTH, RawParagraph, cells, paragraphs, typical_width

_CASED_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A capitalised word after a lower-case word or a comma, the look-behind after the capital so that a
# search skips to capitals (``(?<=[a-z,] )[A-Z][a-zë]{3,}\b``).
_INNER_CAPITAL = re.compile(r"[A-Z](?<=[a-z,] [A-Z])[a-zë]{3,}\b")
_FIGURE_CELL = re.compile(r"[€$]?\s*[-+]?\d[\d.,]*\s*(?:%|miljoen|miljard|mln|mld|duizend|euro)?")
_SIGNED_BY_MEMBERS = re.compile(r"^(?:GEWIJZIGDE? |NADER GEWIJZIGDE? )?(?:MOTIE|AMENDEMENT)\b")  # signed by members
_MASTHEAD = re.compile(r"^(Staatsblad|Staatscourant|Tractatenblad)$")
_MASTHEAD_SUB = re.compile(r"^van het Koninkrijk der Nederlanden$")
_INTITULE = re.compile(r"^(?P<kind>Besluit|Wet|Rijkswet|Regeling|Beschikking) van " + DATE + r"\b")


@dataclass
class _Masthead:
    title: str
    kind: str
    date: dt.date | None
    lines: list[SourceLine] = field(default_factory=list)


def read_kamerstuk(text: str) -> Document:
    lines = source_lines(text)
    if not any(line.text for line in lines):
        raise SourceError("the text is empty: there is nothing to convert")
    diagnostics: list[Diagnostic] = []
    vocabulary = Vocabulary.of_lines(line.text for line in lines)
    furniture = strip_furniture(lines)
    header = read_header(furniture.lines)
    if header.recognised or header.chamber or header.session:
        diagnostics.extend(prefer_footer(header, furniture.names))
    older = not header.recognised
    if older:
        header = read_older_header(furniture.lines, *running_head(furniture))
    masthead: _Masthead | None = None
    sitting: Sitting | None = None
    title_line: SourceLine | None = None  # of a text with no header: the line taken as its title
    if header.recognised:
        body_lines = _at_page_ends(header.untitled + furniture.lines[header.consumed :], header.unknown)
        if not older:
            diagnostics.extend(_header_gaps(header, furniture.lines))
    else:
        header = Header()
        body_lines = furniture.lines
        masthead = _read_masthead(body_lines)
        sitting = read_sitting(body_lines) if masthead is None else None
        if sitting is not None:
            body_lines = body_lines[: sitting.position] + body_lines[sitting.position + 1 :]
        elif masthead is None:
            first = body_lines[0] if body_lines else next(line for line in lines if line.text)
            diagnostics.append(
                Diagnostic(
                    "KS001",
                    "warning",
                    'no parliamentary paper header found (dossier number and "Nr. …", or an Aanhangsel number); '
                    "converted as plain paragraphs with the first line as title",
                    line=first.number,
                )  # fmt: skip
            )
            title_index = find_title_line(body_lines)
            title_line = body_lines[title_index] if title_index is not None else first
            if title_index is not None and len(title_line.text) <= TITLE_LIMIT:  # a long line stays text too
                body_lines = body_lines[:title_index] + body_lines[title_index + 1 :]
    width = typical_width(body_lines)
    unwrapped = width > UNWRAPPED_WIDTH
    body_lines, note_texts = split_notes(body_lines, unwrapped, frozenset(header.title_notes))
    paginated = furniture.footers > 0 or furniture.pages > 1
    labels = furniture.page_labels if paginated else {}
    raw = paragraphs(body_lines, labels, vocabulary.starts_sentence)
    paras = [_reflow(p, vocabulary, unwrapped, paginated) for p in raw]
    page_of = {line.number: line.page for p in raw for line in p.lines}
    paras = reglue_markers(paras, page_of, diagnostics)
    _warn_loose_tables(paras, diagnostics)
    notes = _link_notes(paras, raw, note_texts, vocabulary, diagnostics, frozenset(header.title_notes))
    _warn_unlinked_markers(paras, len(note_texts), diagnostics)

    opening = read_opening(paras) if header.aanhangsel else Opening()
    paras = drop_question(paras, opening)

    def parse(value: str) -> tuple[Inline, ...]:
        return parse_text(value, notes.get)

    names = title_names(" ".join(header.kind_caps))
    motion = bool(header.kind_caps) and _SIGNED_BY_MEMBERS.match(header.kind_caps[0].upper()) is not None
    cut = split_closing(paras, motion)
    builder = BlockBuilder(parse, width, unwrapped)
    for index, para in enumerate(paras[:cut]):
        builder.add(para, paras[index + 1] if index + 1 < cut else None)
    body: list[Block] = [*builder.finish(), *closing_blocks(paras[cut:], names, parse, motion)]
    diagnostics.extend(builder.diagnostics)
    pages = furniture.pages if paginated else 0
    if sitting is not None:
        title_line = sitting.line
    if title_line is not None:
        cased = _body_casings(vocabulary.every_word, lines, body_lines)
        title = recase(title_line.text, cased) if is_caps(title_line.text) else title_line.text
        date = sitting.date if sitting is not None else None
        meta = Meta(title=short_title(title), date=date, identifier=furniture.identifier, source_pages=pages)
    else:
        meta = _meta(header, masthead, lines, body_lines, vocabulary, opening, furniture.identifier, pages)
    diagnostics_in_order = tuple(sorted(diagnostics, key=lambda d: d.line or 0))
    return Document(meta, tuple(body), diagnostics_in_order, vocabulary.print_breaks())


def _at_page_ends(lines: list[SourceLine], notes: list[SourceLine]) -> list[SourceLine]:
    """``lines`` with each of ``notes`` (a page's note the OCR put inside the header) at the end of its page,
    where the page's notes stand; a quote mark the OCR read for a note's number becomes its number."""
    result = list(lines)
    for number, note in enumerate(notes, start=1):
        if note.text[:1] in "'’*":
            note = note._replace(text=f"{number}{note.text[1:]}")
        after = max((i + 1 for i, line in enumerate(result) if line.page <= note.page), default=0)
        result.insert(after, note)
    return result


def _header_gaps(header: Header, lines: list[SourceLine]) -> list[Diagnostic]:
    """A kst header that lacks its title line or its date: say which line the reader stopped at."""
    if header.aanhangsel:
        return []
    stop = lines[header.consumed] if header.consumed < len(lines) else lines[-1]
    found: list[Diagnostic] = []
    if not header.kind_caps:
        found.append(Diagnostic("KS030", "warning", f"no title line in capitals after \"Nr. {header.paper_number}\"; "
                                f"the header was read up to {stop.text[:40]!r}, which is taken as body text",
                                line=stop.number))  # fmt: skip
    if header.date is None:
        message = 'no date in the header ("Voorgesteld …", "Ontvangen …" or a place and date); the paper has no date'
        found.append(Diagnostic("KS003", "warning", message, line=stop.number))
    return found


def _read_masthead(lines: list[SourceLine]) -> _Masthead | None:
    """``Staatsblad`` / ``van het Koninkrijk der Nederlanden`` / ``Besluit van 9 maart 2018, houdende …``."""
    if len(lines) < 3 or not _MASTHEAD.match(lines[0].text):
        return None
    taken = [lines[0]]
    index = 1
    if _MASTHEAD_SUB.match(lines[1].text):
        taken.append(lines[1])
        index = 2
    intitule = lines[index].text
    match = _INTITULE.match(intitule)
    if not match:
        return None
    date = parse_date(*match.group(2, 3, 4))
    masthead = _Masthead(intitule, match.group("kind"), date, taken)
    del lines[: index + 1]
    return masthead


def _reflow(raw: RawParagraph, vocabulary: Vocabulary, unwrapped: bool, paginated: bool) -> Para:
    if raw.table:
        rows = [cells(line.text) for line in raw.lines]
        if paginated and 0 in raw.page_starts:
            rows[0][0] = page_sentinel(raw.page_starts[0]) + rows[0][0]
        return Para("", raw.first, raw.last, [line.text for line in raw.lines], rows=rows)
    texts = []
    for index, line in enumerate(raw.lines):
        prefix = page_sentinel(raw.page_starts[index]) if paginated and index in raw.page_starts else ""
        texts.append(prefix + line.text)
    text = reflow(texts, vocabulary)
    if unwrapped:
        text = repair_inline_breaks(text, vocabulary)
    return Para(text, raw.first, raw.last, [line.text for line in raw.lines])


def _link_notes(
    paras: list[Para],
    raw: list[RawParagraph],
    note_texts: list[NoteText],
    vocabulary: Vocabulary,
    diagnostics: list[Diagnostic],
    title_notes: frozenset[int] = frozenset(),
) -> dict[str, Note]:
    """Put a note sentinel where each note is referenced; notes are found in order, never before the last.

    A note the title refers to ("EINDVERSLAG VAN DE VASTE COMMISSIE1") is referenced from the end of the
    first paragraph: the title is metadata, and the note must still be reachable from the text."""
    notes: dict[str, Note] = {}
    cursor = (0, 0)  # paragraph index, position in its text
    page_of_line = {p.first: p.lines[0].page for p in raw}
    pages = [page_of_line.get(para.first, 1) for para in paras]
    first_on_page: dict[int, int] = {}
    for index, page in enumerate(pages):
        first_on_page.setdefault(page, index)
    starts = list(first_on_page)  # pages in order: paragraphs come in page order
    lasts = [p.last for p in paras]
    for note in note_texts:
        key = str(note.number)
        text = reflow([line.text for line in note.lines], vocabulary)
        notes[key] = Note(key, (Paragraph(parse_text(text)),))
        if note.number in title_notes and paras:
            paras[0].text += note_sentinel(key)
            diagnostics.append(
                Diagnostic("KS012", "info", f"note {key} belongs to the title's marker; it is referenced from the "
                           "end of the first paragraph", line=note.lines[0].number)
            )  # fmt: skip
            continue
        placed = _place_marker(paras, pages, note, key, cursor, first_on_page, starts)
        if placed is None:
            diagnostics.append(
                Diagnostic("KS011", "warning", f"note {key} has no marker in the text before it; "
                           "it is placed at the end of the paragraph before the note text", line=note.lines[0].number)
            )  # fmt: skip
            # the paragraph before the note text, but never one of the signature (whose lines are read anew)
            target = min(bisect.bisect_left(lasts, note.lines[0].number), split_closing(paras)) - 1
            if paras:
                paras[max(target, 0)].text += note_sentinel(key)
            continue
        cursor = placed
    return notes


def _place_marker(
    paras: list[Para],
    pages: list[int],
    note: NoteText,
    key: str,
    cursor: tuple[int, int],
    first_on_page: dict[int, int],
    starts: list[int],
) -> tuple[int, int] | None:
    """Replace note ``key``'s marker after ``cursor`` (on its page or the page before) by a sentinel.

    Returns the new cursor, or None when the marker is not there."""
    position = bisect.bisect_left(starts, note.page - 1)
    earliest = first_on_page[starts[position]] if position < len(starts) else len(paras)
    markers = (raised_marker(note.number), True), (glued_marker(note.number), False), (spaced_marker(note.number), True)
    for pattern, spaced in markers:
        index, start = cursor
        if index < earliest:
            index, start = earliest, 0
        while index < len(paras) and pages[index] <= note.page:
            match = pattern.search(paras[index].text, start)
            if match:
                para = paras[index]
                head = para.text[: match.start()]
                head = head.rstrip(" ") if spaced else head
                para.text = head + note_sentinel(key) + para.text[match.end() :]
                return (index, len(head) + len(note_sentinel(key)))
            index, start = index + 1, 0
    return None


def _warn_loose_tables(paras: list[Para], diagnostics: list[Diagnostic]) -> None:
    """Runs of short, mostly numeric paragraphs are a table whose grid the text lost: say so once a run."""
    run: list[Para] = []
    for para in [*paras, None]:
        plain = para.plain if para is not None else ""
        if para is not None and not para.rows and 0 < len(plain) <= 30 and not plain.endswith(":"):
            run.append(para)
            continue
        numeric = sum(1 for p in run if _FIGURE_CELL.fullmatch(p.plain))
        if len(run) >= 4 and numeric >= 0.75 * len(run):
            diagnostics.append(
                Diagnostic("KS020", "warning", f"lines {run[0].first}-{run[-1].last} look like a table whose columns "
                           "the text did not keep; they are kept as paragraphs, in source order", line=run[0].first)
            )  # fmt: skip
        run = []


def _warn_unlinked_markers(paras: list[Para], linked: int, diagnostics: list[Diagnostic]) -> None:
    """A number glued to the end of a sentence, next in the note sequence, with no note text: warn."""
    number = str(linked + 1)
    pattern = re.compile(r"(?<=[a-z][.?!»”)])" + number + r"(?=\s|$)|(?<=[a-z]{3})" + number + r"(?=[.,;:]?\s|$)")
    for para in paras:
        if number in para.text and pattern.search(para.text):  # the pattern's look-behinds make a search slow
            diagnostics.append(
                Diagnostic("KS010", "warning", f"the text has what looks like note marker {linked + 1}, but no note "
                           f"text {linked + 1} was found at a page bottom; kept as text", line=para.first)
            )  # fmt: skip
            return


def _meta(
    header: Header,
    masthead: _Masthead | None,
    lines: list[SourceLine],
    body_lines: list[SourceLine],
    vocabulary: Vocabulary,
    opening: Opening,
    identifier: str | None,
    pages: int,
) -> Meta:
    if masthead:
        # the masthead plays the part the chamber's name plays on a kst paper: who issues it, printed on top
        chamber = " ".join(line.text for line in masthead.lines)
        return Meta(title=masthead.title, kind=masthead.kind, chamber=chamber, date=masthead.date,
                    identifier=identifier, source_pages=pages)  # fmt: skip
    kind: str | None = None
    if header.kind_caps:  # the title in capitals, cased as the body writes its words
        body = " ".join(line.text for line in body_lines)
        cased = _body_casings(vocabulary.every_word, lines, body_lines)
        kind = recase(" ".join(header.kind_caps), cased, Counter(_INNER_CAPITAL.findall(body)))
    questioners: tuple[str, ...] = ()
    title = f"{kind} {header.title_rest}" if kind and header.title_rest else kind
    date, date_label, submitted = header.date, header.date_label, None
    if header.aanhangsel:
        kind = " ".join(header.kind_text) or "Aanhangsel van de Handelingen"
        questioners, submitted = opening.questioners, opening.submitted
        title = opening.title or title
        if opening.received is not None:
            date, date_label = opening.received, "Ontvangen"
        if date is None and submitted is not None:
            date, date_label = submitted, "Ingezonden"
    if identifier is None:
        identifier = _identifier(header)
    dossier = header.dossiers[0].number if header.dossiers else ""
    named = f"Kamerstuk {dossier}" if dossier else "Aanhangsel van de Handelingen"
    return Meta(
        title=title or f"{named}, nr. {header.paper_number}",
        kind=kind,
        chamber=header.chamber,
        session=header.session,
        dossiers=tuple(header.dossiers),
        paper_number=header.paper_number,
        identifier=identifier,
        addressee=header.addressee,
        place=header.place,
        date=date,
        date_label=date_label,
        questioners=questioners,
        date_submitted=submitted,
        source_pages=pages,
    )


def _body_casings(every_word: Counter[str], lines: list[SourceLine], body_lines: list[SourceLine]) -> Counter[str]:
    """How often the body lines (some of ``lines``, unchanged) write each run of letters: the words of
    every line, which the vocabulary has counted already, split at their hyphens, less the runs of the
    lines that are not body (header, furniture, notes). A search over the whole body took as long as
    the vocabulary's own."""
    cased = every_word.copy()
    for word in [word for word in every_word if "-" in word]:
        count = cased.pop(word)
        for part in word.split("-"):
            cased[part] += count
    body = {line.number for line in body_lines}
    for run in _CASED_WORD.findall("\n".join(line.text for line in lines if line.number not in body)):
        cased[run] -= 1
        if not cased[run]:
            del cased[run]
    return cased


def short_title(text: str) -> str:
    """A first line as a title: whole when short, else its first words and "…" (the text keeps it whole)."""
    if len(text) <= TITLE_LIMIT:
        return text
    cut = text.rfind(" ", 0, TITLE_LIMIT)
    return text[: cut if cut > TITLE_LIMIT // 2 else TITLE_LIMIT].rstrip() + " …"


def _identifier(header: Header) -> str | None:
    """The official identifier as officielebekendmakingen.nl builds it, when the colophon lacks it."""
    if header.aanhangsel and header.session:
        house = "ek" if header.chamber and header.chamber.startswith("Eerste") else "tk"
        return f"ah-{house}-{re.sub(r'[^0-9]', '', header.session)}-{header.paper_number}"
    if header.dossiers:
        # "21 501-02" -> "21501-02"; "36 410 XVI" -> "36410-XVI"; "(R 1446)" is not part of it
        number = re.sub(r"\s*\(R ?\d+\)", "", header.dossiers[0].number)
        digits = re.match(r"[\d ]+(?:-\d+)?", number)
        head = digits.group(0).replace(" ", "") if digits else ""
        rest = [part for part in number[len(digits.group(0)) if digits else 0 :].split() if part]
        return "-".join(["kst", head, *rest, header.paper_number or ""])
    return None


__all__ = ["UNWRAPPED_WIDTH", "read_kamerstuk"]
