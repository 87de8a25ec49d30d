"""How common a word is in Dutch and in English: wordfreq's Zipf frequencies, from a table shipped with the reader.

The reader asks two things of word frequencies: is a word Dutch (``hyphens``: Zipf ≥ 3 in Dutch), and
does it lean English (``inlines``: English against Dutch). wordfreq answers both, but importing it
and unpacking its two lists costs half a second in every process, so the answers come from
``data/zipf-nl-en.tsv.gz`` instead: one line per word, sorted, ``word<TAB>nl<TAB>en``, each number
the word's Zipf frequency in that language times 100 (0: not in that list). It holds every word of
wordfreq's Dutch and English lists with Zipf ≥ ``DUTCH_FROM`` in Dutch or ≥ ``ENGLISH_FROM`` in
English, with both its frequencies; a rarer word is not in it and counts as 0 in both languages,
as a word missing from wordfreq's lists does. ``data/README.md`` says where the data comes from
and under which licence.

Lookups follow wordfreq's ``zipf_frequency`` exactly: the word is normalised (NFC, case folding)
and split into wordfreq's tokens (at hyphens, and after an elided article such as ``l'``); the
frequencies of several tokens combine as 1/f = 1/f1 + 1/f2 + …, rounded as wordfreq rounds them;
a token missing from a list makes the word 0 in that language.

Rebuild the table (wordfreq is a build tool, not a dependency of the reader)::

    python -m convert.readers.kamerstuk.wordtable --build     # or scripts/make-word-table
"""

from __future__ import annotations

import bisect
import functools
import gzip
import math
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).with_name("data") / "zipf-nl-en.tsv.gz"
DUTCH_FROM = 3.0  # every word at least this common in Dutch (1 in a million words) is in the table ...
ENGLISH_FROM = 2.0  # ... and every word at least this common in English (1 in 100 million)
HEADER = "# word\tnl\ten"
_COLUMN = {"nl": 0, "en": 1}

# Marks and letter-like numbers (Ⅻ) are word characters for wordfreq; other numbers (², ½) are not.
_WORD_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Nl"})
# A run of word characters with single apostrophes inside: one token (UAX #29, as wordfreq splits words).
_RUN = re.compile(r"[^\s'‘’]+(?:['‘’][^\s'‘’]+)*")
# wordfreq's ``INITIAL_VOWEL_EXPR`` (case folded): one or two letters, an apostrophe and one of these
# vowels end a token at the apostrophe ("l'amour" -> "l", "amour"; "zo'n" and "auto's" stay whole).
_ELISION = re.compile(r"([^\s'‘’]{1,2})'(?=[aehiouyáéíóúàèìòùâêîôûåïöœ])")

_UNCURL = re.compile("[ʼ‘-‛]")  # ftfy's uncurl_quotes, which wordfreq applies to each token


