"""The reader's word table: it answers as wordfreq does, and the reader runs without wordfreq."""

from __future__ import annotations

import gzip
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from convert.readers.kamerstuk import wordtable

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# words whose tokens wordfreq finds in its own way: elisions, apostrophes, hyphens, case folding,
# ligatures, marks, numbers that are no digits
TRICKY = [
    "l'amour", "zo'n", "auto's", "d'accord", "qu'il", "baby's", "o'neill", "rock'n'roll", "xl'amour", "l'h",
    "we'll", "it's", "DON'T", "l’amour", "auto’s", "autoʼs", "ʼs-gravenhage", "a‘b", "aa''bb", "evidence-based",
    "war-on-drugs", "e-mail", "EU-regelgeving", "niet-professionele", "straße", "İstanbul", "ĳs", "ﬁnanciën",
    "Œuvre", "naïeve", "coöperatie", "geëvenaard", "hé", "m²", "x²y", "½jaar", "Ⅻ-b", "e\u0301te", "ǅemal",
]  # fmt: skip


def test_reader_does_not_import_wordfreq() -> None:
    """A fresh process reads the seed without importing wordfreq (half a second of start-up)."""
    code = (
        "import sys\n"
        "import convert.readers.kamerstuk as k\n"
        "k.read_kamerstuk(open('fixtures/seed/source.txt', encoding='utf-8').read())\n"
        "assert 'wordfreq' not in sys.modules, 'the reader imported wordfreq'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_hyphenation_patterns_load_only_when_a_break_needs_them() -> None:
    """The motion has no line-end hyphen that the earlier rules leave open: pyphen's patterns stay unloaded."""
    code = (
        "from convert.readers.kamerstuk import hyphens, read_kamerstuk\n"
        "read_kamerstuk(open('fixtures/motie-32545-143/source.txt', encoding='utf-8').read())\n"
        "assert hyphens._dutch_patterns.cache_info().currsize == 0, 'the Dutch patterns were loaded'\n"
        "read_kamerstuk(open('fixtures/seed/source.txt', encoding='utf-8').read())\n"
        "assert hyphens._dutch_patterns.cache_info().currsize == 1, 'the seed needs the patterns'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_table_is_sorted_and_says_what_it_holds() -> None:
    lines = gzip.decompress(wordtable.DATA.read_bytes()).decode("utf-8").rstrip("\n").split("\n")
    assert lines[0].startswith(wordtable.HEADER)
    assert f"nl ≥ {wordtable.DUTCH_FROM} or en ≥ {wordtable.ENGLISH_FROM}" in lines[0]
    assert lines[1:] == sorted(lines[1:])
    assert all(re.fullmatch(r"[^\t\n]+\t\d+\t\d+", line) for line in lines[1:])
    assert wordtable.DATA.stat().st_size < 1_000_000


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Beleid", ("beleid",)),
        ("evidence-based", ("evidence", "based")),
        ("l'amour", ("l", "amour")),
        ("zo'n", ("zo'n",)),
        ("auto’s", ("auto's",)),
        ("Straße", ("strasse",)),
        ("m²", ("m",)),
    ],
)
def test_tokens_are_wordfreqs(word: str, expected: tuple[str, ...]) -> None:
    assert wordtable.tokens(word) == expected


def test_common_words_known_and_unknown_words_zero() -> None:
    assert wordtable.zipf_frequency("de", "nl") > 7 > wordtable.zipf_frequency("de", "en")
    assert wordtable.zipf_frequency("the", "en") > 7
    assert wordtable.zipf_frequency("xqzvvbnm", "nl") == wordtable.zipf_frequency("xqzvvbnm", "en") == 0.0
    assert wordtable.zipf_frequency("war-xqzvvbnm", "en") == 0.0  # one unknown part: the whole word is unknown


def _sample_words() -> list[str]:
    """Every word of the fixtures, the tricky ones, a sample of the table's words and compounds of them."""
    token = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
    words = {w for path in FIXTURES.glob("*/source.txt") for w in token.findall(path.read_text(encoding="utf-8"))}
    rng = random.Random(20261128)
    table = [line.split("\t", 1)[0] for line in wordtable._lines()[1:]]
    sample = rng.sample(table, 2000)
    compounds = [a + rng.choice("-'") + b for a, b in zip(sample[:1000], sample[1000:], strict=True)]
    return sorted(words) + TRICKY + sample + compounds


def test_table_gives_wordfreqs_frequencies() -> None:
    """What the table says is what wordfreq says, for every word whose parts are in the table; else 0."""
    wordfreq = pytest.importorskip("wordfreq", reason="wordfreq is a build tool (the build extra)")
    wrong = []
    for word in _sample_words():
        for lang in ("nl", "en"):
            assert list(wordtable.tokens(word)) == wordfreq.lossy_tokenize(word, lang), word
            ours, theirs = wordtable.zipf_frequency(word, lang), wordfreq.zipf_frequency(word, lang)
            known = all(any(wordtable._entry(part)) for part in wordtable.tokens(word))
            if ours != (theirs if known else 0.0):
                wrong.append((word, lang, ours, theirs))
    assert not wrong


def test_table_keeps_every_word_above_its_limits() -> None:
    """The table holds every askable word at least as common as its limits, with both frequencies."""
    wordfreq = pytest.importorskip("wordfreq", reason="wordfreq is a build tool (the build extra)")
    for lang, limit in (("nl", wordtable.DUTCH_FROM), ("en", wordtable.ENGLISH_FROM)):
        top = [w for w in wordfreq.iter_wordlist(lang) if w.isalpha()][:20000]
        assert [w for w in top if wordfreq.zipf_frequency(w, lang) >= limit and not any(wordtable._entry(w))] == []


def test_the_shipped_table_is_what_the_script_makes(tmp_path: Path) -> None:
    """``scripts/make-word-table`` with the wordfreq version named in the table gives the same bytes."""
    pytest.importorskip("wordfreq", reason="wordfreq is a build tool (the build extra)")
    from importlib.metadata import version

    if f"wordfreq {version('wordfreq')}," not in wordtable._lines()[0]:
        pytest.skip("another wordfreq version than the table was made with")
    out = tmp_path / "table.tsv.gz"
    wordtable.build(out)
    assert out.read_bytes() == wordtable.DATA.read_bytes()
