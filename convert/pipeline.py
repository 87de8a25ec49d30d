"""One conversion, start to end, without touching the file system: text in, outputs as bytes."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from convert.diagnostics import Diagnostic, SourceError
from convert.model import Document
from convert.readers import read
from convert.sanitize import sanitize
from convert.source import Decoded
from convert.style import Style
from convert.writers import get_writer


@dataclass(frozen=True, slots=True)
class Conversion:
    document: Document
    outputs: Mapping[str, bytes]  # format name -> the file's bytes, in the order asked for


def prepare(source: str | Decoded) -> tuple[str, tuple[Diagnostic, ...]]:
    """Clean decoded text once, before any reader (see :mod:`convert.sanitize`), keeping every warning."""
    decoded = source if isinstance(source, Decoded) else Decoded(source, "str")
    sanitized = sanitize(decoded.text)
    if not sanitized.text.strip():
        raise SourceError("the text is empty or only white space — check that the paper's text was saved into it")
    return sanitized.text, decoded.diagnostics + sanitized.diagnostics


def read_document(source: str | Decoded, reader: str = "kamerstuk") -> Document:
    """The model of decoded (or already clean) text, with the decoding and cleaning warnings first."""
    text, diagnostics = prepare(source)
    document = read(text, reader)
    if isinstance(source, Decoded) and source.encoding == "pdf":  # lines of a PDF's text mean nothing to a user
        from convert.sources.pdf import on_pages

        document = dataclasses.replace(cast(Any, document), diagnostics=on_pages(document.diagnostics, text))
    if diagnostics:
        # cast: mypy does not see model.py's ``node`` alias as a dataclass decorator
        document = dataclasses.replace(cast(Any, document), diagnostics=diagnostics + document.diagnostics)
    return document


def convert(source: str | Decoded, formats: Sequence[str], style: Style, reader: str = "kamerstuk") -> Conversion:
    """Read ``source`` and write every format; nothing is written to disk here.

    Every output is made before any is returned, so a writer that fails leaves the caller with
    nothing to write: earlier outputs on disk stay as they were.
    """
    document = read_document(source, reader)
    outputs = {name: get_writer(name).write(document, style) for name in formats}
    return Conversion(document, outputs)
