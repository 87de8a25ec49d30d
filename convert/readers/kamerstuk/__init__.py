"""Reader for the plain text of Dutch parliamentary papers (Kamerstukken), as pdf text extraction gives it.

The steps run in this order: number the lines, read the header, find the closing signature,
split the rest into paragraphs, re-flow each (undoing hyphenation), then mark inline structure.
A text that is not a recognisable paper still converts, with a warning.
"""

from __future__ import annotations

import re
from collections import Counter

from convert.diagnostics import Diagnostic, SourceError
from convert.model import Block, Closing, Document, Lines, Meta, Paragraph
from convert.readers.kamerstuk.front import Header, read_closing, read_header, recase
from convert.readers.kamerstuk.hyphens import Vocabulary, reflow
from convert.readers.kamerstuk.inlines import parse_inlines
from convert.readers.kamerstuk.lines import SourceLine, chunks, source_lines

_CASED_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def read_kamerstuk(text: str) -> Document:
    lines = source_lines(text)
    if not any(line.text for line in lines):
        raise SourceError("the text is empty: there is nothing to convert")
    vocabulary = Vocabulary.of_lines(line.text for line in lines)
    header = read_header(lines)
    diagnostics: list[Diagnostic] = []
    if header.recognised:
        body_lines = lines[header.consumed :]
    else:
        header = Header()
        first = next(line for line in lines if line.text)
        body_lines = lines[first.number :]
        diagnostics.append(
            Diagnostic(
                "KS001",
                "warning",
                'no parliamentary paper header found (dossier number and "Nr. …"); '
                "converted as plain paragraphs with the first line as title",
                line=first.number,
            )  # fmt: skip
        )
    groups = chunks(body_lines)
    closing: Closing | None = None
    if header.recognised and groups and (signatories := read_closing(groups[-1])):
        last = groups.pop()
        closing = Closing(tuple(signatories), lines=Lines(last[0].number, last[-1].number))
    body: list[Block] = [paragraph for group in groups for paragraph in _paragraphs(group, vocabulary)]
    if closing:
        body.append(closing)
    meta = _meta(header, lines, body_lines)
    return Document(meta, tuple(body), tuple(diagnostics))


def _paragraphs(group: list[SourceLine], vocabulary: Vocabulary) -> list[Paragraph]:
    """A text box is one paragraph, except that an indented line starts a new one."""
    paragraphs: list[list[SourceLine]] = []
    for line in group:
        if not paragraphs or line.indented:
            paragraphs.append([])
        paragraphs[-1].append(line)
    return [
        Paragraph(parse_inlines(reflow([line.text for line in p], vocabulary)), lines=Lines(p[0].number, p[-1].number))
        for p in paragraphs
    ]


def _meta(header: Header, lines: list[SourceLine], body_lines: list[SourceLine]) -> Meta:
    if not header.recognised:
        first = next(line for line in lines if line.text)
        return Meta(title=first.text)
    cased = Counter(word for line in body_lines for word in _CASED_WORD.findall(line.text))
    kind = recase(" ".join(header.kind_caps), cased) if header.kind_caps else None
    dossier = header.dossiers[0].number
    identifier = f"kst-{re.sub(r'[^0-9A-Za-z-]', '', dossier)}-{header.paper_number}"
    return Meta(
        title=kind or f"Kamerstuk {dossier}, nr. {header.paper_number}",
        kind=kind,
        chamber=header.chamber,
        session=header.session,
        dossiers=tuple(header.dossiers),
        paper_number=header.paper_number,
        identifier=identifier,
        addressee=header.addressee,
        place=header.place,
        date=header.date,
        date_label=header.date_label,
    )
