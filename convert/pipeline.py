"""One conversion, start to end, without touching the file system: text in, outputs as bytes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from convert.model import Document
from convert.readers import read
from convert.style import Style
from convert.writers import get_writer


@dataclass(frozen=True, slots=True)
class Conversion:
    document: Document
    outputs: Mapping[str, bytes]  # format name -> the file's bytes, in the order asked for


def convert(text: str, formats: Sequence[str], style: Style, reader: str = "kamerstuk") -> Conversion:
    """Read ``text`` and write every format; nothing is written to disk here."""
    document = read(text, reader)
    outputs = {name: get_writer(name).write(document, style) for name in formats}
    return Conversion(document, outputs)
