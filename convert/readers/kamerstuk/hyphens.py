"""Dutch line-end hyphen repair: was the hyphen put there by the line break, or is it part of the text?

Decided on evidence, in this order (the first rule that speaks decides):

1. the form of the words: a capital or digit after the hyphen (``Staten-/Generaal``), a capital or
   digit before it (``EU-/regelgeving``), a part without a vowel, so no Dutch syllable
   (``otc-/derivaten``), or a conjunction after it (suspended hyphen ``paspoort-/en``) keep the hyphen;
   a URL is never changed (``…/huisvesting_`` + ``evacuees``: no space, no character added or lost);
2. the document's own words: a form that the document also writes unbroken decides, and so does
   a first part that the document only writes with a hyphen (``niet-professionele`` makes
   ``niet-/essentiële`` keep it);
3. Dutch spelling: a vowel clash across the break (``zee-/egel``) keeps the hyphen between two words
   and turns into a diaeresis after a prefix (``ge-/evenaard`` → ``geëvenaard``);
4. Dutch hyphenation patterns (pyphen's ``nl_NL``, from LibreOffice, as ``convert.hyphenation`` ships
   them): a break the patterns allow is a break; a position they never break at means the hyphen is real.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from convert.hyphenation import Hyphenator, dutch_hyphenator
from convert.model import PrintBreak
from convert.readers.kamerstuk.wordtable import zipf_frequency

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_LAST_WORD = re.compile(r"([\w.]*?)([^\W\d_]*)-$", re.UNICODE)
_FIRST_WORD = re.compile(r"^([^\W\d_]+)", re.UNICODE)
_SUSPENDED_BEFORE = frozenset({"en", "of", "tot", "t/m", "noch", "dan"})
_URL = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)
_URL_GOES_ON = re.compile(r"(?:https?://|www\.)\S*[/_\-.:=?&#%]$|https?://$", re.IGNORECASE)
_SENTINEL = re.compile("^(\ue000[^\ue001]*\ue001)")
_BLANKS = re.compile(r"[ \t]+")
_VOWELS = "aeiouy"
# Words that open Dutch sentences and are no names (a capital on them means a sentence start).
_SENTENCE_WORDS = frozenset(
    ("de", "het", "een", "wat", "dit", "deze", "dat", "die", "in", "op", "voor", "met", "bij", "ook", "zo",
     "er", "als", "naar", "om", "hier", "daar", "wij", "ik", "u", "zij", "hoe", "waarom", "wanneer", "welke",
     "verder", "daarnaast", "tevens", "voorts", "echter", "bovendien")
)  # fmt: skip
_DIAERESIS = str.maketrans("aeiou", "äëïöü")
# Vowel pairs that read as one sound in Dutch; across a morpheme boundary they need a sign.
_DIGRAPHS = frozenset({"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui", "uu"})


class Vocabulary:
    """How often the document writes each word, unbroken, in lower case."""

    def __init__(self, words: Counter[str], every_word: Counter[str]) -> None:
        """``words``: the words of whole lines; ``every_word``: with those cut at a line end (made by ``of_lines``)."""
        self._cased = words
        # what counts casings, not hyphens, may count the cut words too (the title's casing)
        self.every_word = every_word
        # the other counts are made from the distinct words, far fewer than the words of a long paper
        self._counts: Counter[str] = Counter()
        for word, count in self._cased.items():
            self._counts[word.lower()] += count
        self._undone: set[tuple[str, int]] = set()  # print breaks joined again (print_breaks)
        # first parts of hyphenated compounds ("niet" in "niet-professionele")
        self._hyphened: Counter[str] = Counter()
        for word, count in self._counts.items():
            if "-" in word:
                self._hyphened[word.split("-", 1)[0]] += count

    @classmethod
    def of_lines(cls, lines: Iterable[str]) -> Vocabulary:
        """Words from whole lines only: a word cut at a line end is no evidence of itself."""
        texts = list(lines)
        every_word = Counter(_WORD.findall("\n".join(texts)))  # one search: no word runs over a line end
        words = every_word.copy()
        for line in texts:
            if line.rstrip().endswith("-") and (found := _WORD.findall(line)):
                cut = found[-1]
                words[cut] -= 1
                if not words[cut]:
                    del words[cut]
        return cls(words, every_word)

    def count(self, word: str) -> int:
        return self._counts[word.lower()]

    def starts_sentence(self, word: str) -> bool:
        """A capitalised word the document mostly writes in lower case: a sentence start, not a name."""
        lower = word.lower()
        return word[:1].isupper() and (lower in _SENTENCE_WORDS or self._cased[lower] > self._cased[word])

    def hyphened_prefix(self, part: str) -> int:
        """How often ``part`` is the first part of a hyphenated compound in the document."""
        return self._hyphened[part.lower()]

    def undid(self, head: str, tail: str) -> None:
        """Remember that the print broke ``head + tail`` after ``head`` and the reader joined it."""
        self._undone.add(((head + tail).lower(), len(head)))

    def print_breaks(self) -> tuple[PrintBreak, ...]:
        """The print's own hyphenation points the reader undid, in word order (for the writers)."""
        return tuple(PrintBreak(word, position) for word, position in sorted(self._undone))


