"""Decoding input bytes (convert.source) and cleaning the text once before the reader (convert.sanitize)."""

from __future__ import annotations

import codecs
import time
import unicodedata

import pytest

from convert.diagnostics import SourceError
from convert.sanitize import MAX_COMBINING, sanitize
from convert.source import decode

QUOTES = "Café ‘enkel’ “dubbel” € – naïve"

# (id, bytes, expected text, expected encoding, expected warning codes)
DECODES = [
    ("utf-8", QUOTES.encode(), QUOTES, "utf-8", ()),
    ("utf-8 with bom", codecs.BOM_UTF8 + QUOTES.encode(), QUOTES, "utf-8-sig", ()),
    ("utf-16 le with bom", QUOTES.encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]), QUOTES, "utf-16", ()),
    ("utf-16 be with bom", codecs.BOM_UTF16_BE + QUOTES.encode("utf-16-be"), QUOTES, "utf-16", ()),
    ("utf-32 with bom", QUOTES.encode("utf-32"), QUOTES, "utf-32", ()),
    ("utf-16 le without bom", QUOTES.encode("utf-16-le"), QUOTES, "utf-16-le", ("IN003",)),
    ("utf-16 be without bom", QUOTES.encode("utf-16-be"), QUOTES, "utf-16-be", ("IN003",)),
    ("windows-1252", QUOTES.encode("cp1252"), QUOTES, "cp1252", ("IN003",)),
    ("latin-1", "Café naïve ± ½ ß".encode("latin-1"), "Café naïve ± ½ ß", "latin-1", ("IN003",)),
    ("ascii", b"plain text\n", "plain text\n", "utf-8", ()),
    ("a stray NUL in text is text", b"een tekst met\x00 een NUL erin, verder gewoon tekst " * 4, None, "utf-8", ()),
]


@pytest.mark.parametrize(("data", "text", "encoding", "codes"), [c[1:] for c in DECODES], ids=[c[0] for c in DECODES])
def test_decodes_common_encodings(data: bytes, text: str | None, encoding: str, codes: tuple[str, ...]) -> None:
    decoded = decode(data, "paper.txt")
    if text is not None:
        assert decoded.text == text
    assert decoded.encoding == encoding
    assert tuple(d.code for d in decoded.diagnostics) == codes


def test_says_which_encoding_was_assumed() -> None:
    (warning,) = decode(QUOTES.encode("cp1252"), "paper.txt").diagnostics
    assert "Windows-1252" in warning.message and "--encoding" in warning.message


