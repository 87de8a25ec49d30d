"""Dutch line-end hyphen repair: was the hyphen put there by the line break, or is it part of the text?

Decided on evidence, in this order (the first rule that speaks decides):

1. the form of the words: a capital or digit after the hyphen (``Staten-/Generaal``), a capital or
   digit before it (``EU-/regelgeving``) or a conjunction after it (suspended hyphen ``paspoort-/en``)
   keep the hyphen;
2. the document's own words: a form that the document also writes unbroken decides;
3. Dutch spelling: a vowel clash across the break (``zee-/egel``) keeps the hyphen between two words
   and turns into a diaeresis after a prefix (``ge-/evenaard`` → ``geëvenaard``);
4. Dutch hyphenation patterns (pyphen's ``nl_NL``, from LibreOffice): a break the patterns allow is a
   break; a position they never break at means the hyphen is real.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

import pyphen

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_LAST_WORD = re.compile(r"([\w.]*?)([^\W\d_]*)-$", re.UNICODE)
_FIRST_WORD = re.compile(r"^([^\W\d_]+)", re.UNICODE)
_SUSPENDED_BEFORE = frozenset({"en", "of", "tot", "t/m", "noch", "dan"})
_URL = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
_VOWELS = "aeiouy"
_DIAERESIS = str.maketrans("aeiou", "äëïöü")
# Vowel pairs that read as one sound in Dutch; across a morpheme boundary they need a sign.
_DIGRAPHS = frozenset({"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui", "uu"})


class Vocabulary:
    """How often the document writes each word, unbroken, in lower case."""

    def __init__(self, words: Iterable[str]) -> None:
        self._counts = Counter(word.lower() for word in words)

    @classmethod
    def of_lines(cls, lines: Iterable[str]) -> Vocabulary:
        """Words from whole lines only: a word cut at a line end is no evidence of itself."""
        words: list[str] = []
        for line in lines:
            found = _WORD.findall(line)
            if line.rstrip().endswith("-") and found:
                found = found[:-1]
            words.extend(found)
        return cls(words)

    def count(self, word: str) -> int:
        return self._counts[word.lower()]


@functools.cache
def _dutch_patterns() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def join_break(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join line ``left`` (ending in "-") with the next line ``right``; return the joined text."""
    if _URL.search(left):
        return left + right  # a URL cut at its own hyphen: never add or drop a character
    match = _LAST_WORD.search(left)
    first = _FIRST_WORD.match(right)
    if not match or not first:
        return f"{left}{right}" if first is None and right[:1].isalnum() else f"{left} {right}"
    head, tail = match.group(1), match.group(2)
    following = first.group(1)
    if following.lower() in _SUSPENDED_BEFORE and right[len(following) : len(following) + 1] in ("", " ", ","):
        return f"{left} {right}"  # "paspoort- en identiteitskaart"
    keep = left + right
    drop = left[:-1] + right
    if following[:1].isupper() or not tail or tail[-1].isupper() or head[-1:].isdigit():
        return keep
    joined = tail + following
    if vocabulary.count(f"{tail}-{following}") > vocabulary.count(joined):
        return keep
    if vocabulary.count(joined) > 0:
        return drop
    clash = _vowel_clash(tail, following)
    if clash == "compound":
        return keep
    if clash == "diaeresis":
        return left[:-1] + following[0].translate(_DIAERESIS) + right[1:]
    if len(tail) in _dutch_patterns().positions(joined.lower()):
        return drop
    return keep


def _vowel_clash(tail: str, following: str) -> str | None:
    """Dutch spelling at a vowel clash: "compound" (zee-egel), "diaeresis" (geëvenaard) or None."""
    pair = (tail[-1:] + following[:1]).lower()
    if len(pair) < 2 or pair[0] not in _VOWELS or pair[1] not in _VOWELS:
        return None
    if pair not in _DIGRAPHS:
        return None
    # A whole word before the break makes a compound (zee-egel, auto-ongeluk); a prefix or a
    # stem that is no word (ge-, be-, cre-) takes a diaeresis on the following vowel.
    if len(tail) >= 3 and _is_word(tail.lower()):
        return "compound"
    return "diaeresis"


@functools.cache
def _is_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl") >= 3.0


def reflow(lines: list[str], vocabulary: Vocabulary) -> str:
    """Re-flow the lines of one paragraph into one line, undoing line-end hyphenation."""
    text = ""
    for line in lines:
        line = line.strip()
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_break(text, line, vocabulary)
        else:
            text = f"{text} {line}"
    return re.sub(r"[ \t]+", " ", text)