@functools.cache
def _dutch_patterns() -> Hyphenator:
    """Dutch patterns with pyphen's minimums (two letters a side): loaded on the first break no other rule decides."""
    return dutch_hyphenator()


def join_break(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join line ``left`` (ending in "-") with the next line ``right``; return the joined text."""
    if _has_url_mark(left) and _URL.search(left):
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
    if not any(c in _VOWELS for c in tail.lower()):
        return keep  # "otc-derivaten": a part with no vowel is an abbreviation, not a syllable
    joined = tail + following
    if vocabulary.count(f"{tail}-{following}") > vocabulary.count(joined):
        return keep
    if vocabulary.count(joined) > 0:
        vocabulary.undid(tail, following)
        return drop
    if vocabulary.hyphened_prefix(tail) > 0 and _is_word(tail.lower()):
        return keep
    clash = _vowel_clash(tail, following)
    if clash == "compound":
        return keep
    if clash == "diaeresis":
        return left[:-1] + following[0].translate(_DIAERESIS) + right[1:]
    if len(tail) in _dutch_patterns().positions(joined.lower()):
        vocabulary.undid(tail, following)
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
    return zipf_frequency(word, "nl") >= 3.0


def _has_url_mark(text: str) -> bool:
    """Whether ``text`` has what every URL pattern here starts with ("://" or "www." in any case):
    looking costs less than a search, and a paragraph's line ends seldom have it."""
    return "://" in text or "www." in text.lower()


def reflow(lines: list[str], vocabulary: Vocabulary) -> str:
    """Re-flow the lines of one paragraph into one line, undoing line-end hyphenation.

    A line may start with a page-start sentinel; it stays at the join, or after a word that a
    hyphen split over the page break.

    Every rule looks at the end of the text so far only (its last word, from the last space on), so
    the text is kept as the finished part before that space and the open ``tail`` after it: a
    paragraph takes time linear in its length.
    """
    done: list[str] = []  # the text before ``tail``; it ends just before a space
    tail = ""  # the text from its last space on (all of it while it has no space)
    for raw in lines:
        line = raw.strip()
        sentinel = ""
        if line[:1] == "\ue000" and (match := _SENTINEL.match(line)):
            sentinel = match.group(1)
            line = line[len(sentinel) :].lstrip()
        before = len(tail)
        if not tail:
            tail = line  # the first line (``tail`` is empty only before it)
        elif _has_url_mark(tail) and _URL_GOES_ON.search(tail) and line and " " not in line.split(" ", 1)[0]:
            tail = tail + line  # a URL cut at the line end goes on
        elif tail.endswith(" -"):
            tail = tail + line  # "beleggingsdiensten en -producten"
        elif tail.endswith("-"):
            tail = join_break(tail, line, vocabulary)
        else:
            tail = f"{tail} {line}"
        if sentinel:
            if not before and not done:
                tail = sentinel + tail
            elif len(tail) > before and tail[before : before + 1] == " ":
                tail = tail[: before + 1] + sentinel + tail[before + 1 :]
            else:
                end = tail.find(" ", max(0, before - 1))
                end = len(tail) if end < 0 else end
                tail = tail[:end] + sentinel + tail[end:]
        if (space := tail.rfind(" ")) > 0:
            done.append(tail[:space])
            tail = tail[space:]
    text = "".join(done) + tail
    return _BLANKS.sub(" ", text) if "\t" in text or "  " in text else text  # most have one space a gap


_INLINE_BREAK = re.compile(r"\b([^\W\d_]{2,})-([^\W\d_]{2,})\b", re.UNICODE)


def repair_inline_breaks(text: str, vocabulary: Vocabulary) -> str:
    """Undo print hyphens that OCR kept inside a line (``jeugdwel-zijnsbeleid``).

    Only for text whose lines were never re-wrapped: a lower-case hyphenated form whose first part
    is no Dutch word, whose joined form the patterns would break there, and that the document does
    not write with that hyphen elsewhere, was split by the printer's line end.
    """

    def decide(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if not (left.islower() and right.islower()) or _is_word(left.lower()):
            return match.group(0)
        joined = left + right
        if vocabulary.count(f"{left}-{right}") > 1 and vocabulary.count(joined) == 0:
            return match.group(0)
        if vocabulary.count(joined) > 0 or len(left) in _dutch_patterns().positions(joined.lower()):
            vocabulary.undid(left, right)
            return joined
        return match.group(0)

    return _INLINE_BREAK.sub(decide, text)
