"""Cleaning decoded text once, before any reader: what no output format can hold never enters the model.

A pure function, :func:`sanitize`, run by :func:`convert.pipeline.convert`. What it does, in order:

1. Line ends become ``\\n``: ``\\r\\n``, ``\\r``, NEL (U+0085), LINE and PARAGRAPH SEPARATOR
   (U+2028/U+2029) and the vertical tab (Word's manual line break in exported text). Form
   feeds stay: the reader counts print pages by them. A leading byte-order mark goes.
2. Characters that XML 1.0 cannot hold or that have no meaning in text are removed, with one
   warning per kind (count, first place): C0 and C1 controls (not tab, line feed, form feed),
   lone surrogates, noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, U+nFFFE/U+nFFFF), a byte-order
   mark inside the text, and U+FFFC (an object placeholder that Word leaves in exported text).
3. Bidirectional embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069) are
   removed with their own warning: they can make text display in a different order than it is
   read (CVE-2021-42574, "Trojan Source"), and no Dutch paper needs them. The marks LRM, RLM and
   ALM stay; they only nudge neutral characters.
4. A run of more than :data:`MAX_COMBINING` combining marks on one character is cut to that
   many (Unicode's stream-safe text format, UAX #15 section 13, allows 30): longer runs are
   never text, and NFC sorts them in quadratic time.
5. The two private-use bullets that Word's Symbol and Wingdings fonts leave in extracted text
   (U+F0B7, U+F0A7) become the bullets they show (U+2022, U+25AA); other private-use characters
   stay, with a warning that fonts may show them as boxes.
6. The text is normalised to NFC.

Kept on purpose: tab, form feed, zero-width space, zero-width (non-)joiner, word joiner and soft
hyphen. XML can hold them, they carry meaning (a joiner shapes an emoji or an Indic word, a
zero-width space marks a break opportunity), and the reader decides what to do with them.

Line numbers in the diagnostics count ``\\n`` after step 1, which is how the reader numbers lines.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass

from convert.diagnostics import Diagnostic

MAX_COMBINING = 30

# Character classes are split into the Basic Multilingual Plane, which ``re`` tests with a
# bitmap, and the planes above it, which it tests range by range (ten times slower): the
# second half only runs on text that has such characters at all.
_LINE_ENDS = re.compile("\r\n?|[\x0b\x85\u2028\u2029]")
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x9f"  # after line ends are done: \t \n \f stay
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff\ufeff\ufffc"
_ASTRAL_NONCHARACTERS = "".join(f"{chr(plane << 16 | 0xFFFE)}-{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_PRIVATE_USE = "\ue000-\uf8ff"
_ASTRAL_PRIVATE_USE = "\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_SYMBOL_FONT_BULLETS = {"\uf0b7": "\u2022", "\uf0a7": "\u25aa"}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# One pass that finds any of the above in the BMP: most text has none, and then little else runs.
_ANYTHING_TO_DO = re.compile(
    f"[\r\x0b\x85\u2028\u2029{_CONTROLS}{_SURROGATES}{_NONCHARACTERS}{_BIDI_CONTROLS}{_PRIVATE_USE}]"
)


@dataclass(frozen=True, slots=True)
class Sanitized:
    text: str
    diagnostics: tuple[Diagnostic, ...]


def sanitize(text: str) -> Sanitized:
    """The text with every character no writer can hold removed, and a warning per kind removed."""
    text = text.removeprefix("\ufeff")
    diagnostics: list[Diagnostic] = []
    astral = _ASTRAL.search(text) is not None
    if astral or _ANYTHING_TO_DO.search(text):
        text = _LINE_ENDS.sub("\n", text)
        text = _remove(text, _CONTROLS, "IN001", "control character", diagnostics, "XML cannot hold them")
        text = _remove(
            text, _SURROGATES, "IN001", "lone surrogate", diagnostics,
            "each is half of a character, left by a broken conversion",
        )  # fmt: skip
        noncharacters = _NONCHARACTERS + (_ASTRAL_NONCHARACTERS if astral else "")
        text = _remove(text, noncharacters, "IN001", "non-text character", diagnostics, "they have no meaning in text")
        text = _remove(
            text, _BIDI_CONTROLS, "IN004", "bidirectional control character", diagnostics,
            "they can make text display in another order than it is read",
        )  # fmt: skip
        text = _private_use(text, astral, diagnostics)
    text = _limit_combining(text, astral, diagnostics)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return Sanitized(text, tuple(diagnostics))


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _describe(character: str) -> str:
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {name}" if name else "")


def _remove(text: str, characters: str, code: str, kind: str, diagnostics: list[Diagnostic], why: str) -> str:
    pattern = _pattern(f"[{characters}]")
    first = pattern.search(text)
    if first is None:
        return text
    line = _line_of(text, first.start())
    cleaned, count = pattern.subn("", text)
    what = f"{count} {kind}s were" if count > 1 else f"1 {kind} was"
    diagnostics.append(
        Diagnostic(
            code,
            "warning",
            f"{what} removed (the first: {_describe(first.group())}); {why}",
            line=line,
        )
    )
    return cleaned


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _private_use(text: str, astral: bool, diagnostics: list[Diagnostic]) -> str:
    for symbol, bullet in _SYMBOL_FONT_BULLETS.items():
        text = text.replace(symbol, bullet)
    pattern = _pattern(f"[{_PRIVATE_USE}{_ASTRAL_PRIVATE_USE if astral else ''}]")
    first = pattern.search(text)
    if first is not None:
        count = len(pattern.findall(text))
        what = f"{count} private-use characters were" if count > 1 else "a private-use character was"
        diagnostics.append(
            Diagnostic(
                "IN006",
                "warning",
                f"{what} kept (the first: {_describe(first.group())}); they have no standard meaning and "
                "fonts may show them as empty boxes — replace them in the source if they stand for a symbol",
                line=_line_of(text, first.start()),
            )
        )
    return text


@functools.cache
def _combining_run(astral: bool) -> re.Pattern[str]:
    """More than MAX_COMBINING characters with a nonzero canonical combining class in a row."""
    last = sys.maxunicode if astral else 0xFFFF
    marks = [c for c in map(chr, range(last + 1)) if unicodedata.combining(c)]
    ranges: list[tuple[str, str]] = []
    for mark in marks:
        if ranges and ord(mark) == ord(ranges[-1][1]) + 1:
            ranges[-1] = (ranges[-1][0], mark)
        else:
            ranges.append((mark, mark))
    character_class = "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges)
    return re.compile(f"[{character_class}]{{{MAX_COMBINING + 1},}}")


def _limit_combining(text: str, astral: bool, diagnostics: list[Diagnostic]) -> str:
    pattern = _combining_run(astral)
    first = pattern.search(text)
    if first is None:
        return text
    removed = 0

    def cut(run: re.Match[str]) -> str:
        nonlocal removed
        removed += len(run.group()) - MAX_COMBINING
        return run.group()[:MAX_COMBINING]

    line = _line_of(text, first.start())
    text = pattern.sub(cut, text)
    diagnostics.append(
        Diagnostic(
            "IN005",
            "warning",
            f"{removed} combining marks were removed: a character carried more than {MAX_COMBINING}, "
            "which is not text (Unicode's stream-safe limit)",
            line=line,
        )
    )
    return text
