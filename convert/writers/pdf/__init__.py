"""The PDF writer: tagged PDF that passes PDF/UA-1, laid out by reportlab and tagged with pikepdf.

``layout`` turns the model into flowables that record their marked content as they draw;
``tagging`` builds the structure tree and the metadata from those records (STYLE.md Part 10).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import ClassVar

from convert.model import Document
from convert.style import Style
from convert.text import full_title
from convert.writers.pdf.pages import lay_out
from convert.writers.pdf.tagging import DocumentInfo, tag


class PdfWriter:
    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"

    def write(self, doc: Document, style: Style) -> bytes:
        meta = doc.meta
        info = DocumentInfo(
            title=full_title(meta),
            lang=meta.lang,
            creators=tuple(s.name for s in doc.signatories) or tuple(filter(None, (meta.chamber,))),
            subject=meta.kind or "",
            date=meta.date,
        )
        with _collector_paused():
            laid = lay_out(doc, style)
            return tag(laid.pdf, laid.root, laid.recorder, info)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a PDF is made: layout keeps hundreds of thousands of
    small objects (words, pieces, lines) alive to the end and makes no cyclic garbage, yet every
    full collection walked them all again (a fifth of the time at 500 pages). Restarted after,
    also after an error, unless it was off before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
