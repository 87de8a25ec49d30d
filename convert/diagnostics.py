"""Diagnostics are values (readers return them); errors are exceptions the command turns into one line.

Every diagnostic code is listed in :data:`CODES`, so a code is stable, searchable and documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["info", "warning", "error"]

CODES: dict[str, str] = {
    "KS001": "the text is not a recognisable parliamentary paper; converted as plain paragraphs",
    "KS002": "no paper number found in the header",
    "KS003": "no date found in the header",
    "KS004": "the header and the page footer name the paper differently; the footer's reading is taken",
    "KS005": "the header was read from the page footer or a running head, not from a full header",
    "KS010": "a footnote marker has no note text",
    "KS011": "a note text has no marker in the body",
    "KS012": "a note belongs to a marker in the title; it is referenced from the first paragraph",
    "KS020": "a table was kept as text: its layout could not be read as a grid",
    "KS030": "a header line was not recognised",
    "KS040": "an image is only named in the text; the figure has no description",
    "KS050": "a list number stands apart from its text and was left out",
    "IN001": "control or unassignable characters were removed",
    "IN002": "undecodable bytes were replaced",
    "IN003": "the text is not UTF-8: the encoding named in the message was assumed",
    "IN004": "bidirectional override, embedding or isolate characters were removed",
    "IN005": "an overlong run of combining marks was cut",
    "IN006": "private-use characters were kept; fonts may not show them",
    "PD001": "a page of the PDF has no text layer (scanned or drawn); its content is missing",
    "PD002": "the PDF was damaged and repaired by qpdf; compare the result with the print",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}; add it to convert.diagnostics.CODES")

    def format(self, path: str) -> str:
        """``path:line: severity: message [code]``, as compilers print it."""
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


class ConvertError(Exception):
    """A problem the user can fix; the command prints it as one line and exits with status 2."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def format(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line) if p is not None)
        return f"{where}: {self.message}" if where else self.message


class SourceError(ConvertError):
    """The input cannot be read as text, or is empty."""


class NotTextError(SourceError):
    """The input is a binary file (a PDF, an image, an archive), not text: the server answers 415."""


class UnknownFormatError(ConvertError):
    """An output format that no writer provides."""


class WriterConflictError(ConvertError):
    """Two writers claim the same output format name."""


class StyleError(ConvertError):
    """A style file that is missing, unreadable or has a wrong key."""
