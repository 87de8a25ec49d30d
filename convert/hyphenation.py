"""Dutch hyphenation: pyphen's ``nl_NL`` patterns, from a table shipped with the converter.

The reader (is a line-end hyphen a break the patterns allow?) and the PDF writer (where may a long
word break?) both hyphenate Dutch. pyphen parses its ``hyph_nl_NL.dic`` line by line with regular
expressions in every process that loads it, about a tenth of a second, so the patterns come from
``data/hyph-nl.tsv`` instead, already parsed: one line per pattern, ``letters<TAB>weights``, the
weights one digit for each place from before the pattern's first letter on, trailing zeros dropped
(pyphen's ``.a4c2ht`` is ``.acht<TAB>0042``). Loading it is a split and a dict: a few milliseconds.
``data/README.md`` says where the patterns come from and under which licence.

Hyphenation is Liang's, as pyphen does it: every pattern found in the word, with a dot at each end,
sets the weights of its places (the highest weight wins), and an odd weight is a break; breaks
closer than ``left`` letters to the start or ``right`` letters to the end are dropped. The answers
are pyphen's for the same minimums (the tests compare both on many words).

Rebuild the table from the installed pyphen::

    python -m convert.hyphenation --build     # or scripts/make-hyphenation-table
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data") / "hyph-nl.tsv"
HEADER = "# pattern\tweights"
LANGUAGE = "nl_NL"  # pyphen's name of the dictionary the table is made from


@dataclass(frozen=True, slots=True)
class _Patterns:
    weights: Mapping[str, str]  # pattern letters -> a digit per place, from before its first letter on
    longest: int  # letters in the longest pattern: no longer piece of a word needs looking up


@functools.cache
def _patterns() -> _Patterns:
    """The table, read once per process (a pure loader: the file never changes while we run)."""
    header, _, body = DATA.read_text(encoding="utf-8").partition("\n")
    if not header.startswith(HEADER):
        raise ValueError(f"{DATA}: not a hyphenation table (its first line is {header[:40]!r})")
    fields = body.split()
    weights = dict(zip(fields[0::2], fields[1::2], strict=True))
    return _Patterns(weights, max(map(len, weights)))


@dataclass(frozen=True, slots=True)
class Hyphenator:
    """Dutch hyphenation with at least ``left`` letters before a break and ``right`` letters after it."""

    patterns: _Patterns
    left: int
    right: int

    def positions(self, word: str) -> list[int]:
        """Where ``word`` may break, as the number of letters before each break, in order."""
        dotted = f".{word.lower()}."
        weights = [0] * (len(dotted) + 1)
        table, longest = self.patterns.weights, self.patterns.longest
        for start in range(len(dotted) - 1):
            for end in range(start + 1, min(start + longest, len(dotted)) + 1):
                found = table.get(dotted[start:end])
                if found is None:
                    continue
                for place, digit in enumerate(found, start):
                    weight = ord(digit) - 48  # "0".."9"
                    if weight > weights[place]:
                        weights[place] = weight
        last = len(word) - self.right
        # place p of the dotted word is the break after p - 1 letters of the word
        return [place - 1 for place, weight in enumerate(weights) if weight % 2 and self.left <= place - 1 <= last]

    def compound_positions(self, word: str) -> tuple[list[int], frozenset[int]]:
        """Where ``word`` may break, with the joints of a compound (:func:`compound_joints`) among
        them: the patterns' points, less those one letter from a joint (which cut a part: "vroe-g"),
        with the joints and the points of each part as the patterns break it on its own added
        ("vroeg-in-ter-ven-tie", where the patterns alone give "vroe-gin-ter-ven-tie")."""
        joints = compound_joints(word)
        inner = Hyphenator(self.patterns, 2, 2)  # a part's ends are no word ends: two letters each side
        points = {p for p in inner.positions(word) if all(abs(p - joint) > 1 for joint in joints)}
        points.update(joints)
        for start, end in itertools.pairwise((0, *joints, len(word))):
            points.update(start + position for position in inner.positions(word[start:end]))
        points.update(self._old_spelling_positions(word))
        last = len(word) - self.right
        return sorted(p for p in points if self.left <= p <= last), frozenset(joints)

    def _old_spelling_positions(self, word: str) -> list[int]:
        """Breaks of a word in the spelling before 1947, which doubled the vowel of an open syllable
        (``afdeeling``, ``begrooting``, ``noodig``) where the patterns know only the single vowel:
        the modern form's breaks, carried back (``af-de-ling`` -> ``af-dee-ling``)."""
        lower = word.lower()
        found = _OPEN_DOUBLE_VOWEL.finditer(lower)
        dropped = [match.start() + 1 for match in found]  # the second vowel of each pair
        if not dropped:
            return []
        modern = "".join(char for i, char in enumerate(lower) if i not in dropped)
        old_index = [i for i in range(len(lower) + 1) if i not in dropped]  # modern place -> old place
        return [old_index[p] for p in Hyphenator(self.patterns, 2, 2).positions(modern)]

    def iterate(self, word: str) -> Iterator[tuple[str, str]]:
        """Each way to break ``word`` in two, the longest first part first (pyphen's ``iterate``)."""
        for position in reversed(self.positions(word)):
            yield word[:position], word[position:]

    def inserted(self, word: str, hyphen: str = "-") -> str:
        """``word`` with ``hyphen`` at every break (pyphen's ``inserted``: ``let-ter-gre-pen``)."""
        pieces = []
        start = 0
        for position in self.positions(word):
            pieces.append(word[start:position])
            start = position
        pieces.append(word[start:])
        return hyphen.join(pieces)