@functools.cache
def _lines() -> list[str]:
    """The table's lines, sorted (the header first): looked up by bisection, so loading builds no dict."""
    lines = gzip.decompress(DATA.read_bytes()).decode("utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines[0].startswith(HEADER):
        raise ValueError(f"{DATA}: not a word table (its first line is {lines[0][:40]!r})")
    return lines


def _entry(token: str) -> tuple[int, int]:
    """The token's Zipf frequencies × 100 in Dutch and in English; (0, 0) when it is not in the table."""
    lines = _lines()
    key = token + "\t"
    index = bisect.bisect_left(lines, key, 1)
    if index < len(lines) and lines[index].startswith(key):
        _, nl, en = lines[index].split("\t")
        return int(nl), int(en)
    return 0, 0


def tokens(word: str) -> tuple[str, ...]:
    """wordfreq's tokens of ``word`` (its ``lossy_tokenize`` for Dutch and English) for a word of letters,
    hyphens and apostrophes, as the reader looks up: NFC, case folded, split at anything but letters
    and inner apostrophes, and after an elided article."""
    text = unicodedata.normalize("NFC", word).casefold()
    if text.isalpha() and "ʼ" not in text:
        return (text,)
    text = "".join(c if c.isalpha() or c in "'‘’" or unicodedata.category(c) in _WORD_CATEGORIES else " " for c in text)
    found: list[str] = []
    for run in _RUN.findall(text):
        while match := _ELISION.match(run):
            found.append(match.group(1))
            run = run[match.end() :]
        found.append(_UNCURL.sub("'", run))
    return tuple(found)


def zipf_frequency(word: str, lang: str) -> float:
    """wordfreq's ``zipf_frequency(word, lang)`` for ``lang`` "nl" or "en", from the table: 0.0 for an unknown word."""
    return zipf_frequencies(word)[_COLUMN[lang]]


@functools.cache
def zipf_frequencies(word: str) -> tuple[float, float]:
    """``zipf_frequency`` of ``word`` in Dutch and in English: the reader asks both of most words, and
    both come from one tokenisation and one lookup of each token."""
    entries = [_entry(part) for part in tokens(word)]
    return _combined([entry[0] for entry in entries]), _combined([entry[1] for entry in entries])


def _combined(zipf100s: list[int]) -> float:
    """The Zipf frequency of a word whose tokens have these Zipf frequencies × 100 (0: not in the list)."""
    if not zipf100s or not all(zipf100s):
        return 0.0
    one_over = 0.0
    for zipf100 in zipf100s:
        one_over += 1.0 / (10 ** (-(900 - zipf100) / 100))  # wordfreq's cB_to_freq of the word's bucket
    frequency = 1.0 / one_over
    # wordfreq rounds to three significant digits, then to two decimals on the Zipf scale
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


# ---------------------------------------------------------------------------------------- building


def build(path: Path = DATA, dutch_from: float = DUTCH_FROM, english_from: float = ENGLISH_FROM) -> int:
    """Write the table from wordfreq's 'best' lists for Dutch and English; return the number of words."""
    from importlib.metadata import version

    nl, en = _zipf100("nl"), _zipf100("en")
    dutch_min, english_min = round(dutch_from * 100), round(english_from * 100)
    words = sorted(
        token
        for token in nl.keys() | en.keys()
        if (nl.get(token, 0) >= dutch_min or en.get(token, 0) >= english_min) and _askable(token)
    )
    source = f"Zipf frequency × 100 (0: not in the list) from wordfreq {version('wordfreq')}, CC BY-SA 4.0"
    kept = f"every word with nl ≥ {dutch_from} or en ≥ {english_from}; see README.md"
    lines = [f"{HEADER}\t{source}; {kept}", *(f"{token}\t{nl.get(token, 0)}\t{en.get(token, 0)}" for token in words)]
    if lines != sorted(lines):
        raise ValueError("the table's lines do not sort by their words, header first")
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the gzip header: the same lists always give the same bytes
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
    return len(words)


def _zipf100(lang: str) -> dict[str, int]:
    """Each word of wordfreq's list for ``lang`` with its Zipf frequency × 100.

    wordfreq keeps a list as buckets of one centibel: bucket ``i`` holds the words of frequency
    10 ** (-i / 100), Zipf (900 - i) / 100; a word in two buckets has the later one, as in its
    ``get_frequency_dict``."""
    import wordfreq  # a build tool: the reader itself never imports it

    zipf100: dict[str, int] = {}
    for index, bucket in enumerate(wordfreq.get_frequency_list(lang, "best")):
        for token in bucket:
            zipf100[token] = 900 - index
    if min(zipf100.values()) <= 0:
        raise ValueError(f"wordfreq's {lang} list has words below Zipf 0.01, which the table cannot write")
    return zipf100


def _askable(token: str) -> bool:
    """A token that a lookup can ask for: letters (with marks) and apostrophes; no numbers, no punctuation."""
    return any(c.isalpha() for c in token) and all(
        c.isalpha() or c == "'" or unicodedata.category(c) in _WORD_CATEGORIES for c in token
    )


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build the reader's word table from wordfreq (needs wordfreq).")
    parser.add_argument("--build", action="store_true", help="write the table")
    parser.add_argument("--output", type=Path, default=DATA, help="where to write it (default: the reader's table)")
    parser.add_argument("--dutch-from", type=float, default=DUTCH_FROM, help="lowest Dutch Zipf frequency kept")
    parser.add_argument("--english-from", type=float, default=ENGLISH_FROM, help="lowest English Zipf frequency kept")
    args = parser.parse_args(argv)
    if not args.build:
        parser.print_help()
        return 2
    count = build(args.output, args.dutch_from, args.english_from)
    size = args.output.stat().st_size
    print(f"{args.output}: {count} words (Dutch Zipf ≥ {args.dutch_from} or English Zipf ≥ {args.english_from}), "
          f"{size / 1000:.0f} kB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
