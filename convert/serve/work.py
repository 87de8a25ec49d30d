"""What a worker process does with one upload: the CLI's conversion, plus a report for the page.

Runs in the pool's worker processes (:mod:`convert.serve.pool`), never in the server's event
loop. The bytes go through the same two steps as ``pubconvert FILE`` (:func:`convert.source.decode`,
then :func:`convert.pipeline.convert`), so a server download equals the CLI's file byte for byte,
and a bad upload gets the CLI's message. When a PDF source exists it is recognised by its bytes in
that same path; until then a PDF is refused as a binary file (415), like an image.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convert.diagnostics import ConvertError, NotTextError
from convert.model import Document, Heading, Note
from convert.pipeline import convert
from convert.serve.checks import accessibility_checks
from convert.source import decode
from convert.style import load_style
from convert.text import format_date, inline_text, note_lines, paper_label
from convert.walk import iter_blocks, notes
from convert.writers import available_writers, get_writer

WARM_UP_TEXT = (
    "Proeftekst\n\nEen korte tekst die elke schrijver eenmaal laat werken, zodat het eerste verzoek niet wacht.\n"
)
NOTE_PREVIEW = 160  # characters of a footnote shown on the page


@dataclass(frozen=True, slots=True)
class Job:
    """One upload to convert: its bytes, the name to put in messages, and the CLI's -t and --style."""

    data: bytes
    filename: str
    formats: tuple[str, ...]
    style: str


@dataclass(frozen=True, slots=True)
class Converted:
    """A finished job: each format's bytes, and the report the page and the API show (JSON-ready)."""

    outputs: dict[str, bytes]
    report: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Refused:
    """A job whose input the converter refused: the HTTP status and the CLI's one-line message."""

    status: int
    message: str


def run_job(job: Job) -> Converted | Refused:
    """Convert one upload; bad input is a :class:`Refused`, any other exception is a bug and propagates."""
    try:
        decoded = decode(job.data, job.filename)
        conversion = convert(decoded, job.formats, load_style(job.style))
    except NotTextError as err:
        return Refused(415, err.format())
    except ConvertError as err:
        err.path = err.path or job.filename
        return Refused(400, err.format())
    document = conversion.document
    report = {
        "meta": meta_report(document),
        "outline": outline(document),
        "notes": note_report(document),
        "diagnostics": [
            {"code": d.code, "severity": d.severity, "message": d.message, "line": d.line} for d in document.diagnostics
        ],
        "accessibility": accessibility_checks(document, conversion.outputs),
    }
    return Converted(dict(conversion.outputs), report)


def warm_up() -> None:
    """Import every writer and run each once on a tiny text, so that a worker's first job is as fast as its tenth."""
    formats = tuple(name for name in available_writers() if name != "tree")
    for name in formats:
        get_writer(name)
    run_job(Job(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt", formats, "default"))


def meta_report(document: Document) -> dict[str, Any]:
    """What the reader found in the paper's header, as the page lists it."""
    meta = document.meta
    return {
        "title": meta.title,
        "label": paper_label(meta),
        "kind": meta.kind,
        "lang": meta.lang,
        "dossiers": [{"number": d.number, "title": d.title} for d in meta.dossiers],
        "paper_number": meta.paper_number,
        "identifier": meta.identifier,
        "date": meta.date.isoformat() if meta.date else None,
        "date_text": format_date(meta.date, meta.lang) if meta.date else None,
        "signatories": [{"name": s.name, "function": s.function} for s in document.signatories],
    }


def outline(document: Document) -> list[dict[str, Any]]:
    """Every heading in reading order, with its level and id."""
    return [
        {"level": block.level, "text": inline_text(block.children), "id": block.id}
        for block in iter_blocks(document.body)
        if isinstance(block, Heading)
    ]


def note_report(document: Document) -> list[dict[str, str]]:
    """Each footnote's marker and the start of its text."""
    return [{"label": note.label, "text": _note_text(note)} for note in notes(document)]


def _note_text(note: Note) -> str:
    text = " ".join(note_lines(note)).removeprefix(note.label).strip()
    return text if len(text) <= NOTE_PREVIEW else text[: NOTE_PREVIEW - 1].rstrip() + "…"
