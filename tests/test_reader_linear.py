"""The reader's work grows linearly with the text; the faster forms of its rules read exactly as the plain ones.

Each rule that was made linear is compared here with its plain form (the form it had before) on the
fixtures' lines and on random lines made to hit its edge cases. No test measures time: the benchmark
does (``benchmarks/``, ``docs/benchmarks.md``).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from convert.readers.kamerstuk.hyphens import _SENTINEL, _URL_GOES_ON, Vocabulary, join_break, reflow
from convert.readers.kamerstuk.notes import glued_marker, marker_numbers, spaced_marker

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def plain_reflow(lines: list[str], vocabulary: Vocabulary) -> str:
    """``reflow`` as it was: every rule looks at the whole text so far (quadratic in a paragraph's length)."""
    text = ""
    for raw in lines:
        line = raw.strip()
        sentinel = ""
        if match := _SENTINEL.match(line):
            sentinel = match.group(1)
            line = line[len(sentinel) :].lstrip()
        before = len(text)
        if not text:
            text = line
        elif _URL_GOES_ON.search(text) and line and " " not in line.split(" ", 1)[0]:  # noqa: SIM114 (as it was)
            text = text + line
        elif text.endswith(" -"):
            text = text + line
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_break(text, line, vocabulary)
        else:
            text = f"{text} {line}"
        if sentinel:
            if not before:
                text = sentinel + text
            elif len(text) > before and text[before : before + 1] == " ":
                text = text[: before + 1] + sentinel + text[before + 1 :]
            else:
                end = text.find(" ", max(0, before - 1))
                end = len(text) if end < 0 else end
                text = text[:end] + sentinel + text[end:]
    return re.sub(r"[ \t]+", " ", text)


_PIECES = [
    "de", "beleids", "mogelijkheden", "zee", "egel", "ge", "evenaard", "otc", "derivaten", "Staten", "Generaal",
    "EU", "regelgeving", "paspoort", "en", "of", "niet", "professionele", "3", "2021.", "a.b", "x_y", "(zie",
    "https://www.rijksoverheid.nl/a_", "www.example.nl/", "http://", "evacuees", "-producten", "-", " -", "’s",
    "café", "Ĳssel", "\t", "", "auto's", "l'amour",
]  # fmt: skip


def _random_lines(rng: random.Random) -> list[str]:
    lines = []
    for _ in range(rng.randint(1, 12)):
        words = [rng.choice(_PIECES) for _ in range(rng.randint(0, 4))]
        line = " ".join(words)
        if rng.random() < 0.5:
            line += rng.choice(["-", " -", "/", "_", "=", ""])
        if rng.random() < 0.2:
            line = f"\ue000{rng.randint(1, 9)}\ue001" + rng.choice(["", " "]) + line
        if rng.random() < 0.1:
            line = rng.choice([" ", "\t"]) + line + " "
        lines.append(line)
    return lines


def test_reflow_reads_as_before_on_random_lines() -> None:
    rng = random.Random(20261128)
    for _ in range(3000):
        lines = _random_lines(rng)
        vocabulary = Vocabulary.of_lines(lines)
        assert reflow(lines, vocabulary) == plain_reflow(lines, vocabulary), lines


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if (p / "source.txt").is_file()))
def test_reflow_reads_as_before_on_each_fixture(fixture: str) -> None:
    """Every run of lines between blank lines, re-flowed as one paragraph."""
    text = (FIXTURES / fixture / "source.txt").read_text(encoding="utf-8")
    vocabulary = Vocabulary.of_lines(text.split("\n"))
    for chunk in re.split(r"\n\s*\n|\f", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        assert reflow(lines, vocabulary) == plain_reflow(lines, vocabulary)


def _plain_markers(text: str) -> set[int]:
    candidates = {int(d) for d in re.findall(r"\d+", text) if len(d) <= 3} | {1, 2, 7}
    return {n for n in candidates if glued_marker(n).search(text) or spaced_marker(n).search(text)}


def test_marker_numbers_are_the_markers_each_number_finds() -> None:
    lines = [line for p in FIXTURES.glob("*/source.txt") for line in p.read_text(encoding="utf-8").split("\n")]
    rng = random.Random(7)
    alphabet = "ab Z1203.,;:?!»”’)]%°_-\t٣"
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(10000)]
    lines += ["is?1", "Kit2", "gepubliceerd13.", "100.000", "nr. 182/2011. 13 Het", "a007", "x1234", "50%", "x7°"]
    for line in lines:
        assert marker_numbers(line) == _plain_markers(line), line


# The words in capitals that open a kind line, as first written: a group repeated with an optional space
# inside it, which splits a word of capitals in every possible way before a failing match gives up (a
# long line of capitals took seconds). The linear forms take one word at a time.
_PLAIN_CAPS_WORDS = re.compile(r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý'’.,-]*\s?)+(?=\s|$)")
_PLAIN_CAPS_PREFIX = re.compile(r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý'’.,-]*\d?\)?\s?)+(?=\s|$)")
_CAPS_ALPHABET = ["A", "Z", "É", "'", ".", ",", "-", "1", ")", " ", "\t", "a", "ë"]


def _caps_lines() -> list[str]:
    generator = random.Random(12)
    made = ["".join(generator.choice(_CAPS_ALPHABET) for _ in range(generator.randint(0, 14))) for _ in range(4000)]
    return made + ["KONINKLIJKE BOODSCHAP", "VERSLAG VAN DE COMMISSIE1 over het ontwerp", "ADRES' VAN", "A  B"]


@pytest.mark.parametrize(
    ("linear", "plain"),
    [("older:_CAPS_WORDS", _PLAIN_CAPS_WORDS), ("front:_CAPS_PREFIX", _PLAIN_CAPS_PREFIX)],
    ids=["kind words of an older paper", "kind words of a 1975-1995 header"],
)
def test_caps_words_read_as_their_plain_form(linear: str, plain: re.Pattern[str]) -> None:
    from convert.readers.kamerstuk import front, older

    module, name = linear.split(":")
    pattern = getattr({"front": front, "older": older}[module], name)
    for line in _caps_lines():
        got, expected = pattern.match(line), plain.match(line)
        assert (got.group(0).rstrip() if got else None) == (expected.group(0).rstrip() if expected else None), line
