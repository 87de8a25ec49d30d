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
