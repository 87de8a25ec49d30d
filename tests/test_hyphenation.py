"""The shipped Dutch hyphenation table: it breaks words where pyphen does, and loads without pyphen."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pyphen
import pytest

import convert
from convert import hyphenation
from convert.readers.kamerstuk import wordtable

ROOT = Path(__file__).resolve().parent.parent
# minimums the converter uses (the reader: pyphen's 2 and 2; the PDF writer: 3 and 3), and extremes
MINIMUMS = [(2, 2), (3, 3), (0, 0), (1, 4), (5, 1)]
# capitals, marks, ligatures, letters that lower-case to two, hyphens, apostrophes, no letters at all
TRICKY = [
    "lettergrepen", "Kamerstuk", "EU-regelgeving", "niet-professionele", "geëvenaard", "coöperatie", "naïeve",
    "ﬁnanciën", "İstanbul", "ĲSSELMEER", "auto's", "zo'n", "a", "", "--", ".", "x.y", "1234", "Ærø", "straße",
]  # fmt: skip


def _sample_words() -> list[str]:
    """Every word of the fixtures and case files, a sample of the word table's words and compounds of them."""
    token = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
    texts = [*ROOT.glob("fixtures/*/source.txt"), *ROOT.glob("tests/cases/*.txt")]
    words = {w for path in texts for w in token.findall(path.read_text(encoding="utf-8"))}
    rng = random.Random(20261128)
    table = [line.split("\t", 1)[0] for line in wordtable._lines()[1:]]
    sample = rng.sample(table, 3000)
    compounds = [a + b for a, b in zip(sample[:1500], sample[1500:], strict=True)]
    return sorted(words) + TRICKY + sample + compounds


@pytest.mark.parametrize(("left", "right"), MINIMUMS)
def test_breaks_are_pyphens(left: int, right: int) -> None:
    theirs = pyphen.Pyphen(lang=hyphenation.LANGUAGE, left=left, right=right)
    ours = hyphenation.dutch_hyphenator(left, right)
    wrong = [
        word
        for word in _sample_words()
        if ours.positions(word) != theirs.positions(word)
        or list(ours.iterate(word)) != list(theirs.iterate(word))
        or ours.inserted(word) != theirs.inserted(word)
        or ours.inserted(word, "·") != theirs.inserted(word, "·")
    ]
    assert wrong == []


def test_known_breaks() -> None:
    dutch = hyphenation.dutch_hyphenator()
    assert dutch.positions("lettergrepen") == [3, 6, 9]
    assert dutch.inserted("lettergrepen") == "let-ter-gre-pen"
    assert list(dutch.iterate("Kamerstuk")) == [("Kamer", "stuk"), ("Ka", "merstuk")]
    assert hyphenation.dutch_hyphenator(3, 3).positions("lettergrepen") == [3, 6, 9]
    assert hyphenation.dutch_hyphenator(4, 4).positions("lettergrepen") == [6]


def test_the_table_is_sorted_and_says_what_it_holds() -> None:
    lines = hyphenation.DATA.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert lines[0].startswith(hyphenation.HEADER)
    assert lines[1:] == sorted(lines[1:])
    assert all(re.fullmatch(r"[^\t\s]+\t\d*[1-9]", line) for line in lines[1:])


def test_the_table_ships_inside_the_package() -> None:
    """The wheel holds the ``convert`` package folder with its data (as the reader's word table)."""
    package = Path(convert.__file__).parent
    assert hyphenation.DATA.is_relative_to(package)
    assert hyphenation.DATA.is_file()
    assert (hyphenation.DATA.parent / "README.md").is_file()


def test_loading_does_not_import_pyphen() -> None:
    code = (
        "import sys\n"
        "from convert.hyphenation import dutch_hyphenator\n"
        "assert dutch_hyphenator().positions('lettergrepen') == [3, 6, 9]\n"
        "assert 'pyphen' not in sys.modules, 'the hyphenation table imported pyphen'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_shipped_table_is_what_the_script_makes(tmp_path: Path) -> None:
    """``scripts/make-hyphenation-table`` gives the shipped patterns (the header names pyphen's version)."""
    out = tmp_path / "table.tsv"
    hyphenation.build(out)
    made_header, _, made = out.read_text(encoding="utf-8").partition("\n")
    shipped_header, _, shipped = hyphenation.DATA.read_text(encoding="utf-8").partition("\n")
    assert made == shipped, f"pyphen's patterns changed: rebuild the table ({made_header} vs {shipped_header})"
