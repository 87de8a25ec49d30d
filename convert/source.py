"""Turning an input file's bytes into text, with errors that say what is wrong and where.

Pure: bytes in, :class:`Decoded` (text plus warnings) out, or a :class:`SourceError`. What is tried:

1. A byte-order mark names the encoding: UTF-8, UTF-16 or UTF-32.
2. A PDF (recognised by its bytes, not its name) is read by :mod:`convert.sources.pdf`. Other
   binary formats (zip/DOCX/EPUB, old Word, images) and data with many control bytes are refused:
   the converter wants the paper's text or its PDF.
3. UTF-16 without a mark is recognised by its zero bytes (every other byte, for Latin text).
4. UTF-8, the default.
5. Not UTF-8: if it has well-formed UTF-8 sequences, it is UTF-8 with a few broken bytes (an
   error naming the first, or U+FFFD with ``replace``); otherwise a one-byte legacy encoding,
   as old government text has. Bytes 0x80-0x9F are printable in Windows-1252 (‘’“”€…) and
   controls in Latin-1, so a text that has them is Windows-1252 and one without is Latin-1
   (the two agree on every other byte). A warning says which was assumed.

``encoding`` forces a codec and skips all guessing.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from convert.diagnostics import Diagnostic, NotTextError, SourceError

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "a zip archive (DOCX, EPUB, ODT or zip) — save or extract the paper as plain text"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Office file — save it as plain text (.txt) first"),
    (b"{\\rtf", "an RTF file — save it as plain text (.txt) first"),
    (b"\x89PNG", "a PNG image — the text of the paper is needed, not a picture of it"),
    (b"\xff\xd8\xff", "a JPEG image — the text of the paper is needed, not a picture of it"),
    (b"GIF8", "a GIF image — the text of the paper is needed, not a picture of it"),
    (b"\x1f\x8b", "a gzip archive — unpack it first"),
)
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
SAMPLE = 65536  # bytes looked at to tell binary data and UTF-16 from text
_BINARY_CONTROL_SHARE = 0.05  # text has almost no control bytes; random data has 11 %
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not tab, line ends, form feed, ESC
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
    "utf-32": "UTF-32",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO 8859-1)",
}
ADVICE = "save the file as UTF-8, name its encoding with --encoding, or use --replace-undecodable"


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of an input, the encoding it was read in, and what was guessed or replaced."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode(data: bytes, path: str, *, encoding: str | None = None, replace: bool = False) -> Decoded:
    """Decode an input file's bytes; refuse binary data and (unless ``replace``) undecodable bytes."""
    if not data:
        raise SourceError("the file is empty (0 bytes) — check that the paper's text was saved into it", path=path)
    if is_pdf(data):
        from convert.sources.pdf import read_pdf  # imported only for a PDF: the text route stays light

        return read_pdf(data, path)
    if encoding is not None:
        return _decode_as(data, path, encoding, replace, ())
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, path, bom_encoding, replace, ())
    sample = data[:SAMPLE]
    for signature, what in _BINARY_SIGNATURES:
        if sample.startswith(signature):
            raise NotTextError(f"this is {what}", path=path)
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return _decode_as(data, path, utf16, replace, (_assumed(utf16, "it has no byte-order mark"),))
    controls = len(_CONTROL_BYTES.findall(sample))
    if controls > _BINARY_CONTROL_SHARE * len(sample):
        first = _CONTROL_BYTES.search(sample)
        offset = first.start() if first else 0
        raise NotTextError(
            f"this is a binary file, not text ({controls} control bytes in the first {len(sample)}, "
            f"the first 0x{data[offset]:02x} at byte offset {offset}) — give the text extracted from the paper",
            path=path,
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_like_utf8(data):
        return _decode_as(data, path, "utf-8", replace, ())
    if _CP1252_ONLY.search(data):
        why = "it is not UTF-8, and has bytes (0x80-0x9F) that are quotes, dashes or € there"
        return _decode_as(data, path, "cp1252", replace, (_assumed("cp1252", why),), "UTF-8 or Windows-1252")
    return _decode_as(data, path, "latin-1", replace, (_assumed("latin-1", "it is not UTF-8"),))


def is_pdf(data: bytes) -> bool:
    """A PDF header (``%PDF-1.7``) within the first 1024 bytes, where PDF readers look for it (ISO 32000-1,
    annex H.3): what the bytes are, whatever the file is called."""
    return _PDF_HEADER.search(data, 0, 1024) is not None


def _assumed(encoding: str, why: str) -> Diagnostic:
    return Diagnostic(
        "IN003",
        "warning",
        f"read as {_NAMES.get(encoding, encoding)} because {why}; "
        "if letters look wrong, name the right encoding with --encoding",
    )


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when zero bytes sit at every other place, as in UTF-16 Latin text."""
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_like_utf8(data: bytes) -> bool:
    """More well-formed multi-byte UTF-8 sequences than stray high bytes: UTF-8 with some damage."""
    rest, valid = _UTF8_SEQUENCE.subn(b"", data)
    if not valid:
        return False
    stray = len(rest) - len(rest.translate(None, _HIGH_BYTES))
    return valid >= stray


def _decode_as(
    data: bytes,
    path: str,
    encoding: str,
    replace: bool,
    diagnostics: tuple[Diagnostic, ...],
    name: str = "",
) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, diagnostics)
    except LookupError:
        raise SourceError(
            f"unknown encoding {encoding!r} — use a name such as utf-8, utf-16, cp1252 or latin-1", path=path
        ) from None
    except UnicodeDecodeError as err:
        if not replace:
            name = name or _NAMES.get(encoding, encoding)
            raise SourceError(
                f"not valid {name} text: byte 0x{data[err.start]:02x} at byte offset {err.start} "
                f"cannot be decoded — {ADVICE}",
                path=path,
                line=_line_at(data, err.start, encoding),
            ) from None
    # surrogateescape turns each undecodable byte into one lone surrogate: count, place, then replace them
    text = data.decode(encoding, errors="surrogateescape")
    escapes = re.compile("[\udc80-\udcff]")
    first = escapes.search(text)
    text, count = escapes.subn("\ufffd", text)
    where = _line_count(text[: first.start()]) if first else None
    replaced = Diagnostic(
        "IN002",
        "warning",
        f"{count} undecodable byte{'s were' if count > 1 else ' was'} replaced by U+FFFD "
        f"(read as {_NAMES.get(encoding, encoding)})",
        line=where,
    )
    return Decoded(text, encoding, (*diagnostics, replaced))


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    """The 1-based line of a byte offset, counting line feeds in the text before it."""
    return _line_count(data[:offset].decode(encoding, errors="replace"))


def _line_count(text: str) -> int:
    """How many lines ``text`` starts, with ``\\r\\n``, ``\\r`` and ``\\n`` as line ends (as the reader counts)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1
