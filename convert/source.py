"""Turning an input file's bytes into text, with errors that say what is wrong and where."""

from __future__ import annotations

import codecs

from convert.diagnostics import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise SourceError(
                    f"not valid {encoding.upper()} text (byte offset {err.start}) — save it as UTF-8", path=path
                ) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise SourceError(
            f"this is a binary file, not text (NUL byte at offset {nul}) — give the text extracted from the paper",
            path=path,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(
            f"not UTF-8 text (undecodable byte 0x{data[err.start]:02x} at offset {err.start}) — save it as UTF-8",
            path=path,
        ) from None
