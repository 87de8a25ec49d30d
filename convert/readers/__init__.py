"""Readers: pure functions from source text to a document (which carries the reader's diagnostics)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from convert.diagnostics import UnknownFormatError
from convert.model import Document

Reader = Callable[[str], Document]


def _kamerstuk(text: str) -> Document:
    from convert.readers.kamerstuk import read_kamerstuk

    return read_kamerstuk(text)


READERS: Mapping[str, Reader] = MappingProxyType({"kamerstuk": _kamerstuk})


def get_reader(name: str) -> Reader:
    if name not in READERS:
        raise UnknownFormatError(f"unknown input format {name!r}; choose one of: {', '.join(READERS)}")
    return READERS[name]


def read(text: str, reader: str = "kamerstuk") -> Document:
    """Read source text into the model with the named reader."""
    return get_reader(reader)(text)
