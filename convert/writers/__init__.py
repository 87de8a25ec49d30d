"""Writers: pure functions from the model (and a style) to bytes, found by name.

Built-in writers are named by import path, so ``import convert`` never imports reportlab or
python-docx; a third-party writer registers under the entry-point group ``convert.writers``.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping
from importlib.metadata import entry_points
from types import MappingProxyType
from typing import ClassVar, Protocol

from convert.diagnostics import UnknownFormatError, WriterConflictError
from convert.model import Document
from convert.style import Style


class Writer(Protocol):
    name: ClassVar[str]  # the command-line name: "pdf"
    suffix: ClassVar[str]  # ".pdf"
    media_type: ClassVar[str]  # "application/pdf"

    def write(self, doc: Document, style: Style) -> bytes: ...


_BUILTIN: Mapping[str, str] = MappingProxyType(
    {
        "docx": "convert.writers.docx:DocxWriter",
        "epub": "convert.writers.epub:EpubWriter",
        "html": "convert.writers.html:HtmlWriter",
        "json": "convert.writers.json:JsonWriter",
        "pdf": "convert.writers.pdf:PdfWriter",
        "tree": "convert.writers.tree:TreeWriter",
    }
)
# The formats a plain ``-t all`` writes, in this order: for readers first, then for tools.
READER_FORMATS = ("pdf", "docx", "epub", "html")


@functools.cache
def available_writers() -> Mapping[str, str]:
    found = dict(_BUILTIN)
    for entry in entry_points(group="convert.writers"):
        if entry.name in found and found[entry.name] != entry.value:
            raise WriterConflictError(
                f"output format {entry.name!r} is defined twice: {found[entry.name]} and {entry.value}"
            )
        found[entry.name] = entry.value
    return MappingProxyType(found)


def get_writer(name: str) -> Writer:
    writers = available_writers()
    if name not in writers:
        raise UnknownFormatError(f"unknown output format {name!r}; choose one of: {', '.join(sorted(writers))}")
    module, _, attribute = writers[name].partition(":")
    writer: Writer = getattr(importlib.import_module(module), attribute)()
    return writer
