"""An unrecognised text takes its title from its first line, but never swallows a long line whole."""

from __future__ import annotations

from convert.readers import read
from convert.readers.kamerstuk import TITLE_LIMIT
from convert.text import plain_text


def test_short_first_line_becomes_the_title_and_leaves_the_body() -> None:
    doc = read("Een notitie\n\nDe tekst van de notitie.\n")
    assert doc.meta.title == "Een notitie"
    assert plain_text(doc) == "Een notitie\nDe tekst van de notitie."


def test_long_first_line_stays_text_and_the_title_is_its_start() -> None:
    line = " ".join(["woord"] * 2000)
    doc = read(line + "\n")
    assert len(doc.meta.title) <= TITLE_LIMIT + 2 and doc.meta.title.endswith(" …")
    assert doc.meta.title.removesuffix(" …") in line
    assert plain_text(doc).count("woord") == 2000 + doc.meta.title.count("woord")
