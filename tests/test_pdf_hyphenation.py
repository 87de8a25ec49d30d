"""PDF hyphenation: compounds break at their joints before inside a part, and the print's own
line-end breaks (which the reader undid) are the points the writer prefers for those words."""

from __future__ import annotations

import pytest

from convert.hyphenation import compound_joints, dutch_hyphenator
from convert.model import Text
from convert.readers import read
from convert.style import load_style
from convert.writers.pdf import breaking
from convert.writers.pdf.fonts import block_styles
from convert.writers.pdf.lines import InlineBuilder, Line
from convert.writers.pdf.structure import Element


@pytest.mark.parametrize(
    ("word", "joints"),
    [
        ("vroeginterventie", (5,)),
        ("welzijnsbeleid", (8,)),  # the linking s stays with the first part
        ("drugsbeleid", (5,)),
        ("hulpaanbod", (4,)),
        ("interventie", ()),  # a word of its own, no compound
        ("opmerkingen", ()),
        ("Kamerdebatten", (5,)),
    ],
)
def test_compounds_are_split_at_their_joints(word: str, joints: tuple[int, ...]) -> None:
    assert compound_joints(word) == joints


def test_vroeginterventie_breaks_as_vroeg_interventie() -> None:
    positions, joints = dutch_hyphenator(3, 3).compound_positions("vroeginterventie")
    assert 5 in positions and 4 not in positions and joints == {5}  # not "vroe-ginterventie"
    # a line with room for "Een vroeg-" but not for "Een vroegin-": before, "Een vroe-"
    assert first_line_break("Een vroeginterventie", width_of("Een vroeg-") + 0.5) == "Een vroeg-"


def body_words(text: str) -> list:  # type: ignore[type-arg]
    style = block_styles(load_style("default"))["body"]
    return InlineBuilder(style, "nl", lambda note: "").build((Text(text),), Element("P"))


def shown(line: Line) -> str:
    return "".join(p.text for p in line.pieces).rstrip() + ("-" if line.hyphen else "")


def width_of(text: str) -> float:
    words = body_words(text)
    return breaking.Breaker(words, False).lines(1e6)[0].width


def first_line_break(text: str, width: float, print_breaks: dict[str, tuple[int, ...]] | None = None) -> str:
    """The first line of ``text`` set ``width`` wide."""
    return shown(breaking.Breaker(body_words(text), True, breaking.PrintPoints(print_breaks or {})).lines(width)[0])


def test_a_compound_breaks_at_its_joint_rather_than_inside_a_part() -> None:
    # room for "drugsbe-" as well as for "drugs-": with the spaces of a full line to take up the
    # difference, the joint is chosen (patterns alone would fill the line: "drugsbe-")
    first = "Het door de minister van justitie en veiligheid gevoerde"
    width = width_of(f"{first} drugsbe-") + 0.5
    assert first_line_break(f"{first} drugsbeleid is streng", width) == f"{first} drugs-"


def test_the_prints_own_break_is_a_preferred_point() -> None:
    words = body_words("Een behandeling")
    hyphens = lambda items: [i for i, kind in enumerate(items.kinds) if kind == breaking.HYPHEN]  # noqa: E731
    plain = breaking._base_items(words, True, breaking.PrintPoints({}))
    printed = breaking._base_items(words, True, breaking.PrintPoints({"behandeling": (7,)}))
    assert hyphens(plain) == hyphens(printed) and not plain.preferred
    (at_seven,) = [i for i in hyphens(printed) if "".join(p.text for p in _line_pieces(printed, i)).endswith("behande")]
    assert printed.preferred == {at_seven}
    assert breaking.PREFERRED_HYPHEN_DEMERITS < breaking.HYPHEN_DEMERITS


def _line_pieces(items, end):  # type: ignore[no-untyped-def]
    return breaking._line(items, -1, end).pieces


def test_the_reader_keeps_the_prints_breaks_it_undid() -> None:
    source = "Kamerstuk\n\nHet kabinet zet in op vroeginterven-\ntie en op behande-\nling.\n"
    doc = read(source)
    breaks = {(b.word, b.position) for b in doc.print_breaks}
    assert ("vroeginterventie", 13) in breaks and ("behandeling", 7) in breaks
    # a hyphen that stays (a capital after it) is no print break
    kept = read("Kamerstuk\n\nDe Staten-\nGeneraal vergadert.\n")
    assert not kept.print_breaks


def test_print_breaks_reach_the_pdf_writers_breaker() -> None:
    from convert.writers.pdf.layout import print_points

    doc = read("Kamerstuk\n\nHet kabinet zet in op vroeginterven-\ntie en op behande-\nling.\n")
    assert print_points(doc)["vroeginterventie"] == (13,)
    assert breaking.printed_points("vroeginterventie,", print_points(doc)) == (13,)


@pytest.mark.parametrize(
    ("word", "position"),
    [("afdeeling", 5), ("begrooting", 6), ("ondergeteekende", 7), ("noodig", 3), ("zoodanig", 3)],
)
def test_old_spelling_breaks_after_the_doubled_vowel_of_an_open_syllable(word: str, position: int) -> None:
    """Before 1947 an open syllable doubled its vowel (afdeeling = afdeling): the print broke after it."""
    assert position in dutch_hyphenator(2, 2).compound_positions(word)[0]
    assert position not in dutch_hyphenator(2, 2).positions(word)  # the modern patterns alone miss it
