"""The model's invariants and the reading order that every writer follows."""

from __future__ import annotations

import dataclasses

import pytest

from convert.model import Closing, Document, Foreign, Heading, Lines, Meta, Note, Paragraph, Signatory, Text
from convert.text import front_matter, plain_text
from convert.walk import notes, page_starts
from tests.samples import every_node_document


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Heading(0, ()), "heading level must be 1..6"),
        (lambda: Heading(7, ()), "heading level must be 1..6"),
        (lambda: Meta(title="  "), "needs a title"),
        (lambda: Meta(title="x", lang=""), "needs a language"),
        (lambda: Foreign((Text("x"),), ""), "needs a language tag"),
        (lambda: Lines(3, 2), "bad source line range"),
    ],
)
def test_invalid_nodes_are_refused(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()  # type: ignore[operator]


def test_nodes_are_immutable() -> None:
    paragraph = Paragraph((Text("a"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        paragraph.children = ()  # type: ignore[misc]


def test_source_lines_do_not_change_equality() -> None:
    assert Paragraph((Text("a"),), lines=Lines(1, 2)) == Paragraph((Text("a"),), lines=Lines(5, 9))


def test_signatories_come_from_the_closing_blocks() -> None:
    doc = Document(Meta(title="t"), (Paragraph((Text("x"),)), Closing((Signatory("A", "De Minister"),))))
    assert doc.signatories == (Signatory("A", "De Minister"),)


def test_notes_and_page_starts_in_reading_order() -> None:
    doc = every_node_document()
    assert [n.label for n in notes(doc)] == ["1", "2"]
    assert [p.label for p in page_starts(doc)] == ["1", "2"]


def test_reading_order_is_front_matter_body_then_notes() -> None:
    doc = Document(
        Meta(title="Titel", paper_number="5"),
        (Paragraph((Text("Tekst"), Note("1", (Paragraph((Text("Noot."),)),)))),),
    )
    assert plain_text(doc) == "Nr. 5\nTitel\nTekst1\n1 Noot."


def test_front_matter_of_a_letter_prints_place_and_date() -> None:
    doc = every_node_document()
    fields = dict(front_matter(doc.meta))
    assert fields["place_date"] == "Den Haag, 11 maart 2024"
    assert fields["number"] == "Nr. 339d"
    assert "date" not in fields