# "ee", "oo", "aa", "uu" before one consonant and a vowel: an open syllable, single-voweled since 1947
_OPEN_DOUBLE_VOWEL = re.compile(r"(?<![aeiou])(aa|ee|oo|uu)(?=[b-df-hj-np-tv-z][aeiouy])")

SHORTEST_PART = 4  # letters: a compound's parts are words of at least this length ...
SHORTEST_TAIL = 5  # ... and the parts after a joint of at least this ("luid|ende" is "lui-dende")
_PREFIXES = frozenset({"be", "ge", "ver", "ont", "her", "er"})  # unstressed: never a compound's first part
COMMON_WORD = 3.0  # ... and at least this common in Dutch (Zipf: once in a million words)


def _common_word(word: str) -> bool:
    # The reader's word table (wordfreq's Dutch list), imported when first needed: the reader imports
    # this module, and its table costs nothing until a compound is looked for.
    from convert.readers.kamerstuk.wordtable import zipf_frequency

    return len(word) >= SHORTEST_PART and zipf_frequency(word, "nl") >= COMMON_WORD


@functools.cache
def compound_joints(word: str) -> tuple[int, ...]:
    """Where a Dutch compound joins its parts, as letters before each joint; () for a word that is
    no compound, or one common enough to be a word of its own.

    A part is a common Dutch word of four letters or more, five after a joint (shorter common
    "words" are mostly endings: ``-ing``, ``-ten``, ``-ende``), and no prefix with an ``s``
    (``ver|s…``); a part before a joint may end in the linking ``s``
    (``welzijns|beleid``). Of the ways to split a word, the one with the fewest parts wins, then one
    without a linking ``s`` (``vragen|steller``, not ``vragens|teller``), then the one whose
    rarest part is most common."""
    lower = word.lower()
    if len(lower) < 2 * SHORTEST_PART or not lower.isalpha() or _common_word(lower):
        return ()
    best: tuple[int, bool, float, tuple[int, ...]] | None = None
    for cut in range(SHORTEST_PART, len(lower) - SHORTEST_TAIL + 1):
        head, rest = lower[:cut], lower[cut:]
        if head[:-1] in _PREFIXES:
            continue  # "vers|trekking" is "ver-strekking": a prefix, not a word, before the s
        linked = not _common_word(head)
        if linked and not (head.endswith("s") and _common_word(head[:-1])):
            continue
        tail_joints = () if _common_word(rest) else compound_joints(rest)
        if not _common_word(rest) and not tail_joints:
            continue
        joints = (cut, *(cut + joint for joint in tail_joints))
        parts = [lower[a:b] for a, b in itertools.pairwise((0, *joints, len(lower)))]
        rarest = min(_zipf(part) for part in parts)
        candidate = (-len(joints), not linked, rarest, joints)
        if best is None or candidate[:3] > best[:3]:
            best = candidate
    return best[3] if best is not None else ()


def _zipf(part: str) -> float:
    from convert.readers.kamerstuk.wordtable import zipf_frequency

    found: float = zipf_frequency(part, "nl")
    if not found and part.endswith("s"):
        found = zipf_frequency(part[:-1], "nl")
    return found


def dutch_hyphenator(left: int = 2, right: int = 2) -> Hyphenator:
    """Dutch hyphenation with these minimums (pyphen's defaults: two letters each side).

    The patterns are loaded on the first call in a process; a caller that hyphenates often keeps
    the hyphenator (``functools.cache`` on its own loader) rather than asking again."""
    return Hyphenator(_patterns(), left, right)


# ---------------------------------------------------------------------------------------- building


def build(path: Path = DATA) -> int:
    """Write the table from pyphen's ``nl_NL`` dictionary as pyphen parses it; return the number of patterns."""
    from importlib.metadata import version

    import pyphen  # pyphen parses the dictionary; the table keeps what it read

    source = pyphen.LANGUAGES[LANGUAGE]
    rows = []
    for letters, (start, values) in sorted(pyphen.HyphDict(source).patterns.items()):
        if any(getattr(value, "data", None) for value in values):
            raise ValueError(f"{source}: pattern {letters!r} has a nonstandard break, which the table cannot write")
        if not all(0 <= value <= 9 for value in values) or any(c.isspace() for c in letters):
            raise ValueError(f"{source}: pattern {letters!r} has a weight above 9 or a space")
        rows.append(f"{letters}\t{'0' * start}{''.join(str(value) for value in values)}")
    origin = f"pyphen {version('pyphen')} {source.name} as pyphen parses it; see README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([f"{HEADER}\t{origin}", *rows]) + "\n", encoding="utf-8", newline="\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build the Dutch hyphenation table from pyphen's nl_NL dictionary.")
    parser.add_argument("--build", action="store_true", help="write the table")
    parser.add_argument("--output", type=Path, default=DATA, help="where to write it (default: the shipped table)")
    args = parser.parse_args(argv)
    if not args.build:
        parser.print_help()
        return 2
    count = build(args.output)
    print(f"{args.output}: {count} patterns, {args.output.stat().st_size / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
