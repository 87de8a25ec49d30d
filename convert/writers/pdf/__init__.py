"""The PDF writer: tagged PDF that passes PDF/UA-1, laid out by reportlab and tagged with pikepdf.

``layout`` turns the model into flowables that record their marked content as they draw;
``tagging`` builds the structure tree and the metadata from those records (STYLE.md Part 10).
"""

from __future__ import annotations

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
        laid = lay_out(doc, style)
        meta = doc.meta
        info = DocumentInfo(
            title=full_title(meta),
            lang=meta.lang,
            creators=tuple(s.name for s in doc.signatories) or tuple(filter(None, (meta.chamber,))),
            subject=meta.kind or "",
            date=meta.date,
        )
        return tag(laid.pdf, laid.root, laid.recorder, info)