# (id, bytes, words the one-line error must contain, its line)
REFUSALS = [
    ("empty", b"", ["empty"], None),
    ("cut-short pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", ["PDF is damaged", "trailer", "again"], None),
    ("docx or epub (zip)", b"PK\x03\x04\x14\x00\x00\x00", ["zip", "plain text"], None),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00", ["image"], None),
    ("random binary", bytes(range(256)) * 64, ["binary", "offset 0"], None),
    ("zeros", b"\x00" * 1000, ["binary"], None),
    ("broken utf-8", "één\ntwee\n".encode() + b"dr\xffie", ["UTF-8", "0xff", "byte offset 13", "--encoding"], 3),
    ("cp1252 with an unassigned byte", b"\x93ja\x94\r\nnee \x81", ["Windows-1252", "0x81", "byte offset 10"], 2),
    ("truncated utf-16", codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00", ["UTF-16", "byte offset 6"], 1),
]


@pytest.mark.parametrize(
    ("data", "words", "line"), [c[1:] for c in REFUSALS], ids=[c[0] for c in REFUSALS]
)  # fmt: skip
def test_refuses_with_one_clear_line(data: bytes, words: list[str], line: int | None) -> None:
    with pytest.raises(SourceError) as caught:
        decode(data, "paper.txt")
    message = caught.value.format()
    assert message.startswith("paper.txt")
    assert "\n" not in message and " — " in message
    assert caught.value.line == line
    for word in words:
        assert word in message


def test_replaces_undecodable_bytes_when_asked() -> None:
    decoded = decode("één\n".encode() + b"twee \xff\xfe!", "paper.txt", replace=True)
    assert decoded.text == "één\ntwee \ufffd\ufffd!"
    (warning,) = decoded.diagnostics
    assert (warning.code, warning.line) == ("IN002", 2)
    assert "2 undecodable bytes" in warning.message


def test_forced_encoding_skips_guessing() -> None:
    assert decode("Ŝ".encode("iso8859-3"), "paper.txt", encoding="iso8859-3").text == "Ŝ"
    assert decode(QUOTES.encode("cp1252"), "paper.txt", encoding="latin-1").encoding == "latin-1"


def test_unknown_forced_encoding_is_an_input_error() -> None:
    with pytest.raises(SourceError, match="unknown encoding"):
        decode(b"abc", "paper.txt", encoding="no-such-codec")


# ------------------------------------------------------------------ sanitize

# (id, text in, text out, warning codes)
CLEANS = [
    ("crlf", "a\r\nb", "a\nb", ()),
    ("cr", "a\rb\rc", "a\nb\nc", ()),
    ("nel, line and paragraph separators, vertical tab", "a\x85b\u2028c\u2029d\x0be", "a\nb\nc\nd\ne", ()),
    ("form feed stays for the reader", "a\fb", "a\fb", ()),
    ("tab stays", "a\tb", "a\tb", ()),
    ("leading bom goes silently", "\ufeffa", "a", ()),
    ("nul", "a\x00b", "ab", ("IN001",)),
    ("c0 controls", "a\x01\x02\x1bb\x7f", "ab", ("IN001",)),
    ("c1 controls", "a\x80\x9fb", "ab", ("IN001",)),
    ("lone surrogates", "a\ud800b\udfffc", "abc", ("IN001",)),
    ("noncharacters", "a\ufffe\uffff\ufdd0\U0001fffeb", "ab", ("IN001",)),
    ("bom inside the text and object placeholder", "a\ufeffb\ufffc", "ab", ("IN001",)),
    ("bidi overrides and isolates", "a\u202eb\u202c\u2066c\u2069", "abc", ("IN004",)),
    ("bidi marks stay", "a\u200eb\u200f", "a\u200eb\u200f", ()),
    ("zero-width characters stay", "a\u200bb\u200cc\u200dd\u2060e\u00adf", "a\u200bb\u200cc\u200dd\u2060e\u00adf", ()),
    ("symbol-font bullet", "\uf0b7 punt", "\u2022 punt", ()),
    ("private use kept with a warning", "logo \ue000", "logo \ue000", ("IN006",)),
    ("nfc", "e\u0301", "é", ()),
    ("combining marks beyond the stream-safe limit", "a" + "\u0301" * 40, None, ("IN005",)),
    ("emoji zwj sequence stays", "👩\u200d💻", "👩\u200d💻", ()),
]


@pytest.mark.parametrize(("text", "clean", "codes"), [c[1:] for c in CLEANS], ids=[c[0] for c in CLEANS])
def test_sanitize(text: str, clean: str | None, codes: tuple[str, ...]) -> None:
    result = sanitize(text)
    if clean is not None:
        assert result.text == clean
    assert tuple(d.code for d in result.diagnostics) == codes
    assert unicodedata.is_normalized("NFC", result.text)


def test_one_warning_per_kind_with_count_and_first_line() -> None:
    result = sanitize("een\ntwee\x00\ndrie\x00\x01")
    (warning,) = result.diagnostics
    assert warning.line == 2
    assert warning.message.startswith("3 control characters were removed")


def test_line_numbers_count_every_kind_of_line_end() -> None:
    (warning,) = sanitize("een\r\ntwee\rdrie\x00").diagnostics
    assert warning.line == 3


def test_overlong_combining_run_is_cut_to_the_limit() -> None:
    result = sanitize("x" + "\u0316" * 100 + " y")
    assert result.text == "x" + "\u0316" * MAX_COMBINING + " y"


@pytest.mark.parametrize(
    "text",
    [
        "a" + "\u0316\u0301" * 200_000,  # NFC sorts combining marks in quadratic time: cut first
        "woord " * 1_700_000,  # 10 MB of clean text
        "woord\x00\r\n" * 1_000_000,  # 8 MB with something to remove on every line
    ],
    ids=["400k combining marks", "10 MB clean", "8 MB dirty"],
)
def test_sanitize_is_linear_on_large_text(text: str) -> None:
    started = time.perf_counter()
    sanitize(text)
    assert time.perf_counter() - started < 15
