"""The ``tree`` writer: the model as indented pseudo-XML (see :mod:`convert.tree`)."""

from __future__ import annotations

from typing import ClassVar

from convert.model import Document
from convert.style import Style
from convert.tree import pformat


class TreeWriter:
    name: ClassVar[str] = "tree"
    suffix: ClassVar[str] = ".tree"
    media_type: ClassVar[str] = "text/plain"

    def write(self, doc: Document, style: Style) -> bytes:
        return pformat(doc).encode("utf-8")
